"""Anonymous corruption reports filed by 32 concurrent clients, each with an attachment.

    python -m bench.submit [--seconds 20] [--clients 32]

Serves the portal as bench.http does (gunicorn, 2 sync workers, production settings, port
8170) and has each client loop for a fixed time: open the report form (CSRF and one-time
tokens), post a report with a PNG attachment and read the reference and the receipt in the
POST's answer (the only place a receipt ever is).
Prints reports/s and p50/p99 of the posts, then checks that nothing was lost or mixed:
the number of reports stored during the run equals the number of successful posts, and every
receipt, entered on the follow-up page, opens the report with its own reference.

All clients come from 127.0.0.1, so the channel's per-address limits are raised for the run
(RATE_LIMIT_OVERRIDES for complaint-submit, complaint-reply and complaint-track).
"""
import argparse
import html
import io
import os
import re
import subprocess
import threading
import time
from concurrent.futures import ThreadPoolExecutor

from bench.common import HTTP_PORT, Gunicorn, multipart, prepare, production_env, request, write_result

REPORT_TABLE = "complaints_corruptionreport"
LIMITS = {"RATE_LIMIT_OVERRIDES": ",".join(
    f"{name}=10000000/3600" for name in ("complaint-submit", "complaint-reply", "complaint-track"))}


def png_bytes(seed=0):
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (64, 48), ((seed * 37) % 256, 120, 200)).save(buffer, "PNG")
    return buffer.getvalue()


def _form(base, path):
    """(csrftoken cookie, hidden token, the form page's response)."""
    page = request("GET", base + path)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text)
    return page.cookies(), token.group(1) if token else "", page


class Filed:
    """What the person sees after posting the form."""

    def __init__(self, response):
        self.status = response.status
        self.text = text = response.text
        reference = re.search(r'class="reference">([^<]+)<', text)
        receipt = re.search(r'id="receipt-code">(.*?)</code>', text, re.S)
        self.reference = reference.group(1).strip() if reference else None
        self.receipt = html.unescape(re.sub(r"<[^>]+>", "", receipt.group(1)).strip()) if receipt else None
        alerts = re.findall(
            r'class="[^"]*(?:alert-danger|invalid-feedback|errorlist)[^"]*"[^>]*>(.*?)</', text, re.S
        )
        self.summary = " / ".join(re.sub(r"<[^>]+>|\s+", " ", alert).strip() for alert in alerts)[:300]

    @property
    def is_error(self):
        return self.receipt is None


def channel_available(base):
    """True once the complaints section with its report form is on this branch."""
    return request("GET", base + "/complaints/report/").status == 200


def file_report_with_files(base, files=1, description="การทดสอบระบบภายใต้ภาระงาน: ตัวอย่างเรื่องร้องเรียน"):
    cookies, token, form = _form(base, "/complaints/report/")
    if form.status != 200:  # e.g. the Thai 503 page during an outage
        return Filed(form)
    category = re.search(r'name="category" value="([^"]+)"', form.text).group(1)
    form_token = re.search(r'name="form_token" value="([^"]+)"', form.text).group(1)
    body, content_type = multipart(
        {"csrfmiddlewaretoken": token, "form_token": form_token, "category": category,
         "description": description, "when_where": "ตัวอย่าง", "website": ""},
        {"files": [(f"photo-{n}.png", png_bytes(n), "image/png") for n in range(files)]},
    )
    posted = request("POST", base + "/complaints/report/", body=body, cookies=cookies,
                     headers={"Content-Type": content_type}, timeout=60)
    return Filed(posted)  # the receipt is in this answer only


def file_report(base):
    """The receipt of a newly filed report, or None."""
    filed = file_report_with_files(base)
    return (filed.reference, filed.receipt) if filed.receipt else None


