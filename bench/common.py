"""What every benchmark and drill shares: production-like environment, gunicorn, a tiny client.

The portal is served exactly as in production (DEBUG off, whitenoise with the manifest,
PostgreSQL, 2 sync workers) except that the HTTPS redirect is off because everything speaks
plain HTTP on the loopback, and the settings module adds the bench-only URLs (bench/urls.py).
"""
import http.client
import json
import os
import statistics
import subprocess
import sys
import time
import urllib.parse
import uuid
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
RESULTS = REPO / "bench" / "results"
PYTHON = sys.executable
DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/kpp_load"
DEFAULT_CACHE_URL = "redis://127.0.0.1:6379/7"
# Ports 8169-8179 belong to these benchmarks on the shared machine.
HTTP_PORT, SCALE_PORTS, FAULTS_PORT, PRIVATE_PG_PORT = 8170, (8171, 8172), 8173, 8179
MINIMAL_PORT = 8169  # bench.http's no-middleware ceiling (bench/minimal.py)


def production_env(**overrides):
    """The environment of a production app server, pointed at the loopback services."""
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="bench.settings",
        DEBUG="false",
        SECRET_KEY=os.environ.get("SECRET_KEY", "bench-only-secret-key-" + "x" * 40),
        ALLOWED_HOSTS="127.0.0.1,localhost",
        SECURE_SSL_REDIRECT="false",
        DATABASE_URL=os.environ.get("DATABASE_URL", DEFAULT_DATABASE_URL),
        CACHE_URL=os.environ.get("CACHE_URL", DEFAULT_CACHE_URL),
        LOG_LEVEL="WARNING",
        # The anti-corruption channel refuses to start without its keys: bench-only values.
        COMPLAINT_ENCRYPTION_KEYS=os.environ.get(
            "COMPLAINT_ENCRYPTION_KEYS", "YmVuY2gtb25seS1jb21wbGFpbnQta2V5LTAwMDAwMDA="),
        COMPLAINT_RECEIPT_PEPPER=os.environ.get("COMPLAINT_RECEIPT_PEPPER", "bench-only-receipt-pepper"),
        PYTHONPATH=str(REPO),
    )
    env.update({key: str(value) for key, value in overrides.items()})
    return env


def setup_django(**defaults):
    """Django inside this process, for the in-process benchmarks: settings from the environment
    with bench-only defaults (a key, no HTTPS redirect), and plain static URLs instead of the
    collected manifest (a dict lookup in production, so the figures hardly differ)."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kpp_portal.settings")
    bench_only = {name: value for name, value in production_env().items()
                  if name in ("SECRET_KEY", "COMPLAINT_ENCRYPTION_KEYS", "COMPLAINT_RECEIPT_PEPPER")}
    # PAGE_CACHE_SECONDS=0: these scripts measure rendering, not cache hits.
    for name, value in {**bench_only, "SECURE_SSL_REDIRECT": "false", "PAGE_CACHE_SECONDS": "0",
                        **defaults}.items():
        os.environ.setdefault(name, value)
    import django
    from django.conf import settings

    # Before setup(): an app's ready() already opens the storages.
    settings.STORAGES = {**settings.STORAGES,
                         "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
    django.setup()


def timed(fn, repeat):
    """(median, slowest) milliseconds of `repeat` calls of fn()."""
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - start) * 1000)
    return statistics.median(samples), max(samples)


def measure_page(client, path, runs):
    """(median ms, slowest ms, queries of the last run) of GET `path` with a test client, the
    page's caches warmed by one request first."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(path)
    times = []
    for _ in range(runs):
        with CaptureQueriesContext(connection) as queries:
            start = time.perf_counter()
            response = client.get(path)
            if hasattr(response, "streaming_content"):
                b"".join(response.streaming_content)
            times.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, (path, response.status_code)
    return statistics.median(times), max(times), len(queries)


def manage(env, *args, quiet=True):
    """Run `manage.py ARGS` with ENV; raise with its output when it fails."""
    result = subprocess.run(
        [PYTHON, "manage.py", *args], cwd=REPO, env=env, capture_output=True, text=True
    )
    if result.returncode != 0:
        raise SystemExit(f"manage.py {' '.join(args)} failed:\n{result.stdout}{result.stderr}")
    if not quiet:
        print(result.stdout, end="")
    return result.stdout


