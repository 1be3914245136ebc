"""Guessing a receipt is out of reach although the channel knows no address to count.

The channel's proxy passes no address on, so the app cannot limit a guesser per address (nginx
does, in memory). What bounds guessing without any address: 25 random digits (83 bits), one
Argon2id per guess whatever is typed, and no comparison in Python (the keyed digest is found or
not by the database's unique index, so no timing tells how close a guess came).
"""
import pytest

from complaints import crypto
from complaints.models import CorruptionReport

pytestmark = pytest.mark.django_db

# Far above what the portal can serve: each guess is one Argon2id of COMPLAINT_RECEIPT_KDF_MEMORY_KIB
# (tens of milliseconds on one core), and the workers are few.
GUESSES_PER_SECOND = 10_000
YEARS = 10
LIVE_REPORTS = 1_000_000


def test_a_decade_of_guessing_at_any_rate_the_portal_serves_opens_no_report():
    space = 10 ** crypto.RECEIPT_DIGITS
    guesses = GUESSES_PER_SECOND * 365 * 24 * 3600 * YEARS
    assert guesses * LIVE_REPORTS / space < 1e-6


def test_every_guess_costs_one_argon2id_and_compares_nothing_in_python(filed_report, monkeypatch):
    report, receipt = filed_report
    derived, compared = [], []
    real_keys = crypto.receipt_keys
    monkeypatch.setattr(crypto, "receipt_keys", lambda typed: derived.append(typed) or real_keys(typed))
    import hmac
    import secrets

    for module in (hmac, secrets):
        monkeypatch.setattr(module, "compare_digest", lambda *pair: compared.append(pair))
    near_miss = receipt[:-1] + str((int(receipt[-1]) + 1) % 10)
    for typed in ("not a receipt", "1" * crypto.RECEIPT_DIGITS, near_miss):
        assert CorruptionReport.objects.for_receipt(typed) is None
    assert CorruptionReport.objects.for_receipt(receipt).pk == report.pk
    assert len(derived) == 4 and compared == []
