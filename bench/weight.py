"""Home page weight on a first visit: HTML + CSS + JS, gzip-compressed, fonts apart.

    python -m bench.weight [--url http://127.0.0.1:8170/]

Without --url it serves the portal with the production set-up (like bench.http) on port 8170.
Fetches the home page and every stylesheet and script it loads, each with Accept-Encoding:
gzip (whitenoise serves its precompressed copies), and prints the compressed bytes against
the 150 KB budget. Fonts, images and source maps are listed but not counted.
"""
import argparse
import gzip
import re
import urllib.parse

from bench.common import HTTP_PORT, Gunicorn, prepare, production_env, request

BUDGET_BYTES = 150 * 1024


def fetch(url):
    """(compressed bytes on the wire, uncompressed bytes, status)."""
    response = request("GET", url, headers={"Accept-Encoding": "gzip"})
    body = response.body
    if response.header("Content-Encoding") == "gzip":
        return len(body), len(gzip.decompress(body)), response.status
    return len(body), len(body), response.status


def assets(html):
    styles = re.findall(r'<link[^>]+rel="stylesheet"[^>]+href="([^"]+)"', html)
    styles += re.findall(r'<link[^>]+href="([^"]+)"[^>]+rel="stylesheet"', html)
    scripts = re.findall(r'<script[^>]+src="([^"]+)"', html)
    return [("css", url) for url in dict.fromkeys(styles)] + [("js", url) for url in dict.fromkeys(scripts)]


def measure(base):
    rows = []
    wire, raw, status = fetch(base + "/")
    if status != 200:
        raise SystemExit(f"home page answered {status}")
    rows.append(("html", "/", wire, raw))
    html = request("GET", base + "/").text
    fonts = set()
    for kind, url in assets(html):
        absolute = urllib.parse.urljoin(base + "/", url)
        wire, raw, status = fetch(absolute)
        rows.append((kind, url, wire, raw))
        if kind == "css":
            fonts.update(re.findall(r"url\(['\"]?([^'\")]+\.woff2?)", request("GET", absolute).text))
    return rows, fonts


def main(argv=None):
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--url", help=f"a running portal (default: start one on port {HTTP_PORT})")
    args = parser.parse_args(argv)
    if args.url:
        report(args.url.rstrip("/"))
    else:
        env = production_env()
        prepare(env)
        with Gunicorn(HTTP_PORT, env, log_name="weight-gunicorn.log") as server:
            report(server.base)


def report(base_url):
    rows, fonts = measure(base_url)
    print(f"{'kind':<5} {'gzip bytes':>10} {'raw bytes':>10}  url")
    for kind, url, wire, raw in rows:
        print(f"{kind:<5} {wire:>10} {raw:>10}  {url}")
    total = sum(wire for _, _, wire, _ in rows)
    verdict = "under" if total <= BUDGET_BYTES else "OVER"
    print(
        f"total {total} bytes = {total / 1024:.1f} KB compressed: {verdict} the 150 KB budget (fonts apart)"
    )
    if rows[0][2] == rows[0][3]:
        html = request("GET", base_url + "/").body
        print(f"the HTML came uncompressed from gunicorn (no GZipMiddleware: BREACH); a reverse proxy "
              f"compressing text/html sends {len(gzip.compress(html))} bytes instead of {len(html)}")
    print(
        f"fonts (not counted, loaded on demand per glyph range): {len(fonts)} files referenced by sarabun.css"
    )


if __name__ == "__main__":
    main()