def prepare(env):
    """Tables and the static manifest, as a deployment does before starting app servers."""
    manage(env, "migrate", "--noinput")
    manage(env, "collectstatic", "--noinput")


class Gunicorn:
    """gunicorn serving the portal (or another WSGI APP) on 127.0.0.1:PORT; a context manager
    that always stops it."""

    def __init__(self, port, env, workers=2, log_name=None, app="kpp_portal.wsgi:application"):
        self.port, self.env, self.workers, self.app = port, env, workers, app
        RESULTS.mkdir(parents=True, exist_ok=True)
        self.log_path = RESULTS / (log_name or f"gunicorn-{port}.log")
        self.process = None

    @property
    def base(self):
        return f"http://127.0.0.1:{self.port}"

    def start(self, ready_timeout=30):
        self.log = open(self.log_path, "w")
        self.process = subprocess.Popen(
            [
                PYTHON, "-m", "gunicorn", self.app,
                "--bind", f"127.0.0.1:{self.port}", "--workers", str(self.workers),
                # Several servers run at once here: one shared control socket would be clobbered.
                "--no-control-socket",
                "--timeout", "30", "--graceful-timeout", "5", "--log-level", "warning",
            ],
            cwd=REPO, env=self.env, stdout=self.log, stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + ready_timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise SystemExit(f"gunicorn on port {self.port} exited; see {self.log_path}")
            try:
                if request("GET", self.base + "/bench/bare", timeout=2).status == 200:
                    return self
            except OSError:
                pass
            time.sleep(0.2)
        self.stop()
        raise SystemExit(f"gunicorn on port {self.port} did not answer in {ready_timeout} s")

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        if self.process:
            self.log.close()
        self.process = None

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()


class Response:
    def __init__(self, status, headers, body):
        self.status, self.headers, self.body = status, headers, body

    @property
    def text(self):
        return self.body.decode("utf-8", "replace")

    def json(self):
        return json.loads(self.body)

    def cookies(self):
        """name → value of every Set-Cookie (the Secure flag is ignored on the loopback)."""
        jar = {}
        for name, value in self.headers:
            if name.lower() == "set-cookie":
                pair = value.split(";", 1)[0]
                key, _, val = pair.partition("=")
                jar[key.strip()] = val.strip()
        return jar

    def header(self, name):
        for key, value in self.headers:
            if key.lower() == name.lower():
                return value
        return None


def request(method, url, body=None, headers=None, cookies=None, timeout=10):
    """One HTTP request without following redirects; cookies sent as given."""
    parts = urllib.parse.urlsplit(url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=timeout)
    headers = dict(headers or {})
    if cookies:
        headers["Cookie"] = "; ".join(f"{key}={value}" for key, value in cookies.items())
    path = parts.path + (f"?{parts.query}" if parts.query else "")
    try:
        connection.request(method, path, body=body, headers=headers)
        raw = connection.getresponse()
        return Response(raw.status, raw.getheaders(), raw.read())
    finally:
        connection.close()


def multipart(fields, files):
    """(body, content type) for a form post: fields {name: value or [values]},
    files {name: (filename, bytes, type) or [(filename, bytes, type), …]}."""
    boundary = uuid.uuid4().hex
    chunks = []
    for name, value in fields.items():
        values = value if isinstance(value, (list, tuple)) else [value]
        for item in values:
            chunks.append(
                f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{item}\r\n'.encode()
            )
    for name, value in files.items():
        for filename, content, content_type in value if isinstance(value, list) else [value]:
            chunks.append(
                (
                    f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; '
                    f'filename="{filename}"\r\n'
                    f"Content-Type: {content_type}\r\n\r\n"
                ).encode()
                + content
                + b"\r\n"
            )
    chunks.append(f"--{boundary}--\r\n".encode())
    return b"".join(chunks), f"multipart/form-data; boundary={boundary}"


def write_result(name, data):
    RESULTS.mkdir(parents=True, exist_ok=True)
    path = RESULTS / f"{name}-{time.strftime('%Y%m%d-%H%M%S', time.gmtime())}.json"
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
    return path
