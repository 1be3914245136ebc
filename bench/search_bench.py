"""The portal-wide search at the size of bench.dataset, uncached, one request at a time.

    export DATABASE_URL=postgres://postgres@127.0.0.1:5432/kpp_search_load
    .venv/bin/python -m bench.dataset
    .venv/bin/python -m bench.search_bench [--runs 40]

Starts gunicorn as bench.http does (production settings, 2 workers) with the public page cache
off (PAGE_CACHE_SECONDS=0), so every answer is the view's own work: parsing and segmenting the
query, the database, rendering. Sends every URL once a round for --runs rounds (after one
warm-up request per URL) and prints the median and p95 of the time to the whole answer, the number of results
and the size of the index. Target: median <= 50 ms for every query. Asserts nothing.
"""
import argparse
import os
import re
import statistics
import time
import urllib.parse

from bench.common import HTTP_PORT, Gunicorn, manage, prepare, production_env, request, write_result

TARGET_MEDIAN_MS = 50.0

# (what it shows, query string): common and rare words, a word inside compounds, several words,
# words never side by side (the every-word fallback), a section, a deep page, the catalogue.
QUERIES = [
    # For scale on a shared machine: Django's whole stack with no query, and a plain list page.
    ("(bare view, no database)", "/bench/bare"),
    ("(catalogue, no search)", "/disclosures/"),
    ("word in 1 of 6 documents", "/search/?q=ระบายน้ำ"),
    ("word in most sections", "/search/?q=ประชุม"),
    ("rare phrase", "/search/?q=ประกาศผู้ชนะการเสนอราคา โครงการที่ 4805"),
    ("word inside compounds", "/search/?q=ดำเนินงาน"),
    ("two words apart", "/search/?q=สาธารณสุข 2565"),
    ("every-word fallback", "/search/?q=ประกาศการศึกษา"),
    ("one section", "/search/?q=ระบายน้ำ&section=procurement"),
    ("page 20", "/search/?q=ระบายน้ำ&page=20"),
    ("nothing found", "/search/?q=ไม่มีคำนี้ในเว็บไซต์"),
    ("catalogue search", "/disclosures/?q=ระบายน้ำ"),
    ("catalogue search + year", "/disclosures/?q=ข้อบัญญัติ&year=2565"),
]


def percentile(samples, fraction):
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


INDEX_SIZE = (
    "from django.db.models import Count; from search.models import SearchEntry; "
    "print(', '.join(f'{s} {n:,}' for s, n in SearchEntry.objects.order_by('section')"
    ".values_list('section').annotate(n=Count('pk'))))"
)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=40)
    parser.add_argument("--port", type=int, default=HTTP_PORT)
    args = parser.parse_args(argv)

    env = production_env(PAGE_CACHE_SECONDS=0)
    print(f"database: {env['DATABASE_URL']}  page cache: off")
    prepare(env)
    sizes = manage(env, "shell", "--no-imports", "-c", INDEX_SIZE).strip()
    print(f"index: {sizes}")
    rows = []
    load_before = os.getloadavg()
    with Gunicorn(args.port, env, log_name="search-gunicorn.log") as server:
        urls, samples = {}, {path: [] for _name, path in QUERIES}
        for name, path in QUERIES:
            url = urls[path] = server.base + urllib.parse.quote(path, safe="/?=&")
            first = request("GET", url)  # warm-up: the worker's first segmentation loads the dictionary
            if first.status != 200:
                raise SystemExit(f"{path} answered {first.status}")
            found = re.search(r"พบ ([\d,]+) รายการ", first.text)
            rows.append({"name": name, "path": path, "results": found.group(1) if found else "?"})
        # Round by round, every URL once a round: a slow spell of the machine (a neighbour's
        # burst) falls on all the URLs alike instead of on the few measured at that moment.
        for _ in range(args.runs):
            for _name, path in QUERIES:
                started = time.perf_counter()
                response = request("GET", urls[path])
                samples[path].append((time.perf_counter() - started) * 1000)
                assert response.status == 200, (path, response.status)
        for row in rows:
            row.update(median_ms=round(statistics.median(samples[row["path"]]), 1),
                       p95_ms=round(percentile(samples[row["path"]], 0.95), 1))
    print(f"load average (1 min) before {load_before[0]:.1f}, after {os.getloadavg()[0]:.1f}"
          f" on {os.cpu_count()} cores; {args.runs} requests per URL, one at a time")
    print(f"{'query':<26} {'results':>8} {'median ms':>10} {'p95 ms':>8}  target  path")
    for row in rows:
        met = row["median_ms"] <= TARGET_MEDIAN_MS
        row["target_met"] = met
        if row["name"].startswith("("):
            row["target_met"], met = None, None
        print(f"{row['name']:<26} {row['results']:>8} {row['median_ms']:>10.1f} {row['p95_ms']:>8.1f}"
              f"  {'' if met is None else 'met' if met else 'MISSED':<6}  {row['path']}")
    path = write_result("search", {"database": env["DATABASE_URL"], "runs": args.runs, "index": sizes,
                                   "rows": rows})
    print(f"written {path.relative_to(path.parents[2])}")


if __name__ == "__main__":
    main()
