"""A copy of the server's disk opens no report: no receipt and no exact filing time anywhere in
the database files, their free space or their write-ahead logs, after reporters file (sending
the form twice, following the receipt's old address or not), follow up with a receipt and reply.

Each search first finds a decoy written the way the old code wrote receipts (a session row,
then deleted) and a timestamp of a decoy second, so a search that sees nothing is a search
that could have seen something."""
import datetime
import json
import os
import subprocess
import sys

import pytest
from django.conf import settings
from django.db import connection

from tests.conftest import require

from . import raw_copy
from .conftest import hold_keys


def _cluster_files():
    with connection.cursor() as cursor:
        cursor.execute("CHECKPOINT")
        cursor.execute("SHOW data_directory")
        data_directory = cursor.fetchone()[0]
        cursor.execute("SELECT oid FROM pg_database WHERE datname = current_database()")
        own = os.path.join(data_directory, "base", str(cursor.fetchone()[0]))
    wal = os.path.join(data_directory, "pg_wal")
    readable = os.access(own, os.R_OK | os.X_OK) and os.access(wal, os.R_OK | os.X_OK)
    require("" if readable else f"the PostgreSQL data directory {data_directory} cannot be read here")
    # The whole cluster but other databases' own folders, which hold only their own rows (on a
    # developer's or CI machine they can be gigabytes of unrelated benchmark data).
    base = os.path.join(data_directory, "base")
    kept = [os.path.join(base, name) for name in os.listdir(base) if not name.isdigit()]  # pgsql_tmp
    roots = [os.path.join(data_directory, name) for name in os.listdir(data_directory) if name != "base"]
    everything = raw_copy.files_under(*roots, own, *kept)
    return raw_copy.files_under(own, wal), everything


@pytest.mark.django_db(transaction=True)
def test_a_copy_of_the_postgresql_cluster_holds_no_receipt_and_no_filing_time(legal_officer, caplog,
                                                                             mailoutbox):
    require("" if connection.vendor == "postgresql" else "DATABASE_URL is not PostgreSQL")
    import logging

    from django.core.cache import caches

    from complaints.models import CorruptionReport, ReportMessage

    hold_keys(legal_officer)  # so every report is sealed to someone, as in use
    moment, decoy_moment = raw_copy.random_moment(), raw_copy.random_moment()
    with caplog.at_level(logging.DEBUG):
        receipts = raw_copy.reporter_steps(moment)
    # Nor in a log line, an e-mail or a cache entry.
    forms = [form for receipt in receipts for form in raw_copy.receipt_forms(receipt)]
    kept = [caplog.text, *(message.message().as_string() for message in mailoutbox),
            *(bytes(value).decode("utf-8", "replace")
              for alias in caches for value in getattr(caches[alias], "_cache", {}).values())]
    assert not [form for form in forms if any(form in text for text in kept)]
    decoy = raw_copy.decoy_session(decoy_moment)
    assert CorruptionReport.objects.count() == 2
    assert ReportMessage.objects.filter(kind=ReportMessage.Kind.FROM_REPORTER).count() == 2
    own, everything = _cluster_files()

    def search(receipts, moment):
        return (raw_copy.findings(own, receipts, moment, bare_time=True, decode_signed=True)
                + raw_copy.findings(everything, receipts, moment, pg_binary=True))

    found_decoys = {what for _path, what in search([decoy], decoy_moment)}
    assert "receipt in a signed value" in found_decoys
    assert any("int64" in what for what in found_decoys)
    assert [(_relation(path), what) for path, what in search(receipts, moment)] == []


def _relation(path):
    """The table a file under base/ belongs to, for a readable failure."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT relname FROM pg_class WHERE relfilenode = %s",
                       [int(os.path.basename(path).split(".")[0].split("_")[0] or 0)]
                       if os.path.basename(path).split(".")[0].split("_")[0].isdigit() else [0])
        row = cursor.fetchone()
    return f"{path} ({row[0]})" if row else path


def test_a_copy_of_the_sqlite_file_and_its_wal_holds_no_receipt_and_no_filing_time(tmp_path):
    database = tmp_path / "db.sqlite3"
    environment = {**os.environ, "DJANGO_SETTINGS_MODULE": "kpp_portal.settings"}
    environment.pop("DATABASE_URL", None)
    run = subprocess.run([sys.executable, "-m", "tests.complaints.raw_copy", str(database)],
                         cwd=settings.BASE_DIR, env=environment, capture_output=True, text=True, timeout=600)
    assert run.returncode == 0, run.stderr[-3000:]
    shown = json.loads(run.stdout.strip().splitlines()[-1])
    moment = datetime.datetime.fromisoformat(shown["moment"])
    copy = raw_copy.files_under(tmp_path / "snapshot")
    assert {path.name for path in copy} >= {"db.sqlite3", "db.sqlite3-wal"}
    files = copy + raw_copy.files_under(*tmp_path.glob("db.sqlite3*"), tmp_path / "private")
    decoy_moment = datetime.datetime.fromisoformat(shown["decoy_moment"])
    found_decoys = {what for _path, what in raw_copy.findings(
        copy, [shown["decoy"]], decoy_moment, bare_time=True, decode_signed=True)}
    assert "receipt in a signed value" in found_decoys and any("time" in what for what in found_decoys)
    assert raw_copy.findings(files, shown["receipts"], moment, bare_time=True, decode_signed=True) == []


@pytest.mark.django_db
def test_stored_files_carry_the_day_not_the_second():
    """A file's modification time survives backups and copies: it says the day only."""
    from complaints.models import ReportFile

    moment = raw_copy.random_moment()
    raw_copy.reporter_steps(moment)
    midnight = datetime.datetime.combine(moment.astimezone(raw_copy.BANGKOK).date(), datetime.time(),
                                         tzinfo=raw_copy.BANGKOK).timestamp()
    stored = [evidence.stored.path for evidence in ReportFile.objects.all()]
    assert len(stored) == 3
    for path in stored + [os.path.dirname(stored[0])]:
        assert os.stat(path).st_mtime == midnight
