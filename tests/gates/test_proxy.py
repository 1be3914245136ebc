"""The shipped reverse proxy, run for real: gunicorn behind deploy/nginx/kpp-portal.conf (the
drill of bench.proxy). CI installs Debian's nginx for it; locally it skips without nginx."""
from pathlib import Path
from urllib.parse import quote

import pytest
from django.conf import settings

from bench.proxy import NGINX, Drill, free_ports, run_checks
from tests.conftest import require

pytestmark = [pytest.mark.proxy, pytest.mark.postgres]


@pytest.fixture
def nginx():
    require(None if Path(NGINX).exists() else "nginx not found (apt-get install nginx)")


def test_gunicorn_behind_the_shipped_nginx(nginx, transactional_db, tmp_path):
    database = settings.DATABASES["default"]
    url = (f"postgres://{quote(database['USER'] or '')}:{quote(database['PASSWORD'] or '')}"
           f"@{database['HOST'] or '127.0.0.1'}:{database['PORT'] or 5432}/{database['NAME']}")
    http_port, https_port = free_ports(18080)
    with Drill(tmp_path, http_port, https_port, {"DATABASE_URL": url, "CACHE_URL": "locmem://"}) as drill:
        results = run_checks(drill)
    assert [name for name, ok, _detail in results if not ok] == [], results
