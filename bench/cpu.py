"""Each page of bench.http rendered in this process: CPU per request, not throughput.

    python -m bench.cpu [--runs 50] [--only NAME] [--profile NAME]

On a shared machine req/s swings with the neighbours' load; the CPU time this process spends
per request (time.process_time over RUNS requests, after one warming request) does not, so it
is the figure to compare before and after a change. Every request is an anonymous visitor's
without cookies, like wrk's, through the whole middleware stack with the production settings
(DEBUG off, cached template loader, the cache of CACHE_URL) and PAGE_CACHE_SECONDS=0 unless the
environment says otherwise. PostgreSQL's own CPU is not in the figure; the query count is.
--profile NAME prints a pyinstrument profile of that page's requests instead.
"""
import argparse
import os
import re
import statistics
import time
import urllib.parse

from bench.common import setup_django

MINIMAL_PATH = "/bench/bare"


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=50)
    parser.add_argument("--only", help="only pages whose name contains this")
    parser.add_argument("--profile", help="pyinstrument profile of the page whose name contains this")
    args = parser.parse_args(argv)

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")  # for /bench/bare
    setup_django(DEBUG="false")
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from bench.http import PAGES

    client = Client(HTTP_HOST="127.0.0.1")

    def get(path):
        client.cookies.clear()  # wrk's visitor: no session, no CSRF cookie
        response = client.get(path)
        if hasattr(response, "streaming_content"):
            b"".join(response.streaming_content)
        return response

    def resolve(how):
        if isinstance(how, str):
            return how
        page, pattern = how
        for href in re.findall(r'href="([^"]+)"', get(page).content.decode()):
            href = urllib.parse.urlsplit(href).path if href.startswith("http") else href
            if href != page and re.match(pattern, href):
                return href
        return None

    pages = [("bare middleware stack", MINIMAL_PATH), *PAGES]
    if args.profile:
        from pyinstrument import Profiler

        name, how = next((name, how) for name, how in pages if args.profile in name)
        path = resolve(how)
        get(path)
        with Profiler(interval=0.0005) as profiler:
            for _ in range(args.runs):
                get(path)
        print(profiler.output_text(unicode=True, color=False, show_all=False))
        return

    print(f"{'page':<24} {'CPU ms':>7} {'median':>7} {'queries':>7}  path")
    for name, how in pages:
        if args.only and args.only not in name and name != "bare middleware stack":
            continue
        path = resolve(how)
        if path is None or "/static/" in path:
            continue
        response = get(path)
        if response.status_code != 200:
            print(f"{name:<24} answered {response.status_code}: {path}")
            continue
        samples = []
        cpu_start = time.process_time()
        for _ in range(args.runs):
            with CaptureQueriesContext(connection) as queries:
                start = time.perf_counter()
                get(path)
                samples.append((time.perf_counter() - start) * 1000)
        cpu = (time.process_time() - cpu_start) * 1000 / args.runs
        print(f"{name:<24} {cpu:>7.2f} {statistics.median(samples):>7.2f} {len(queries):>7}  {path}")


if __name__ == "__main__":
    main()
