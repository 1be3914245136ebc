"""deploy/ holds what the README promises: a unit or timer for every process and cron job, and
proxy limits that match the portal's settings."""
import re
import shutil
import subprocess
import sys
from pathlib import Path

from django.conf import settings

from tests.conftest import require

REPO = Path(settings.BASE_DIR)
DEPLOY = REPO / "deploy"
NGINX_SITE = (DEPLOY / "nginx" / "kpp-portal.conf").read_text(encoding="utf-8")
GUNICORN_UNIT = (DEPLOY / "systemd" / "kpp-portal.service").read_text(encoding="utf-8")


def cron_commands():
    """The management commands the README's table says run from cron."""
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    return re.findall(r"^\| `manage\.py (\w+)[^`]*` \| cron\b", readme, re.MULTILINE)


def test_every_cron_command_of_the_readme_has_a_timer():
    commands = cron_commands()
    assert {"complaint_reminders", "purge_reports", "clearsessions"} <= set(commands)
    for command in commands:
        timer = DEPLOY / "systemd" / f"kpp-portal-{command}.timer"
        assert timer.exists(), f"no {timer.name} for manage.py {command}"
        assert f"Unit=kpp-portal-task@{command}.service" in timer.read_text(encoding="utf-8")
    assert "ExecStart=/srv/kpp-portal/.venv/bin/python manage.py %i" in (
        DEPLOY / "systemd" / "kpp-portal-task@.service").read_text(encoding="utf-8")


def test_the_units_are_valid_systemd(tmp_path):
    require(None if shutil.which("systemd-analyze")
            else "systemd-analyze not found (apt-get install systemd)")
    for unit in (DEPLOY / "systemd").iterdir():
        # Only the installation path changes: this checkout and its .venv stand in for /srv/kpp-portal.
        text = unit.read_text(encoding="utf-8").replace("/srv/kpp-portal", str(REPO))
        (tmp_path / unit.name).write_text(text)
    result = subprocess.run(["systemd-analyze", "verify", *sorted(str(path) for path in tmp_path.iterdir())],
                            capture_output=True, text=True)
    problems = [line for line in result.stderr.splitlines() if "kpp-portal" in line]
    assert result.returncode == 0 and not problems, result.stderr


def test_gunicorn_listens_only_on_the_socket_nginx_uses():
    socket = re.search(r"--bind unix:(\S+)", GUNICORN_UNIT).group(1)
    assert f"server unix:{socket} " in NGINX_SITE
    assert "--access-logfile" not in GUNICORN_UNIT  # request lines would name /complaints/ visits


def test_the_proxy_refuses_what_the_portal_refuses():
    megabytes = int(re.search(r"client_max_body_size (\d+)m;", NGINX_SITE).group(1))
    assert megabytes * 1024 * 1024 == settings.REQUEST_MAX_BYTES


def test_expensive_work_takes_at_most_half_of_the_shipped_workers():
    """A flood of pictures or of receipt look-ups from many addresses must leave workers for
    pages (bench.proxy's floods measure it): the app's slots and nginx's cap on E-Service POSTs
    in flight are half of the unit's workers."""
    workers = int(re.search(r"^Environment=WEB_CONCURRENCY=(\d+)$", GUNICORN_UNIT, re.MULTILINE).group(1))
    assert "--workers" not in GUNICORN_UNIT, "one number of workers, read by gunicorn and the portal"
    cap = int(re.search(r"limit_conn kpp_service_posts_at_once (\d+);", NGINX_SITE).group(1))
    assert cap == workers // 2
    subprocess_env = {"WEB_CONCURRENCY": str(workers), "PATH": "/usr/bin:/bin"}
    code = "from django.conf import settings as s; print(s.WORK_SLOTS['files'], s.WORK_SLOTS['argon2id'])"
    shown = subprocess.run([sys.executable, "-c",
                            f"import django, os; os.environ.setdefault('DJANGO_SETTINGS_MODULE', "
                            f"'kpp_portal.settings'); django.setup(); {code}"],
                           cwd=REPO, env={**subprocess_env, "DEBUG": "true"}, capture_output=True, text=True)
    assert shown.stdout.split() == [str(workers // 2)] * 2, shown.stderr
