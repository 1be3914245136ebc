"""What a copy of the server's disk holds after reporters file, follow up and reply.

`reporter_steps()` files and follows up as reporters do, at one frozen, random moment (so that
no other row anywhere shares its second); `findings()` searches raw files (table files, free
pages, write-ahead logs) for each receipt in every form it is shown in, for signed session data
decoded as an attacker would, and for the moment in the encodings a database stores times in.
Used by test_copy_of_server.py in this process (PostgreSQL) and, run as a module, in a child
process on a SQLite file (`python -m tests.complaints.raw_copy <db file>`).
"""
import base64
import datetime
import json
import random
import re
import sys
import zlib
from pathlib import Path
from zoneinfo import ZoneInfo

BANGKOK = ZoneInfo("Asia/Bangkok")
_THAI_DIGITS = str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙")
# PostgreSQL's timestamp: int64 microseconds since 2000-01-01 UTC, little-endian on disk.
_PG_EPOCH = datetime.datetime(2000, 1, 1, tzinfo=datetime.UTC)
# A signed Django value (sessions, cookies): base64url JSON, zlib-compressed when it starts with ".".
_SIGNED = re.compile(rb"\.?[A-Za-z0-9_-]{24,}")


def random_moment():
    """A second in 2028–2030 that no other test or helper uses, with a random fraction."""
    start = datetime.datetime(2028, 1, 1, tzinfo=datetime.UTC)
    return start + datetime.timedelta(seconds=random.randrange(3 * 365 * 86400),
                                      microseconds=random.randrange(1_000_000))


def reporter_steps(moment, with_files=True):
    """Two reports filed through the form (one sent twice, one whose old receipt address is
    followed), both followed up with their receipt (as printed and as digits) and answered.
    Returns the receipts as shown."""
    import time_machine
    from django.test import Client
    from django.urls import reverse

    from tests.complaints.conftest import jpeg_with_gps, receipt_from, reply_data, report_data, uploaded

    def files(name):
        return {"files": [uploaded(name, jpeg_with_gps())]} if with_files else {}

    from kpp_portal.models import MunicipalityProfile

    MunicipalityProfile.current()  # the site's identity exists before anyone files (its row has a time)
    receipts = []
    with time_machine.travel(moment, tick=False):
        first = Client()
        data = {**report_data(), **files("evidence.jpg")}
        answer = first.post(reverse("complaints:report"), data)
        assert answer.status_code == 200
        receipts.append(receipt_from(answer))
        data = {**data, **files("evidence.jpg")}
        assert first.post(reverse("complaints:report"), data).status_code == 409  # reload and resend

        second = Client()
        answer = second.post(reverse("complaints:report"), report_data())
        receipts.append(receipt_from(answer))
        second.get(reverse("complaints:receipt"), follow=True)

        for typed in (receipts[0], receipts[1].replace("-", "")):
            reader = Client()
            assert reader.post(reverse("complaints:track"), {"receipt": typed}).status_code == 302
            reply = reader.post(reverse("complaints:track_report"),
                                {**reply_data("ขอส่งข้อมูลเพิ่มเติม"), **files("more.jpg")})
            assert reply.status_code == 302
            assert reader.get(reverse("complaints:track_report")).status_code == 200
    return receipts


def decoy_session(moment):
    """A receipt written as the code before wrote one (a session row, then deleted), with a
    timestamp of `moment`: what each search must find, to show it could find anything."""
    from django.contrib.sessions.backends.db import SessionStore
    from django.contrib.sessions.models import Session

    decoy = f"{random.randrange(10**25):025d}"
    session = SessionStore()
    session["complaint_receipt"] = {"report": 1, "receipt": decoy, "files": 0}
    session.create()
    Session.objects.filter(session_key=session.session_key).update(expire_date=moment)
    session.delete()
    return decoy


def receipt_forms(receipt):
    """Each form a receipt is shown or typed in: grouped with dashes, digits only, Thai digits."""
    digits = receipt.replace("-", "")
    forms = {receipt, digits}
    forms |= {form.translate(_THAI_DIGITS) for form in forms}
    return sorted(forms)


def moment_texts(moment, bare=False):
    """The moment as text, to the second, in UTC and Bangkok time; `bare` adds HH:MM:SS alone."""
    texts = set()
    for zone in (datetime.UTC, BANGKOK):
        local = moment.astimezone(zone)
        texts |= {f"{local:%Y-%m-%d %H:%M:%S}", f"{local:%Y-%m-%dT%H:%M:%S}", f"{local:%d/%m/%Y %H:%M:%S}"}
        if bare:
            texts.add(f"{local:%H:%M:%S}")
    texts.add(str(int(moment.timestamp())))  # Unix time
    return sorted(texts)


