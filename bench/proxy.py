"""The reverse proxy as shipped: gunicorn behind deploy/nginx/kpp-portal.conf, checked from outside.

    python -m bench.proxy [--http-port 8174] [--https-port 8175]

Renders deploy/nginx/kpp-portal.conf with only its ports and paths replaced (IPv4 loopback
ports; a scratch directory for the socket, static and media files, logs and a self-signed
certificate), starts gunicorn with production settings (BEHIND_PROXY=true,
TRUSTED_PROXY_HOPS=1, the HTTPS redirect on) on the unix socket, and Debian's nginx in front.
gunicorn writes an access log of the headers it received, for this drill only. Then checks:

  1. nginx writes no access-log or error-log line for /complaints/ (other paths: it does);
  2. nginx passes no client address or user agent to the app on /complaints/ (elsewhere: it does);
  3. a body over client_max_body_size is refused by nginx, before it is sent, and never reaches gunicorn;
  4. report submissions are limited per address by nginx (the app cannot, without the address);
  5. /media/ answers with nosniff, a sandboxing CSP and Content-Disposition;
  6. static files with a hashed name come with far-future caching;
  7. the portal sees HTTPS through X-Forwarded-Proto (no redirect, HSTS), and plain HTTP is
     redirected by nginx.

Needs Debian's nginx (apt-get install nginx), PostgreSQL from DATABASE_URL (default kpp_load).
Prints PASS/FAIL per check and exits 1 if any fails. Traffic stays on 127.0.0.1.
"""
import argparse
import datetime
import http.client
import json
import os
import re
import shutil
import socket
import ssl
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.common import REPO, prepare, production_env

NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
SITE_CONFIG = REPO / "deploy" / "nginx" / "kpp-portal.conf"
HOST = "www.kppmu.go.th"
BODY_LIMIT = 55 * 1024 * 1024  # client_max_body_size 55m
# What gunicorn records of each request: the path, then the headers nginx may have passed on.
ACCESS_FORMAT = "%(U)s %(m)s xff=%({x-forwarded-for}i)s xri=%({x-real-ip}i)s fwd=%({forwarded}i)s ua=%(a)s"
YEAR = 365 * 24 * 3600


def free_ports(start, count=2):
    """`count` ports from `start` up that nothing listens on (for a test on a shared machine)."""
    found = []
    port = start
    while len(found) < count:
        with socket.socket() as probe:
            try:
                probe.bind(("127.0.0.1", port))
                found.append(port)
            except OSError:
                pass
        port += 1
    return found


def render_site(work, http_port, https_port):
    """The shipped configuration with its ports and paths pointing into `work`."""
    replacements = [
        ("listen 80;", f"listen 127.0.0.1:{http_port};"),
        ("    listen [::]:80;\n", ""),
        ("listen 443 ssl http2;", f"listen 127.0.0.1:{https_port} ssl http2;"),
        ("    listen [::]:443 ssl http2;\n", ""),
        ("/etc/letsencrypt/live/www.kppmu.go.th/", f"{work}/tls/"),
        ("/var/www/letsencrypt", f"{work}/acme"),
        ("/run/kpp-portal/gunicorn.sock", f"{work}/run/gunicorn.sock"),
        ("/srv/kpp-portal/deploy/", f"{REPO}/deploy/"),
        ("/srv/kpp-portal/staticfiles/", f"{work}/static/"),
        ("/var/lib/kpp-portal/media/", f"{work}/media/"),
    ]
    text = SITE_CONFIG.read_text(encoding="utf-8")
    for old, new in replacements:
        if old not in text:
            raise SystemExit(f"{SITE_CONFIG} no longer contains {old!r}: update bench/proxy.py")
        text = text.replace(old, new)
    (work / "kpp-portal.conf").write_text(text, encoding="utf-8")
    user = "user root;\n" if os.geteuid() == 0 else ""  # workers read the scratch directory
    temp = "\n".join(f"    {kind}_temp_path {work}/nginx/{kind};" for kind in
                     ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
    # The parts of Debian's /etc/nginx/nginx.conf the site relies on, with logs in `work`.
    (work / "nginx.conf").write_text(f"""{user}worker_processes 1;
pid {work}/nginx/nginx.pid;
error_log {work}/log/error.log;
events {{ worker_connections 128; }}
http {{
    sendfile on;
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    access_log {work}/log/access.log;
    gzip on;
{temp}
    include {work}/kpp-portal.conf;
}}
""", encoding="utf-8")


def self_signed_certificate(directory):
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, HOST)])
    now = datetime.datetime.now(datetime.UTC)
    certificate = (
        x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(minutes=5))
        .not_valid_after(now + datetime.timedelta(days=1))
        .add_extension(x509.SubjectAlternativeName([x509.DNSName(HOST)]), critical=False)
        .sign(key, hashes.SHA256())
    )
    directory.mkdir(parents=True)
    (directory / "fullchain.pem").write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
    (directory / "privkey.pem").write_bytes(key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()))


