"""Public pages under load, against the ceiling of a bare Django view on the same set-up.

    python -m bench.http [--seconds 10] [--connections 32] [--only NAME]

Collects static files, starts gunicorn (production settings, whitenoise, PostgreSQL from
DATABASE_URL, default kpp_load; 2 sync workers) on 127.0.0.1:8170 and drives each URL with wrk
for a fixed time. Prints requests/s, p50, p99 and the ratio to the bare view, and writes the
table as JSON to bench/results/. A page that answers 404 (its section has not landed, or the
data set has no such item) is skipped with a note, never measured as an error page.

The machine is shared, so the ceiling is measured again after every page and each page's ratio
uses the mean of the two ceilings around it; the load average is printed with the table.
PAGE_CACHE_SECONDS=0 in the environment measures the pages without the public page cache.

Targets (issue 8): every page >= 50 % of the ceiling, p99 < 100 ms.
"""
import argparse
import os
import re
import shutil
import subprocess
import sys
import urllib.parse

from bench.common import HTTP_PORT, Gunicorn, prepare, production_env, request, write_result

# "drainage": a word inside titles such as "ถนนและทางระบายน้ำ" (no spaces to split on), matching
# about one document in six of bench.dataset. ("งบประมาณ" would match every document: it is
# part of "ปีงบประมาณ", fiscal year.)
THAI_QUERY = "ระบายน้ำ"

# (name, how to find the URL). A string is the path; a (page, pattern) pair means "the first
# link on PAGE whose href matches PATTERN", so the list follows the sections' own URL design.
PAGES = [
    ("bare view (ceiling)", "/bench/bare"),
    ("home", "/"),
    ("document catalogue", "/disclosures/"),
    ("Thai search", "/disclosures/?q=" + urllib.parse.quote(THAI_QUERY)),
    ("ITA checklist 2564", "/disclosures/ita/2564/"),
    ("procurement plan", ("/procurement/", r"^/procurement/plan/\d+/$")),
    ("committee page", ("/committees/", r"^/committees/\d+/$")),
    ("complaint statistics", "/complaints/stats/"),
    ("service statistics", "/services/stats/"),
    ("information register", "/services/register/"),
    ("static file (CSS)", ("/", r"^/static/css/portal\.[0-9a-f]+\.css$")),
]

TARGET_RATIO, TARGET_P99_MS = 0.5, 100.0


def find_link(base, page, pattern):
    response = request("GET", base + page)
    if response.status != 200:
        return None
    for href in re.findall(r'(?:href)="([^"]+)"', response.text):
        href = urllib.parse.urlsplit(href).path if href.startswith("http") else href
        if href != page and re.match(pattern, href):
            return href
    return None


def resolve(base, how):
    if isinstance(how, str):
        return how
    return find_link(base, *how)


def to_ms(text):
    value, unit = re.match(r"([\d.]+)(us|ms|s)", text).groups()
    return float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]


