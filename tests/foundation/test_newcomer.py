"""What a newcomer meets on `make run`: the commands it prints work, and the port is the one asked for."""
import io
import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command

BASE_DIR = Path(__file__).resolve().parents[2]


@pytest.mark.django_db
def test_the_printed_totp_helper_runs_with_the_projects_python(settings, staff_roles):
    settings.DEBUG = True  # demo_accounts refuses to run without it
    out = io.StringIO()
    call_command("demo_accounts", stdout=out)
    command = re.search(r"print the current code: (DEBUG=true .*)", out.getvalue()).group(1)
    words = shlex.split(command)
    interpreter = words[1]
    assert words[0] == "DEBUG=true" and words[2:4] == ["manage.py", "shell"]
    # From the project's directory, without the virtualenv on PATH (a fresh terminal): a bare
    # `python` there has none of the project's packages, or does not exist at all.
    shell_path = {"PATH": "/usr/bin:/bin"}
    found = subprocess.run([interpreter, "-c", "import django_otp"], cwd=BASE_DIR, env=shell_path,
                           capture_output=True) if "/" in interpreter else None
    assert found is not None and found.returncode == 0, f"{interpreter} cannot run the helper"


def _site_url(**env):
    environment = {key: value for key, value in os.environ.items() if key not in ("SITE_URL", "PORT")}
    environment.update(env, DJANGO_SETTINGS_MODULE="kpp_portal.settings")
    return subprocess.run(
        [sys.executable, "-c", "from django.conf import settings; print(settings.SITE_URL)"],
        cwd=BASE_DIR, env=environment, capture_output=True, text=True, check=True).stdout.strip()


def test_the_default_site_url_follows_the_port():
    # The demo's e-mails link to SITE_URL: on `make run PORT=8001` they must say 8001.
    assert _site_url(PORT="8001") == "http://127.0.0.1:8001"
    assert _site_url() == "http://127.0.0.1:8000"
    assert _site_url(PORT="8001", SITE_URL="https://portal.example/") == "https://portal.example"


def test_make_passes_the_port_to_the_settings():
    makefile = (BASE_DIR / "Makefile").read_text()
    assert re.search(r"^export PORT$", makefile, re.M)