class Answer:
    def __init__(self, status, headers, body):
        self.status, self.headers, self.body = status, headers, body

    def header(self, name):
        values = [value for key, value in self.headers if key.lower() == name.lower()]
        return values[0] if values else None

    def all(self, name):
        return [value for key, value in self.headers if key.lower() == name.lower()]

    @property
    def text(self):
        return self.body.decode("utf-8", "replace")


class Drill:
    """gunicorn and nginx over a scratch directory; a context manager that always stops both."""

    def __init__(self, work, http_port, https_port, env_overrides=None):
        self.work, self.http_port, self.https_port = Path(work), http_port, https_port
        self.env_overrides = env_overrides or {}
        self.processes = []

    # Set-up

    def __enter__(self):
        for folder in ("run", "log", "static", "media", "private", "acme", "nginx"):
            (self.work / folder).mkdir(parents=True, exist_ok=True)
        self_signed_certificate(self.work / "tls")
        render_site(self.work, self.http_port, self.https_port)
        self.env = production_env(**{
            "DJANGO_SETTINGS_MODULE": "kpp_portal.settings", "ALLOWED_HOSTS": HOST,
            "SECURE_SSL_REDIRECT": "true", "BEHIND_PROXY": "true", "TRUSTED_PROXY_HOPS": "1",
            "STATIC_ROOT": self.work / "static", "MEDIA_ROOT": self.work / "media",
            "PRIVATE_MEDIA_ROOT": self.work / "private", **self.env_overrides,
        })
        prepare(self.env)
        try:
            self._start_gunicorn()
            self._start_nginx()
            self._wait_until_served()
        except BaseException:
            self.__exit__()
            raise
        return self

    def _start_gunicorn(self):
        log = open(self.work / "log" / "gunicorn.log", "w")
        self.processes.append(subprocess.Popen([
            sys.executable, "-m", "gunicorn", "kpp_portal.wsgi:application", "--workers", "2",
            "--bind", f"unix:{self.work}/run/gunicorn.sock", "--umask", "007",
            "--access-logfile", str(self.work / "log" / "gunicorn-access.log"),
            "--access-logformat", ACCESS_FORMAT, "--log-level", "warning",
        ], cwd=REPO, env=self.env, stdout=log, stderr=subprocess.STDOUT))

    def _start_nginx(self):
        command = [NGINX, "-p", str(self.work), "-e", str(self.work / "log" / "error.log"),
                   "-c", str(self.work / "nginx.conf")]
        check = subprocess.run([*command, "-t", "-q"], capture_output=True, text=True)
        if check.returncode:
            raise SystemExit(f"nginx refuses the configuration:\n{check.stderr}")
        log = open(self.work / "log" / "nginx.out", "w")
        self.processes.append(
            subprocess.Popen([*command, "-g", "daemon off;"], stdout=log, stderr=subprocess.STDOUT))

    def _wait_until_served(self, timeout=60):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            for process in self.processes:
                if process.poll() is not None:
                    raise SystemExit(f"{process.args[0]} exited; see {self.work / 'log'}")
            try:
                if self.https("GET", "/healthz").status == 200:
                    return
            except OSError:
                pass
            time.sleep(0.3)
        raise SystemExit(f"nothing answered through nginx in {timeout} s; see {self.work / 'log'}")

    def __exit__(self, *exc):
        for process in reversed(self.processes):  # by the ids this drill started, nothing else
            if process.poll() is None:
                process.terminate()
                try:
                    process.wait(10)
                except subprocess.TimeoutExpired:
                    process.kill()
                    process.wait()
        self.processes = []

    # Requests (always to 127.0.0.1)

    def https(self, method, path, body=None, headers=None):
        context = ssl.create_default_context()
        context.check_hostname = False
        context.verify_mode = ssl.CERT_NONE  # our own self-signed certificate on the loopback
        connection = http.client.HTTPSConnection("127.0.0.1", self.https_port, timeout=15, context=context)
        return self._send(connection, method, path, body, headers)

    def http(self, method, path):
        return self._send(http.client.HTTPConnection("127.0.0.1", self.http_port, timeout=15), method, path)

    @staticmethod
    def _send(connection, method, path, body=None, headers=None):
        try:
            connection.request(method, path, body=body, headers={
                "Host": HOST, "User-Agent": "proxy-drill/1.0", **(headers or {})})
            raw = connection.getresponse()
            return Answer(raw.status, raw.getheaders(), raw.read())
        finally:
            connection.close()

    def announce_large_body(self, path, length):
        """Send only the headers of a POST of `length` bytes; nginx must answer at once."""
        context = ssl.create_default_context()
        context.check_hostname = False
        context.verify_mode = ssl.CERT_NONE
        with socket.create_connection(("127.0.0.1", self.https_port), timeout=15) as raw:
            with context.wrap_socket(raw, server_hostname=HOST) as tls:
                tls.sendall((f"POST {path} HTTP/1.1\r\nHost: {HOST}\r\nUser-Agent: proxy-drill/1.0\r\n"
                             f"Content-Type: multipart/form-data; boundary=x\r\nContent-Length: {length}\r\n"
                             "Connection: close\r\n\r\n").encode())
                started = time.monotonic()
                response = http.client.HTTPResponse(tls)
                response.begin()
                answer = Answer(response.status, response.getheaders(), response.read())
                return answer, time.monotonic() - started

    # What the servers wrote

    def log(self, name):
        path = self.work / "log" / name
        return path.read_text(encoding="utf-8", errors="replace").splitlines() if path.exists() else []

    def app_saw(self, path_prefix):
        return [line for line in self.log("gunicorn-access.log") if line.startswith(path_prefix)]


