"""Fault drills, each printing what happened.

    python -m bench.faults [--drill outage|redis|storage|backup|all]

Every drill runs against a PRIVATE PostgreSQL (initdb in a temporary directory, port 8179,
run as the postgres OS user): the shared server on 5432 is never stopped or touched.

  outage   gunicorn (production set-up, port 8173) under load from 16 clients; PostgreSQL is
           stopped mid-run and started again. Requests must fail fast with the Thai 503 page,
           /healthz must say 503, the workers must not crash-loop, and the portal must serve
           again within seconds of the database's return.
  redis    gunicorn under load with the page cache and the rate-limit counters in a private
           redis-server (port REDIS_PORT), which is killed mid-run and started again: every
           page keeps answering 200 without waiting, a report is filed and followed up during
           the outage, and the log says the cache is gone without naming any request.
  storage  the private file storage refuses files (disk full) while an anonymous report with
           attachments is filed: a clear error, no report row, no file left behind.
  backup   pg_dump + a copy of the file storage restored into a fresh database and fresh
           directories: table counts and file checksums match, and a portal started on the
           restored copy serves the same pages and files.
"""
import argparse
import hashlib
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from contextlib import contextmanager
from pathlib import Path

from bench.common import FAULTS_PORT, PRIVATE_PG_PORT, Gunicorn, manage, multipart, production_env, request

REDIS_PORT = 8178
PG_BIN = (
    Path(sorted(Path("/usr/lib/postgresql").glob("*/bin"))[-1])
    if Path("/usr/lib/postgresql").exists()
    else None
)
THAI_503 = "ระบบไม่พร้อมให้บริการชั่วคราว"


def as_postgres(args, **kwargs):
    """Run a PostgreSQL binary as the postgres OS user (initdb and postgres refuse root)."""
    prefix = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
    return subprocess.run(prefix + [str(arg) for arg in args], capture_output=True, text=True, **kwargs)


class PrivatePostgres:
    """A throw-away PostgreSQL cluster on 127.0.0.1:PORT, for drills that stop the database."""

    def __init__(self, port=PRIVATE_PG_PORT):
        if PG_BIN is None:
            raise SystemExit("PostgreSQL server binaries not found: apt-get install postgresql")
        self.port = port
        self.root = Path(tempfile.mkdtemp(prefix="kpp-faults-pg-"))
        self.data = self.root / "data"
        shutil.chown(self.root, "postgres") if os.geteuid() == 0 else None

    def url(self, database):
        return f"postgres://postgres@127.0.0.1:{self.port}/{database}"

    def __enter__(self):
        result = as_postgres([PG_BIN / "initdb", "-D", self.data, "-A", "trust", "-U", "postgres",
                              "-E", "UTF8", "--locale", "C.UTF-8"])
        if result.returncode:
            raise SystemExit(f"initdb failed: {result.stderr}")
        self.start()
        return self

    def start(self):
        result = as_postgres([
            PG_BIN / "pg_ctl", "-D", self.data, "-l", self.root / "server.log", "-w", "-t", "30", "start",
            "-o", f"-p {self.port} -k {self.root} -c listen_addresses=127.0.0.1 -c fsync=off",
        ])
        if result.returncode:
            raise SystemExit(f"private PostgreSQL did not start: {result.stdout}{result.stderr}")

    def stop(self, mode="fast"):
        as_postgres([PG_BIN / "pg_ctl", "-D", self.data, "-m", mode, "-w", "stop"])

    def tool(self, name, *args, **kwargs):
        return subprocess.run(
            [PG_BIN / name, "-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres", *args],
            capture_output=True, text=True, check=True, **kwargs,
        )

    def createdb(self, name):
        self.tool("createdb", name)

    def sql(self, database, query):
        return self.tool("psql", "-d", database, "-At", "-c", query).stdout.strip()

    def __exit__(self, *exc):
        self.stop("immediate")
        shutil.rmtree(self.root, ignore_errors=True)