def _pg_microseconds(moment):
    second = moment.replace(microsecond=0)
    low = int((second - _PG_EPOCH).total_seconds()) * 1_000_000
    return low, low + 999_999


def _find_pg_timestamp(data, low, high):
    """Any int64 in [low, high] at any offset (its upper five bytes first, then the whole)."""
    for upper in sorted({low >> 24, high >> 24}):
        needle = upper.to_bytes(5, "little")
        at = data.find(needle)
        while at != -1:
            if at >= 3 and low <= int.from_bytes(data[at - 3:at + 5], "little") <= high:
                return True
            at = data.find(needle, at + 1)
    return False


def _decoded_signed_values(data):
    """What the signed values in `data` say, decoded: a session row's text, as a thief reads it."""
    for match in _SIGNED.finditer(data):
        token = match.group()
        compressed = token.startswith(b".")
        token = token.lstrip(b".")
        # A column just before (a session key in a SQLite record) may run into the value: also
        # try from each place where base64 JSON ('{"') starts.
        starts = {0} | {found.start() for found in re.finditer(rb"eyJ", token)}
        for start in sorted(starts):
            part = token[start:]
            try:
                decoded = base64.urlsafe_b64decode(part + b"=" * (-len(part) % 4))
                yield zlib.decompress(decoded) if compressed and not start else decoded
            except (ValueError, zlib.error):
                continue


def files_under(*roots):
    """Every regular file under the roots (a missing root is an error: nothing is skipped)."""
    found = []
    for root in roots:
        root = Path(root)
        if not root.exists():
            raise FileNotFoundError(f"{root} does not exist or cannot be read")
        found += [root] if root.is_file() else [path for path in root.rglob("*") if path.is_file()]
    return found


def findings(paths, receipts, moment, *, bare_time=False, decode_signed=False, pg_binary=False):
    """[(file, what was found)] in the raw bytes of `paths`; [] when the copy holds nothing."""
    needles = {}
    for receipt in receipts:
        for form in receipt_forms(receipt):
            needles[form.encode("utf-8")] = f"receipt {form}"
    for text in moment_texts(moment, bare=bare_time):
        needles[text.encode("ascii")] = f"time {text}"
    shown = [form.encode("utf-8") for receipt in receipts for form in receipt_forms(receipt)]
    low, high = _pg_microseconds(moment)
    found = []
    for path in paths:
        try:
            data = Path(path).read_bytes()
        except FileNotFoundError:  # a WAL segment recycled or a temporary file gone meanwhile
            continue
        found += [(str(path), what) for needle, what in needles.items() if needle in data]
        if pg_binary and _find_pg_timestamp(data, low, high):
            found.append((str(path), f"timestamp of the second {moment:%H:%M:%S} (int64 microseconds)"))
        if decode_signed:
            for value in _decoded_signed_values(data):
                found += [(str(path), "receipt in a signed value") for form in shown if form in value]
    return found


def _main(db_file):
    """Migrate a SQLite file, run the reporter's steps on it, print what the parent searches for."""
    import os
    import shutil

    import tests.env  # noqa: F401  (the test run's environment defaults)

    db_file = Path(db_file)
    os.environ["DATABASE_URL"] = f"sqlite:///{db_file}"
    os.environ["PRIVATE_MEDIA_ROOT"] = str(db_file.parent / "private")
    os.environ["MEDIA_ROOT"] = str(db_file.parent / "media")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kpp_portal.settings")
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.core.signals import request_finished
    from django.db import close_old_connections, connection
    from django.test.utils import override_settings, setup_test_environment

    setup_test_environment()
    # Templates name static files; no manifest is built for a test run.
    override_settings(STORAGES={**settings.STORAGES, "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}).enable()
    # One connection for the whole run, as a server process keeps it: closing the last one
    # would fold the -wal file into the database file and remove it.
    request_finished.disconnect(close_old_connections)
    call_command("migrate", verbosity=0)
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA journal_mode=WAL")  # so the -wal file is searched too
    moment = random_moment()
    receipts = reporter_steps(moment)
    decoy_moment = random_moment()
    decoy = decoy_session(decoy_moment)
    # The copy a thief takes of the running server: the files as they are, -wal included.
    snapshot = db_file.parent / "snapshot"
    snapshot.mkdir()
    for path in db_file.parent.glob(db_file.name + "*"):
        shutil.copy(path, snapshot / path.name)
    print(json.dumps({"receipts": receipts, "moment": moment.isoformat(),
                      "decoy": decoy, "decoy_moment": decoy_moment.isoformat()}))


if __name__ == "__main__":
    _main(sys.argv[1])