def check(results, name, ok, detail):
    results.append((name, ok, detail))
    print(f"{'PASS' if ok else 'FAIL'}  {name}: {detail}")


def _channel_logs(drill, results):
    access, errors = drill.log("access.log"), drill.log("error.log")
    channel = [line for line in access + errors if "/complaints" in line]
    contrast = any('"GET / ' in line for line in access) and any("/feedback/" in line for line in errors)
    check(results, "no log line for /complaints/", contrast and not channel,
          f"{len(access)} access-log and {len(errors)} error-log lines for other paths, "
          f"{len(channel)} for /complaints/" + (f": {channel[:2]}" if channel else ""))


def _channel_headers(drill, results):
    fields = ("xff", "xri", "fwd", "ua")
    channel = drill.app_saw("/complaints/")
    leaked = [line for line in channel if not all(f"{field}=-" in line for field in fields)]
    elsewhere = drill.app_saw("/ ") + drill.app_saw("/feedback/")
    passed_elsewhere = any("xff=127.0.0.1" in line and "ua=proxy-drill/1.0" in line for line in elsewhere)
    check(results, "no address or user agent passed on for /complaints/",
          bool(channel) and not leaked and passed_elsewhere,
          f"{len(channel)} requests reached the app without X-Forwarded-For, X-Real-IP, Forwarded or "
          f"User-Agent (a forged X-Forwarded-For dropped too); other paths get the address"
          + (f"; leaked: {leaked[:2]}" if leaked else ""))


def _body_limit(drill, results, refused, seconds):
    reached = [line for line in drill.app_saw("/complaints/report/") + drill.app_saw("/feedback/")
               if " POST " in line]
    check(results, "a body over the limit is refused by nginx",
          refused.status == 413 and "ขนาดใหญ่เกินไป" in refused.text and seconds < 5 and not reached,
          f"{BODY_LIMIT + 1} bytes announced: {refused.status} after {seconds * 1000:.0f} ms with no byte "
          f"of the body sent, Thai page; gunicorn saw {len(reached)} of these POSTs")