def follow_report(base, filed):
    """The heading of the follow-up page this receipt opens ("เรื่องร้องเรียน <reference>"), or None."""
    _reference, receipt = filed
    cookies, token, _page = _form(base, "/complaints/track/")
    body = f"csrfmiddlewaretoken={token}&receipt={receipt}".encode()
    answer = request("POST", base + "/complaints/track/", body=body, cookies=cookies,
                     headers={"Content-Type": "application/x-www-form-urlencoded"})
    if answer.status != 302:
        return None
    cookies.update(answer.cookies())
    page = request("GET", base + "/complaints/track/report/", cookies=cookies)
    heading = re.search(r"<h1[^>]*>(.*?)</h1>", page.text, re.S)
    return re.sub(r"\s+", " ", heading.group(1)).strip() if heading else None


def opens_own_report(filed, heading):
    """The follow-up heading names exactly this report's reference."""
    return (
        heading is not None and re.search(rf"(?<![\w-]){re.escape(filed[0])}(?![\w-])", heading) is not None
    )


def count_reports(database_url):
    return int(subprocess.run(["psql", database_url, "-Atc", f"SELECT count(*) FROM {REPORT_TABLE}"],
                              capture_output=True, text=True, check=True).stdout)


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * fraction))] if ordered else float("nan")


def main(argv=None):
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--seconds", type=int, default=20)
    parser.add_argument("--clients", type=int, default=32)
    parser.add_argument("--port", type=int, default=HTTP_PORT)
    args = parser.parse_args(argv)

    env = production_env(**LIMITS)
    prepare(env)
    if not os.path.exists(os.path.join("complaints", "services.py")):
        raise SystemExit("the complaints section (its report form) is not on this branch yet")
    before = count_reports(env["DATABASE_URL"])
    successes, failures, latencies = [], [], []
    lock = threading.Lock()
    with Gunicorn(args.port, env, log_name="submit-gunicorn.log") as server:
        stop_at = time.monotonic() + args.seconds

        def client(number):
            while time.monotonic() < stop_at:
                started = time.monotonic()
                try:
                    filed = file_report_with_files(server.base, files=1)
                except OSError as error:
                    with lock:
                        failures.append(f"{type(error).__name__}")
                    continue
                elapsed = time.monotonic() - started
                with lock:
                    latencies.append(elapsed)
                    if filed.receipt:
                        successes.append((filed.reference, filed.receipt))
                    else:
                        failures.append(f"{filed.status} {filed.summary}")

        started = time.monotonic()
        with ThreadPoolExecutor(args.clients) as pool:
            list(pool.map(client, range(args.clients)))
        elapsed = time.monotonic() - started
        stored = count_reports(env["DATABASE_URL"]) - before

        print(f"following {len(successes)} receipts …", flush=True)
        with ThreadPoolExecutor(8) as pool:
            shown = list(pool.map(lambda filed: follow_report(server.base, filed), successes))
    mixed = [
        (filed[0], seen)
        for filed, seen in zip(successes, shown, strict=True)
        if not opens_own_report(filed, seen)
    ]

    rate = len(successes) / elapsed
    print(f"clients {args.clients}, {elapsed:.1f} s: {len(successes)} reports filed = {rate:.1f} reports/s; "
          f"failed posts {len(failures)}")
    print(f"post latency (form, POST with a PNG, receipt): p50 {percentile(latencies, .5) * 1000:.0f} ms, "
          f"p99 {percentile(latencies, .99) * 1000:.0f} ms")
    print(f"stored during the run: {stored} (successful posts {len(successes)}): "
          f"{'equal' if stored == len(successes) else 'DIFFERENT'}")
    print(f"receipts that open their own report: {len(successes) - len(mixed)} of {len(successes)}"
          + (f"; wrong or missing: {mixed[:5]}" if mixed else ""))
    if failures:
        print("failures (first 5):", failures[:5])
    path = write_result(
        "submit",
        {
            "clients": args.clients,
            "seconds": round(elapsed, 1),
            "filed": len(successes),
            "reports_per_s": round(rate, 2),
            "p50_ms": round(percentile(latencies, 0.5) * 1000),
            "p99_ms": round(percentile(latencies, 0.99) * 1000),
            "failed": len(failures),
            "stored": stored,
            "receipts_opening_own_report": len(successes) - len(mixed),
        },
    )
    print(f"written {path.relative_to(path.parents[2])}")
    raise SystemExit(0 if stored == len(successes) and not mixed and successes else 1)


if __name__ == "__main__":
    main()
