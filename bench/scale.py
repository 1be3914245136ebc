"""Two app servers, one portal: nothing an app server keeps alone may matter to the other.

    python -m bench.scale [--storage s3|local] [--cache redis|locmem]

Starts two gunicorn instances (ports 8171 and 8172) against one PostgreSQL (DATABASE_URL,
default kpp_load) and one Redis (CACHE_URL, default redis://127.0.0.1:6379/7). Each instance
gets its OWN media directories, as separate machines would. With --storage s3 (the default)
both use S3-compatible object storage: a local moto server on port 8178 stands in for the
municipality's object storage. Requests alternate between the two, and it checks:

  1. a rate limit reached through one server holds on the other (kpp_portal.antispam, cache);
  2. a session started on one is known to the other (database sessions);
  3. a file uploaded through one downloads, byte for byte, through the other (storage API);
  4. an anonymous corruption report filed on one is followed with its receipt on the other
     (when the complaints section is on this branch).

--storage local or --cache locmem show the failure each shared service prevents.
Exit status 1 if any check fails.
"""
import argparse
import hashlib
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.common import (
    DEFAULT_CACHE_URL,
    RESULTS,
    SCALE_PORTS,
    Gunicorn,
    multipart,
    prepare,
    production_env,
    request,
)
from bench.submit import LIMITS
from bench.views import RATE_LIMIT

S3_PORT = 8178
BUCKET = "kpp-bench"


class MotoS3:
    """A throw-away S3-compatible endpoint (moto) on the loopback."""

    def __enter__(self):
        binary = Path(sys.executable).parent / "moto_server"
        self.log = open(RESULTS / "scale-moto.log", "w")
        self.process = subprocess.Popen(
            [str(binary), "-H", "127.0.0.1", "-p", str(S3_PORT)], stdout=self.log, stderr=subprocess.STDOUT
        )
        import boto3

        client = boto3.client(
            "s3", endpoint_url=self.endpoint, region_name="us-east-1",
            aws_access_key_id="bench", aws_secret_access_key="bench",
        )
        for _ in range(50):
            try:
                client.create_bucket(Bucket=BUCKET)
                return self
            except Exception:  # not listening yet
                time.sleep(0.2)
        raise SystemExit("moto_server did not start; see bench/results/scale-moto.log")

    @property
    def endpoint(self):
        return f"http://127.0.0.1:{S3_PORT}"

    def env(self):
        return {
            "STORAGE_BACKEND": "s3", "S3_BUCKET": BUCKET, "S3_ENDPOINT_URL": self.endpoint,
            "S3_REGION": "us-east-1", "S3_ACCESS_KEY_ID": "bench", "S3_SECRET_ACCESS_KEY": "bench",
        }

    def __exit__(self, *exc):
        self.process.terminate()
        self.process.wait(10)
        self.log.close()


def check(results, name, ok, detail):
    results.append((name, ok))
    print(f"{'PASS' if ok else 'FAIL'}  {name}: {detail}")


def rate_limit_holds(servers, results):
    seen = []
    for attempt in range(RATE_LIMIT + 3):
        server = servers[attempt % 2]
        seen.append((server.port, request("GET", server.base + "/bench/ratelimit").status))
    print("      attempts (port, status): " + ", ".join(f"{port}:{status}" for port, status in seen))
    allowed = [status for _, status in seen[:RATE_LIMIT]]
    limited = seen[RATE_LIMIT:]
    ok = allowed == [200] * RATE_LIMIT and all(status == 429 for _, status in limited) and {
        port for port, _ in limited} == {s.port for s in servers}
    check(results, "rate limit shared", ok,
          f"limit {RATE_LIMIT}: the first {RATE_LIMIT} attempts over both servers allowed, "
          f"then 429 on both" if ok else "a server did not see the other's attempts")


def session_shared(servers, results):
    token = hashlib.sha256(os.urandom(8)).hexdigest()[:12]
    first = request("GET", f"{servers[0].base}/bench/session?set={token}")
    cookies = first.cookies()
    second = request("GET", f"{servers[1].base}/bench/session", cookies=cookies)
    value = second.json()["value"]
    check(results, "session shared", value == token,
          f"set {token} on :{servers[0].port}, read {value!r} on :{servers[1].port}")


def file_shared(servers, results):
    content = os.urandom(256 * 1024)
    body, content_type = multipart({}, {"file": ("evidence.bin", content, "application/octet-stream")})
    uploaded = request("POST", servers[0].base + "/bench/upload", body=body,
                       headers={"Content-Type": content_type})
    name = uploaded.json()["name"]
    downloaded = request("GET", f"{servers[1].base}/bench/files/{name}")
    same = (
        downloaded.status == 200
        and hashlib.sha256(downloaded.body).digest() == hashlib.sha256(content).digest()
    )
    check(results, "file shared", same,
          f"uploaded {len(content)} bytes as {name} through :{servers[0].port}, "
          f":{servers[1].port} answered {downloaded.status}"
          + (f", sha256 {hashlib.sha256(content).hexdigest()[:16]}… identical" if same else ""))


def report_followed(servers, results):
    from bench.submit import channel_available, file_report, follow_report, opens_own_report

    if not channel_available(servers[0].base):
        print("SKIP  report followed on the other server: the complaints section is not on this branch")
        return
    receipt = file_report(servers[0].base)
    if receipt is None:
        check(results, "report followed", False, f"filing on :{servers[0].port} failed")
        return
    heading = follow_report(servers[1].base, receipt)
    check(results, "report followed", opens_own_report(receipt, heading),
          f"{receipt[0]} filed on :{servers[0].port}; its receipt on :{servers[1].port} opens {heading!r}")


def clear_bench_rate_limits(cache_url):
    if cache_url.startswith("redis"):
        import redis

        client = redis.Redis.from_url(cache_url)
        for key in client.scan_iter("*ratelimit:*"):
            client.delete(key)


def main(argv=None):
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--storage", choices=["s3", "local"], default="s3")
    parser.add_argument("--cache", choices=["redis", "locmem"], default="redis")
    args = parser.parse_args(argv)

    cache_url = os.environ.get("CACHE_URL", DEFAULT_CACHE_URL) if args.cache == "redis" else "locmem://"
    RESULTS.mkdir(parents=True, exist_ok=True)
    base_env = production_env(CACHE_URL=cache_url, **LIMITS)
    prepare(base_env)
    clear_bench_rate_limits(cache_url)
    print(f"database {base_env['DATABASE_URL']}, cache {cache_url}, storage {args.storage}")

    results = []
    with tempfile.TemporaryDirectory(prefix="kpp-scale-") as disks:
        storage = MotoS3() if args.storage == "s3" else None
        storage_env = storage.__enter__().env() if storage else {}
        try:
            servers = []
            for port in SCALE_PORTS:
                env = production_env(
                    CACHE_URL=cache_url, **LIMITS, MEDIA_ROOT=f"{disks}/{port}/media",
                    PRIVATE_MEDIA_ROOT=f"{disks}/{port}/private", **storage_env,
                )
                servers.append(Gunicorn(port, env, log_name=f"scale-gunicorn-{port}.log").start())
            try:
                rate_limit_holds(servers, results)
                session_shared(servers, results)
                file_shared(servers, results)
                report_followed(servers, results)
            finally:
                for server in servers:
                    server.stop()
        finally:
            if storage:
                storage.__exit__(None, None, None)
    failed = [name for name, ok in results if not ok]
    print(f"{len(results) - len(failed)} passed, {len(failed)} failed")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
