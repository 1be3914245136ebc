"""Public pages under load, side by side with two ceilings measured in the same run.

    python -m bench.http [--seconds 10] [--connections 32] [--only NAME]

Collects static files, starts gunicorn (production settings, whitenoise, PostgreSQL from
DATABASE_URL, default kpp_load; 2 sync workers) on 127.0.0.1:8170 and drives each URL with wrk
for a fixed time. Prints requests/s, p50, p99 and each page's ratio to both ceilings, and writes
the table as JSON to bench/results/. A page that answers 404 (its section has not landed, or
the data set has no such item) is skipped with a note, never measured as an error page.

The two ceilings:
- "minimal": a Django app with no middleware, no apps and no database (bench/minimal.py) in
  its own gunicorn (2 sync workers) on 127.0.0.1:8169: Django's request cycle alone. The
  goals below are ratios to this one.
- "bare": the portal's own /bench/bare, which runs the whole middleware stack.

The machine is shared, so both ceilings are measured again after every page and each page's
ratios use the mean of the two measurements around it; the load average is printed with the
table. PAGE_CACHE_SECONDS=0 in the environment measures the pages without the public page cache.

Goals, uncached: every public page >= 10 % of the minimal ceiling; the complaint channel's
entrance and manual, the same page for everyone, >= 50 %.
"""
import argparse
import os
import re
import shutil
import subprocess
import sys
import urllib.parse

from bench.common import HTTP_PORT, MINIMAL_PORT, Gunicorn, prepare, production_env, request, write_result

# "drainage": a word inside titles such as "ถนนและทางระบายน้ำ" (no spaces to split on), matching
# about one document in six of bench.dataset. ("งบประมาณ" would match every document: it is
# part of "ปีงบประมาณ", fiscal year.)
THAI_QUERY = "ระบายน้ำ"

# (name, how to find the URL). A string is the path; a (page, pattern) pair means "the first
# link on PAGE whose href matches PATTERN", so the list follows the sections' own URL design.
PAGES = [
    ("home", "/"),
    ("document catalogue", "/disclosures/"),
    ("Thai search", "/disclosures/?q=" + urllib.parse.quote(THAI_QUERY)),
    ("portal-wide search", "/search/?q=" + urllib.parse.quote(THAI_QUERY)),
    ("ITA checklist 2564", "/disclosures/ita/2564/"),
    ("procurement plan", ("/procurement/", r"^/procurement/plan/\d+/$")),
    ("committee page", ("/committees/", r"^/committees/\d+/$")),
    ("complaint statistics", "/complaints/stats/"),
    ("complaint entrance", "/complaints/"),
    ("complaint manual", "/complaints/manual/"),
    ("complaint report form", "/complaints/report/"),
    ("service statistics", "/services/stats/"),
    ("information register", "/services/register/"),
    ("static file (CSS)", ("/", r"^/static/css/portal\.[0-9a-f]+\.css$")),
]

CEILING_PATH = "/bench/bare"
# Each page's goal as a share of the minimal ceiling; GOAL_RATIO unless named here.
GOAL_RATIO = 0.10
GOAL_RATIOS = {"complaint entrance": 0.50, "complaint manual": 0.50}


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


def measure_ceilings(servers, args):
    return {name: run_wrk(server.base + CEILING_PATH, args.seconds, args.connections, args.threads)
            for name, server in servers.items()}


def around(before, after):
    """A page's ceiling: the mean req/s of the runs before and after it, the worse p99."""
    return {"requests_per_s": round((before["requests_per_s"] + after["requests_per_s"]) / 2, 1),
            "p99_ms": max(before["p99_ms"], after["p99_ms"])}