def portal_env(pg, database, media):
    for folder in ("media", "private"):
        Path(media, folder).mkdir(parents=True, exist_ok=True)
    return production_env(
        DATABASE_URL=pg.url(database), CACHE_URL="locmem://", DB_CONNECT_TIMEOUT=3,
        MEDIA_ROOT=f"{media}/media", PRIVATE_MEDIA_ROOT=f"{media}/private",
    )


def fresh_portal(pg, database, media):
    """A migrated database with the demo content and the static manifest."""
    pg.createdb(database)
    env = portal_env(pg, database, media)
    manage(env, "migrate", "--noinput")
    manage(env, "load_demo")
    manage(env, "collectstatic", "--noinput")
    return env


# --- outage --------------------------------------------------------------------------------

# (path, cookies). Pages whose only query is the cached identity record keep being served
# during an outage; the health check, the sections' lists and a returning staff member's
# session (the admin login page looks the session up) reach the database.
RETURNING = {"sessionid": "k" * 32}
OUTAGE_PATHS = [("/", None), ("/healthz", None), ("/disclosures/", None), ("/admin/login/", RETURNING),
                ("/about/", None)]


def load(base, stop_at, log, clients=16, paths=OUTAGE_PATHS):
    def client(number):
        index = number
        while time.monotonic() < stop_at:
            path, cookies = paths[index % len(paths)]
            index += 1
            started = time.monotonic()
            try:
                response = request("GET", base + path, cookies=cookies, timeout=30)
                status, thai = response.status, THAI_503 in response.text
            except OSError as error:
                status, thai = f"error {type(error).__name__}", False
            log.append((started, time.monotonic() - started, path, status, thai))

    threads = [threading.Thread(target=client, args=(n,)) for n in range(clients)]
    for thread in threads:
        thread.start()
    return threads


def describe(entries, label):
    if not entries:
        print(f"  {label}: no requests")
        return
    statuses = {}
    for _, _, path, status, thai in entries:
        key = f"{path} {status}{' Thai page' if thai else ''}"
        statuses[key] = statuses.get(key, 0) + 1
    latencies = sorted(latency for _, latency, _, _, _ in entries)
    p99 = latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))]
    print(f"  {label}: {len(entries)} requests, {statuses}, p99 {p99 * 1000:.0f} ms, "
          f"slowest {latencies[-1] * 1000:.0f} ms")


def drill_outage(pg, media, before=4.0, outage=6.0, after=8.0):
    print("== drill: PostgreSQL stopped mid-load")
    from bench.submit import REPORT_TABLE, channel_available, file_report_with_files

    env = fresh_portal(pg, "kpp_outage", media)
    ok = True
    with Gunicorn(FAULTS_PORT, env, log_name="faults-gunicorn.log") as server:
        reporting = channel_available(server.base)
        reports_before = pg.sql("kpp_outage", f"SELECT count(*) FROM {REPORT_TABLE}") if reporting else None
        log = []
        start = time.monotonic()
        threads = load(server.base, start + before + outage + after, log)
        time.sleep(before)
        stopped_at = time.monotonic()
        pg.stop("fast")
        print(f"  t={stopped_at - start:.1f}s PostgreSQL stopped")
        time.sleep(outage / 2)
        healthz = request("GET", server.base + "/healthz")
        print(f"  /healthz during the outage: {healthz.status} {healthz.text.strip()!r}")
        ok &= healthz.status == 503
        refused = file_report_with_files(server.base) if reporting else None
        if refused is not None:
            print(f"  a report filed during the outage: {refused.status}, "
                  f"{'Thai 503 page' if THAI_503 in refused.text else refused.summary!r}")
            ok &= refused.status == 503 and refused.is_error
        time.sleep(outage / 2)
        restarted_at = time.monotonic()
        pg.start()
        print(f"  t={restarted_at - start:.1f}s PostgreSQL started again")
        for thread in threads:
            thread.join()
        during = [entry for entry in log if stopped_at + 0.5 < entry[0] < restarted_at]
        print("  (by start time; a request started just before the stop may end in 503)")
        describe([entry for entry in log if entry[0] < stopped_at], "before")
        describe(during, "outage")
        describe([entry for entry in log if entry[0] > restarted_at], "after ")
        recovered = [entry[0] + entry[1] for entry in log if entry[0] > restarted_at and entry[3] == 200
                     and entry[2] == "/healthz"]
        if recovered:
            print(f"  recovered: first /healthz 200 {min(recovered) - restarted_at:.2f} s after the restart")
        ok &= bool(recovered) and min(recovered) - restarted_at < 5
        failures = [entry for entry in during if entry[3] != 200]
        ok &= all(entry[3] == 503 and entry[4] for entry in failures if entry[2] != "/healthz")
        ok &= all(entry[1] < 5 for entry in during)  # fail fast, never hang a worker
        tail = [entry for entry in log if entry[0] > restarted_at + 5]
        ok &= bool(tail) and all(entry[3] == 200 for entry in tail)
        boots = server.log_path.read_text().count("Booting worker")
        print(f"  worker boots logged: {boots} (no crash loop: the 2 workers were never replaced)"
              if boots == 0 else f"  worker boots logged: {boots}")
        ok &= boots == 0 and server.process.poll() is None
    if reporting:
        reports_after = pg.sql("kpp_outage", f"SELECT count(*) FROM {REPORT_TABLE}")
        print(f"  report rows before {reports_before}, after {reports_after} (nothing half-written)")
        ok &= reports_before == reports_after
    print(f"{'PASS' if ok else 'FAIL'}  outage drill")
    return ok


