"""Each page of bench.http served in this process: CPU per request, not throughput.

    python -m bench.cpu [--runs 50] [--only NAME] [--profile NAME]

On a shared machine req/s swings with the neighbours' load; the CPU time this process spends
per request (time.process_time over RUNS requests, after one warming request) does not, so it
is the figure to compare before and after a change. Each request goes to the WSGI application
as gunicorn would hand it over (no cookies, like wrk's), through the whole middleware stack
with the production settings (DEBUG off, cached template loader, the cache of CACHE_URL) and
PAGE_CACHE_SECONDS=0 unless the environment says otherwise. PostgreSQL's own CPU is not in the
figure; the query count is. The minimal app of bench.http (bench/minimal.py) is measured the
same way in a subprocess, for scale: gunicorn's own work per request (parsing, sockets), the
same for every page and for that app, is in neither figure.
--profile NAME prints a pyinstrument profile of that page's requests instead.
"""
import argparse
import io
import os
import re
import statistics
import subprocess
import sys
import time
import urllib.parse

MINIMAL_PATH = "/bench/bare"


def wsgi_get(application, path):
    """(status, body) of GET path, called as a WSGI server calls the application."""
    parts = urllib.parse.urlsplit(path)
    environ = {
        "REQUEST_METHOD": "GET", "PATH_INFO": parts.path, "QUERY_STRING": parts.query,
        "SERVER_NAME": "127.0.0.1", "SERVER_PORT": "80", "HTTP_HOST": "127.0.0.1",
        "SERVER_PROTOCOL": "HTTP/1.1", "REMOTE_ADDR": "127.0.0.1", "wsgi.url_scheme": "http",
        "wsgi.input": io.BytesIO(b""), "wsgi.errors": sys.stderr, "wsgi.version": (1, 0),
        "wsgi.multithread": False, "wsgi.multiprocess": True, "wsgi.run_once": False,
    }
    status = []
    result = application(environ, lambda code, headers, exc_info=None: status.append(code))
    try:
        body = b"".join(result)
    finally:
        if hasattr(result, "close"):
            result.close()
    return int(status[0].split()[0]), body


def cpu_per_request(application, path, runs):
    wsgi_get(application, path)
    start = time.process_time()
    for _ in range(runs):
        wsgi_get(application, path)
    return (time.process_time() - start) * 1000 / runs


def minimal_cpu(runs):
    """CPU ms per request of bench/minimal.py, in its own process (its own settings)."""
    output = subprocess.run(
        [sys.executable, "-m", "bench.cpu", "--minimal-only", "--runs", str(runs)],
        capture_output=True, text=True, check=True,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "bench.minimal"},
    ).stdout
    return float(output.split()[-1])


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=50)
    parser.add_argument("--only", help="only pages whose name contains this")
    parser.add_argument("--profile", help="pyinstrument profile of the page whose name contains this")
    parser.add_argument("--minimal-only", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)

    if args.minimal_only:
        from bench.minimal import application

        print(f"{cpu_per_request(application, MINIMAL_PATH, args.runs * 20):.4f}")
        return

    from bench.common import setup_django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")  # for /bench/bare
    setup_django(DEBUG="false")
    from django.core.wsgi import get_wsgi_application
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from bench.http import PAGES

    application = get_wsgi_application()

    def resolve(how):
        if isinstance(how, str):
            return how
        page, pattern = how
        for href in re.findall(r'href="([^"]+)"', wsgi_get(application, page)[1].decode()):
            href = urllib.parse.urlsplit(href).path if href.startswith("http") else href
            if href != page and re.match(pattern, href):
                return href
        return None

    pages = [("bare middleware stack", MINIMAL_PATH), *PAGES]
    if args.profile:
        from pyinstrument import Profiler

        name, how = next((name, how) for name, how in pages if args.profile in name)
        path = resolve(how)
        wsgi_get(application, path)
        with Profiler(interval=0.0005) as profiler:
            for _ in range(args.runs):
                wsgi_get(application, path)
        print(profiler.output_text(unicode=True, color=False, show_all=False))
        return

    minimal = minimal_cpu(args.runs)
    print(f"minimal app (bench/minimal.py): {minimal:.3f} ms CPU per request")
    print(f"{'page':<24} {'CPU ms':>7} {'wall ms':>7} {'queries':>7}  path")
    for name, how in pages:
        if args.only and args.only not in name and name != "bare middleware stack":
            continue
        path = resolve(how)
        if path is None or "/static/" in path:
            continue
        status, _body = wsgi_get(application, path)
        if status != 200:
            print(f"{name:<24} answered {status}: {path}")
            continue
        cpu = cpu_per_request(application, path, args.runs)
        samples = []
        for _ in range(min(args.runs, 20)):
            with CaptureQueriesContext(connection) as queries:
                start = time.perf_counter()
                wsgi_get(application, path)
                samples.append((time.perf_counter() - start) * 1000)
        print(f"{name:<24} {cpu:>7.2f} {statistics.median(samples):>7.2f}"
              f" {len(queries):>7}  {path}")


if __name__ == "__main__":
    main()