def print_markdown(rows, env, load_before, load_after):
    print()
    print(f"| page (`PAGE_CACHE_SECONDS={env.get('PAGE_CACHE_SECONDS', '60')}`) | req/s | p50 ms | p99 ms"
          " | min req/s | ×min | bare req/s | ×bare | goal |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---|")
    for row in rows:
        minimal_ceiling, bare_ceiling = row["ceilings"]["minimal"], row["ceilings"]["bare"]
        print(f"| {row['name']} | {row['requests_per_s']:.0f} | {row['p50_ms']:.0f} | {row['p99_ms']:.0f}"
              f" | {minimal_ceiling['requests_per_s']:.0f} | {row['ratio_minimal']:.2f}"
              f" | {bare_ceiling['requests_per_s']:.0f} | {row['ratio_bare']:.2f}"
              f" | {row['goal_ratio']:.2f} {'met' if row['goal_met'] else 'missed'} |")
    print(f"\nLoad average (1 min) {load_before[0]:.1f} before, {load_after[0]:.1f} after,"
          f" {os.cpu_count()} cores.")


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seconds", type=int, default=10, help="wrk duration per URL (default 10)")
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--port", type=int, default=HTTP_PORT)
    parser.add_argument("--minimal-port", type=int, default=MINIMAL_PORT)
    parser.add_argument("--markdown", action="store_true",
                        help="also print the table as Markdown, as in the README")
    parser.add_argument("--only",
                        help="measure only pages whose name contains this (the ceilings always run)")
    args = parser.parse_args(argv)

    if shutil.which("wrk") is None:
        sys.exit("wrk is not installed: apt-get install wrk (Debian/Ubuntu package 'wrk')")

    env = production_env()
    minimal_env = production_env(DJANGO_SETTINGS_MODULE="bench.minimal")
    print(f"database: {env['DATABASE_URL']}  cache: {env.get('CACHE_URL') or 'local memory'}"
          f"  PAGE_CACHE_SECONDS: {env.get('PAGE_CACHE_SECONDS', '(default)')}")
    prepare(env)
    rows, skipped = [], []
    load_before = os.getloadavg()
    with Gunicorn(args.port, env, log_name="http-gunicorn.log") as portal, \
            Gunicorn(args.minimal_port, minimal_env, log_name="http-minimal-gunicorn.log",
                     app="bench.minimal:application") as minimal:
        servers = {"minimal": minimal, "bare": portal}
        first = last = measure_ceilings(servers, args)
        for name, how in PAGES:
            if args.only and args.only not in name:
                continue
            path = resolve(portal.base, how)
            if path is None:
                skipped.append((name, "no matching link yet (section not landed or no data)"))
                continue
            try:
                # The workers may still be draining the previous page's queue: wait for them.
                status = request("GET", portal.base + path, timeout=60).status
            except OSError as error:
                skipped.append((name, f"{path} did not answer: {error}"))
                continue
            if status != 200:
                skipped.append((name, f"{path} answered {status}"))
                continue
            print(f"  {name}: {path} for {args.seconds} s …", flush=True)
            result = run_wrk(portal.base + path, args.seconds, args.connections, args.threads)
            # The machine is shared: both ceilings are measured again right after each page and
            # the page is compared with the mean of the ceilings around it.
            after = measure_ceilings(servers, args)
            rows.append({"name": name, "path": path, **result,
                         "goal_ratio": GOAL_RATIOS.get(name, GOAL_RATIO),
                         "ceilings": {key: around(last[key], after[key]) for key in servers}})
            last = after

    load_after = os.getloadavg()
    print()
    print(f"load average (1 min) before {load_before[0]:.1f}, after {load_after[0]:.1f}"
          f" on {os.cpu_count()} cores")
    print("ceilings, req/s at the start and the end of the run (p99 ms):")
    for key, label in (("minimal", "no-middleware Django app, own gunicorn"), ("bare", "portal /bench/bare")):
        print(f"  {key:<8} {first[key]['requests_per_s']:>7.0f} ({first[key]['p99_ms']:.1f})"
              f" … {last[key]['requests_per_s']:>7.0f} ({last[key]['p99_ms']:.1f})  {label}")
    print("×min, ×bare: the page's req/s over the mean of that ceiling just before and after the page;")
    print("goal: share of the minimal ceiling the page must reach")
    print(f"{'page':<24} {'req/s':>7} {'p50 ms':>7} {'p99 ms':>7} {'min/s':>6} {'×min':>5}"
          f" {'bare/s':>6} {'×bare':>5} {'goal':>5}  {'':<6}  path")
    for row in rows:
        minimal_ceiling, bare_ceiling = row["ceilings"]["minimal"], row["ceilings"]["bare"]
        row["ratio_minimal"] = round(row["requests_per_s"] / minimal_ceiling["requests_per_s"], 3)
        row["ratio_bare"] = round(row["requests_per_s"] / bare_ceiling["requests_per_s"], 3)
        met = row["ratio_minimal"] >= row["goal_ratio"] and row["non_2xx"] == 0 and not row["socket_errors"]
        row["goal_met"] = met
        note = "" if not row["non_2xx"] else f"  ({row['non_2xx']} non-2xx!)"
        if row["socket_errors"]:  # wrk gives up on a request after 2 s: those are not in p99
            note += f"  (wrk socket errors: {row['socket_errors'].strip()})"
        print(
            f"{row['name']:<24} {row['requests_per_s']:>7.0f} {row['p50_ms']:>7.1f} {row['p99_ms']:>7.1f}"
            f" {minimal_ceiling['requests_per_s']:>6.0f} {row['ratio_minimal']:>5.2f}"
            f" {bare_ceiling['requests_per_s']:>6.0f} {row['ratio_bare']:>5.2f} {row['goal_ratio']:>5.2f}"
            f"  {'met' if met else 'MISSED':<6}  {row['path']}{note}"
        )
    for name, reason in skipped:
        print(f"skipped {name}: {reason}")
    if args.markdown:
        print_markdown(rows, env, load_before, load_after)
    path = write_result(
        "http",
        {
            "seconds": args.seconds, "connections": args.connections, "threads": args.threads,
            "workers": 2, "database": env["DATABASE_URL"], "cache": env["CACHE_URL"],
            "page_cache_seconds": env.get("PAGE_CACHE_SECONDS", "60 (default)"),
            "load_average_before_after": [load_before[0], load_after[0]],
            "ceilings_first_last": {"first": first, "last": last}, "rows": rows,
            "skipped": [{"name": name, "reason": reason} for name, reason in skipped],
        },
    )
    print(f"written {path.relative_to(path.parents[2])}")


if __name__ == "__main__":
    main()