def _media(drill, results):
    media = drill.work / "media"
    files = {"docs/order.pdf": b"%PDF-1.4\n<html><script>alert(1)</script>",
             "docs/page.html": b"<html><script>alert(1)</script></html>",
             "news/photo.jpg": b"\xff\xd8\xff\xe0 a picture"}
    for name, content in files.items():
        (media / name).parent.mkdir(exist_ok=True)
        (media / name).write_bytes(content)
    answers = {name: drill.https("GET", f"/media/{name}") for name in files}

    def protected(name, answer):
        disposition = "inline" if name.endswith(".jpg") else "attachment"
        return (answer.status == 200 and answer.header("X-Content-Type-Options") == "nosniff"
                and "sandbox" in (answer.header("Content-Security-Policy") or "")
                and answer.header("Content-Disposition") == disposition)

    policy = answers["docs/page.html"].header("Content-Security-Policy")
    seen = ", ".join(f"{name} {answer.status} {answer.header('Content-Disposition')}"
                     for name, answer in answers.items())
    check(results, "/media/ headers", all(protected(name, answer) for name, answer in answers.items()),
          f"nosniff, CSP {policy!r}, Content-Disposition: {seen}")


def _static(drill, results):
    manifest = json.loads((drill.work / "static" / "staticfiles.json").read_text(encoding="utf-8"))["paths"]
    hashed_path = f"/static/{manifest['css/portal.css']}"
    hashed = drill.https("GET", hashed_path, headers={"Accept-Encoding": "gzip"})
    plain = drill.https("GET", "/static/css/portal.css")
    age = int(re.search(r"max-age=(\d+)", hashed.header("Cache-Control") or "max-age=0").group(1))
    check(results, "far-future caching of static files",
          hashed.status == 200 and age >= YEAR and "max-age=3600" in (plain.header("Cache-Control") or ""),
          f"{hashed_path}: {hashed.header('Cache-Control')}, "
          f"{hashed.header('Content-Encoding') or 'uncompressed'}; "
          f"an unhashed name: {plain.header('Cache-Control')}")


def _https(drill, results):
    home = drill.https("GET", "/")
    hsts = home.header("Strict-Transport-Security")
    redirected = drill.http("GET", "/about/")
    location = redirected.header("Location")
    check(results, "the portal sees HTTPS",
          home.status == 200 and bool(hsts) and redirected.status == 301 and location == f"https://{HOST}/about/",
          f"https://…/ answers {home.status} (no redirect) with HSTS {hsts!r}; "
          f"http://…/about/ answers {redirected.status} {location}")


def run_checks(drill):
    """Send the traffic, then look at what each server kept and answered."""
    results = []
    forged = {"X-Forwarded-For": "203.0.113.50", "X-Real-IP": "203.0.113.50"}
    drill.https("GET", "/")
    drill.https("GET", "/feedback/")
    for path in ("/complaints/", "/complaints/report/", "/complaints/track/"):
        drill.https("GET", path, headers=forged)
    drill.http("GET", "/complaints/report/")
    form = {"Content-Type": "application/x-www-form-urlencoded"}
    posts = [drill.https("POST", "/complaints/track/", body=b"receipt=1", headers=form).status
             for _ in range(8)]
    refused, seconds = drill.announce_large_body("/complaints/report/", BODY_LIMIT + 1)
    drill.announce_large_body("/feedback/", BODY_LIMIT + 1)  # elsewhere, for the error log's contrast
    time.sleep(0.5)  # gunicorn writes its access log after the response

    _channel_logs(drill, results)
    _channel_headers(drill, results)
    _body_limit(drill, results, refused, seconds)
    check(results, "report submissions limited per address by nginx",
          posts[:6].count(429) == 0 and posts.count(429) >= 1,
          f"8 quick POSTs from one address: {posts} (5 at once, then one a minute)")
    _media(drill, results)
    _static(drill, results)
    _https(drill, results)
    return results


def main(argv=None):
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--http-port", type=int, default=8174)
    parser.add_argument("--https-port", type=int, default=8175)
    args = parser.parse_args(argv)
    if not Path(NGINX).exists():
        raise SystemExit("nginx is not installed (apt-get install nginx)")
    with tempfile.TemporaryDirectory(prefix="kpp-proxy-") as work:
        with Drill(work, args.http_port, args.https_port) as drill:
            results = run_checks(drill)
    failed = [name for name, ok, _detail in results if not ok]
    print(f"{len(results) - len(failed)} passed, {len(failed)} failed")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