# --- redis ---------------------------------------------------------------------------------

REDIS_PATHS = [("/", None), ("/about/", None), ("/disclosures/", None), ("/complaints/", None),
               ("/complaints/report/", None), ("/complaints/track/", None), ("/services/", None),
               ("/services/register/", None), ("/admin/login/", None)]


class PrivateRedis:
    """A throw-away redis-server on 127.0.0.1:PORT, no persistence, for the drill that kills it."""

    def __init__(self, port=None):
        if not shutil.which("redis-server"):
            raise SystemExit("redis-server not found: apt-get install redis-server")
        self.port, self.process = port or REDIS_PORT, None

    def url(self, number):
        return f"redis://127.0.0.1:{self.port}/{number}"

    def start(self):
        self.process = subprocess.Popen(
            ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1", "--save", "",
             "--appendonly", "no", "--loglevel", "warning"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            ping = subprocess.run(["redis-cli", "-p", str(self.port), "ping"], capture_output=True, text=True)
            if ping.stdout.strip() == "PONG":
                return
            time.sleep(0.1)
        raise SystemExit("private redis-server did not start")

    def kill(self):
        if self.process and self.process.poll() is None:
            self.process.kill()
            self.process.wait()

    def __enter__(self):
        self.start()
        return self

    def __exit__(self, *exc):
        self.kill()


def receipt_on(page):
    code = re.search(r'id="receipt-code"[^>]*>(.*?)</code>', page, re.S)
    return re.sub(r"<[^>]+>|\s", "", code.group(1)) if code else None


def drill_redis(pg, media, before=4.0, outage=12.0, after=6.0):
    print("== drill: Redis (page cache and rate-limit counters) killed mid-load")
    from bench.submit import channel_available, file_report_with_files, follow_report, opens_own_report

    ok = True
    with PrivateRedis() as redis:
        env = fresh_portal(pg, "kpp_redis", media)
        env.update(CACHE_URL=redis.url(0), RATE_LIMIT_CACHE_URL=redis.url(1))
        with Gunicorn(FAULTS_PORT, env, log_name="faults-redis-gunicorn.log") as server:
            reporting = channel_available(server.base)
            log = []
            start = time.monotonic()
            threads = load(server.base, start + before + outage + after, log, paths=REDIS_PATHS)
            time.sleep(before)
            killed_at = time.monotonic()
            redis.kill()
            print(f"  t={killed_at - start:.1f}s redis-server killed")
            time.sleep(outage / 4)
            if reporting:
                filed = file_report_with_files(server.base)
                mine = (filed.reference, receipt_on(filed.text))
                heading = follow_report(server.base, mine) if mine[1] else None
                print(f"  a report filed during the outage: {filed.status}, receipt "
                      f"{'shown' if mine[1] else 'MISSING'}; its follow-up page: {heading!r}")
                ok &= filed.status == 200 and opens_own_report(mine, heading)
            time.sleep(max(0.0, start + before + outage - time.monotonic()))
            restarted_at = time.monotonic()
            redis.start()
            print(f"  t={restarted_at - start:.1f}s redis-server started again (empty)")
            for thread in threads:
                thread.join()
            during = [entry for entry in log if killed_at < entry[0] < restarted_at]
            describe([entry for entry in log if entry[0] < killed_at], "before")
            describe(during, "outage")
            later = [entry for entry in log if entry[0] > restarted_at]
            describe(later, "after ")
            ok &= bool(during) and bool(later) and all(entry[3] == 200 for entry in log)  # never an error
            ok &= all(entry[1] < 5 for entry in during)  # slower at most, never hanging on Redis
            boots = server.log_path.read_text().count("Booting worker")
            ok &= boots == 0 and server.process.poll() is None
        said = [line for line in server.log_path.read_text().splitlines() if "unavailable" in line]
        print(f"  the log: {said[0].strip() if said else 'NOTHING'} ({len(said)} line(s))")
        ok &= bool(said) and not any("/complaints" in line or "/admin" in line for line in said)
    print(f"{'PASS' if ok else 'FAIL'}  redis drill")
    return ok


# --- storage -------------------------------------------------------------------------------


def drill_storage(pg, media):
    print("== drill: file storage refuses during an upload")
    from bench.submit import REPORT_TABLE, channel_available, file_report_with_files

    env = fresh_portal(pg, "kpp_storage", media)
    env.update(BENCH_REFUSING_STORAGE="private", BENCH_REFUSING_STORAGE_ACCEPTS="1")
    with Gunicorn(FAULTS_PORT, env, log_name="faults-storage-gunicorn.log") as server:
        if not channel_available(server.base):
            print("SKIP  storage drill: the complaints section (its report form) is not on this branch")
            return True
    count_sql = f"SELECT count(*) FROM {REPORT_TABLE}"
    before, files_before = pg.sql("kpp_storage", count_sql), checksums(Path(media, "private"))
    with Gunicorn(FAULTS_PORT, env, log_name="faults-storage-gunicorn.log") as server:
        # Two attachments: the storage takes the first and refuses the second, so the first
        # must be removed again when the report is not kept.
        response = file_report_with_files(server.base, files=2)
    after, files_after = pg.sql("kpp_storage", count_sql), checksums(Path(media, "private"))
    left = sorted(set(files_after) - set(files_before))
    print(f"  answer: {response.status}; message shown: {response.summary!r}")
    print(
        f"  report rows before {before}, after {after}; files added to private storage and left: {len(left)}"
    )
    ok = response.status in (400, 503) and response.is_error and before == after and not left
    print(f"{'PASS' if ok else 'FAIL'}  storage drill")
    return ok


# --- backup / restore ----------------------------------------------------------------------


def without_csrf(html):
    """The page with its per-visitor CSRF token blanked: the one part that differs by design."""
    return re.sub(rb'name="csrfmiddlewaretoken" value="[^"]+"', b'name="csrfmiddlewaretoken"', html)


def checksums(root):
    root = Path(root)
    return {str(path.relative_to(root)): hashlib.sha256(path.read_bytes()).hexdigest()
            for path in sorted(root.rglob("*")) if path.is_file()}


def table_counts(pg, database):
    tables = pg.sql(database, "SELECT tablename FROM pg_tables WHERE schemaname='public' ORDER BY 1").split()
    return {table: int(pg.sql(database, f'SELECT count(*) FROM "{table}"')) for table in tables}


def drill_backup(pg, media):
    print("== drill: backup and restore")
    env = fresh_portal(pg, "kpp_live", media)
    uploaded = []
    with Gunicorn(FAULTS_PORT, env, log_name="faults-backup-gunicorn.log") as server:
        for number in range(5):
            body, content_type = multipart(
                {}, {"file": (f"evidence-{number}.bin", os.urandom(50_000), "application/octet-stream")}
            )
            answer = request(
                "POST", server.base + "/bench/upload", body=body, headers={"Content-Type": content_type}
            )
            uploaded.append(answer.json()["name"])
        pages = {path: request("GET", server.base + path).body for path in ("/", "/about/", "/disclosures/")}
    backup = Path(media).parent / "backup"
    backup.mkdir()
    dump = backup / "kpp.dump"
    started = time.monotonic()
    pg.tool("pg_dump", "-Fc", "-d", "kpp_live", "-f", str(dump))
    shutil.copytree(f"{media}/media", backup / "media")
    shutil.copytree(f"{media}/private", backup / "private")
    print(f"  backup: pg_dump -Fc {dump.stat().st_size} bytes + files, {time.monotonic() - started:.1f} s")

    restored_media = Path(media).parent / "restored"
    started = time.monotonic()
    pg.createdb("kpp_restored")
    pg.tool("pg_restore", "-d", "kpp_restored", "--no-owner", str(dump))
    shutil.copytree(backup / "media", restored_media / "media")
    shutil.copytree(backup / "private", restored_media / "private")
    print(f"  restore into a fresh database and directories: {time.monotonic() - started:.1f} s")

    live_counts, restored_counts = table_counts(pg, "kpp_live"), table_counts(pg, "kpp_restored")
    rows = sum(live_counts.values())
    print(f"  tables: {len(live_counts)} live, {len(restored_counts)} restored; rows {rows} live, "
          f"{sum(restored_counts.values())} restored")
    live_files = {**checksums(f"{media}/media"), **checksums(f"{media}/private")}
    restored_files = {**checksums(restored_media / "media"), **checksums(restored_media / "private")}
    print(f"  files: {len(live_files)} live, {len(restored_files)} restored, sha256 "
          f"{'identical' if live_files == restored_files else 'DIFFER'}")
    ok = live_counts == restored_counts and live_files == restored_files and rows > 0 and live_files

    restored_env = portal_env(pg, "kpp_restored", restored_media)
    with Gunicorn(FAULTS_PORT, restored_env, log_name="faults-restored-gunicorn.log") as server:
        differing = [path for path, body in pages.items()
                     if without_csrf(request("GET", server.base + path).body) != without_csrf(body)]
        same_pages = not differing
        same_files = all(
            hashlib.sha256(request("GET", f"{server.base}/bench/files/{name}").body).hexdigest()
            == live_files[name] for name in uploaded
        )
    print(f"  the restored portal serves the same pages: {same_pages}; the same files: {same_files}")
    ok = bool(ok and same_pages and same_files)
    print(f"{'PASS' if ok else 'FAIL'}  backup drill")
    return ok


DRILLS = {"outage": drill_outage, "redis": drill_redis, "storage": drill_storage, "backup": drill_backup}


@contextmanager
def workspace():
    root = Path(tempfile.mkdtemp(prefix="kpp-faults-"))
    try:
        yield root
    finally:
        shutil.rmtree(root, ignore_errors=True)


def main(argv=None):
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--drill", choices=[*DRILLS, "all"], default="all")
    args = parser.parse_args(argv)
    names = list(DRILLS) if args.drill == "all" else [args.drill]
    results = {}
    for name in names:
        with PrivatePostgres() as pg, workspace() as root:
            print(f"private PostgreSQL on 127.0.0.1:{pg.port} (data in {pg.data})")
            results[name] = DRILLS[name](pg, root / "files")
    print(", ".join(f"{name}: {'PASS' if ok else 'FAIL'}" for name, ok in results.items()))
    sys.exit(0 if all(results.values()) else 1)


if __name__ == "__main__":
    main()