def run_wrk(url, seconds, connections, threads):
    output = subprocess.run(
        ["wrk", f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--latency", url],
        capture_output=True, text=True, check=True,
    ).stdout
    result = {
        "requests_per_s": float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)),
        "p50_ms": to_ms(re.search(r"^\s+50%\s+(\S+)", output, re.M).group(1)),
        "p99_ms": to_ms(re.search(r"^\s+99%\s+(\S+)", output, re.M).group(1)),
        "requests": int(re.search(r"(\d+) requests in", output).group(1)),
    }
    bad = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", output)
    result["non_2xx"] = int(bad.group(1)) if bad else 0
    errors = re.search(r"Socket errors: (.*)", output)
    result["socket_errors"] = errors.group(1) if errors else ""
    return result


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seconds", type=int, default=10, help="wrk duration per URL (default 10)")
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--port", type=int, default=HTTP_PORT)
    parser.add_argument("--only", help="measure only pages whose name contains this (the ceiling always runs)")
    args = parser.parse_args(argv)

    if shutil.which("wrk") is None:
        sys.exit("wrk is not installed: apt-get install wrk (Debian/Ubuntu package 'wrk')")

    env = production_env()
    print(f"database: {env['DATABASE_URL']}  cache: {env.get('CACHE_URL') or 'local memory'}")
    prepare(env)
    rows, skipped, ceilings, ceiling_p99 = [], [], [], []
    load_before = os.getloadavg()
    with Gunicorn(args.port, env, log_name="http-gunicorn.log") as server:
        for name, how in PAGES:
            if args.only and name != PAGES[0][0] and args.only not in name:
                continue
            path = resolve(server.base, how)
            if path is None:
                skipped.append((name, "no matching link yet (section not landed or no data)"))
                continue
            status = request("GET", server.base + path).status
            if not ceilings:  # the first row is the ceiling itself
                result = run_wrk(server.base + path, args.seconds, args.connections, args.threads)
                ceilings.append(result["requests_per_s"])
                ceiling_p99.append(result["p99_ms"])
                rows.append({"name": name, "path": path, **result, "ceiling_requests_per_s": ceilings[0],
                             "ceiling_p99_ms": result["p99_ms"]})
                continue
            if status != 200:
                skipped.append((name, f"{path} answered {status}"))
                continue
            print(f"  {name}: {path} for {args.seconds} s …", flush=True)
            result = run_wrk(server.base + path, args.seconds, args.connections, args.threads)
            # The machine is shared: the ceiling is measured again right after each page and
            # the page is compared with the mean of the ceilings around it.
            after = run_wrk(server.base + PAGES[0][1], args.seconds, args.connections, args.threads)
            ceilings.append(after["requests_per_s"])
            ceiling_p99.append(after["p99_ms"])
            rows.append({"name": name, "path": path, **result,
                         "ceiling_requests_per_s": round((ceilings[-2] + ceilings[-1]) / 2, 1),
                         "ceiling_p99_ms": max(ceiling_p99[-2:])})

    load_after = os.getloadavg()
    print()
    print(f"load average (1 min) before {load_before[0]:.1f}, after {load_after[0]:.1f} on {os.cpu_count()} cores")
    print("ratio: against the mean of the ceilings measured just before and after the page;")
    print("ceil p99: the worse p99 of those two ceiling runs (how loaded the machine was meanwhile)")
    print(f"{'page':<24} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8} {'ratio':>6} {'ceil p99':>8}  target  path")
    for row in rows:
        row["ratio"] = round(row["requests_per_s"] / row["ceiling_requests_per_s"], 3)
        met = (row["ratio"] >= TARGET_RATIO and row["p99_ms"] < TARGET_P99_MS and row["non_2xx"] == 0
               and not row["socket_errors"])
        row["target_met"] = met
        note = "" if not row["non_2xx"] else f"  ({row['non_2xx']} non-2xx!)"
        if row["socket_errors"]:  # wrk gives up on a request after 2 s: those are not in p99
            note += f"  (wrk socket errors: {row['socket_errors'].strip()})"
        print(
            f"{row['name']:<24} {row['requests_per_s']:>8.0f} {row['p50_ms']:>8.1f} {row['p99_ms']:>8.1f}"
            f" {row['ratio']:>6.2f} {row['ceiling_p99_ms']:>8.1f}  {'met' if met else 'MISSED':<6}  {row['path']}{note}"
        )
    for name, reason in skipped:
        print(f"skipped {name}: {reason}")
    path = write_result(
        "http",
        {
            "seconds": args.seconds, "connections": args.connections, "threads": args.threads,
            "workers": 2, "database": env["DATABASE_URL"], "cache": env["CACHE_URL"],
            "page_cache_seconds": env.get("PAGE_CACHE_SECONDS", "60 (default)"),
            "load_average_before_after": [load_before[0], load_after[0]], "rows": rows,
            "skipped": [{"name": name, "reason": reason} for name, reason in skipped],
        },
    )
    print(f"written {path.relative_to(path.parents[2])}")


if __name__ == "__main__":
    main()
