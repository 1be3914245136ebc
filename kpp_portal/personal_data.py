"""What the portal holds about one person, for a data subject's access or portability request
(PDPA s. 30–31). Each app that keeps personal data says what it holds in its `personal_data.py`
(`records(email, phone)` → {section name: [row dicts]}); this module collects them through
kpp_portal.discovery. Found by exact e-mail (case folded) or phone (digits only)."""
import json

from django.db.models import Q
from django.utils import timezone

from .discovery import app_modules


def normalised_phone(phone):
    return "".join(ch for ch in phone or "" if ch.isdigit())


def matching(email, phone, email_field, phone_field):
    """A filter wide enough for contact details as people type them (case, spaces, dashes);
    is_theirs() narrows the rows it finds."""
    match = Q(pk__in=[])
    if email:
        match |= Q(**{f"{email_field}__iexact": email})
    if len(phone) >= 9:
        match |= Q(**{f"{phone_field}__contains": phone[-4:]})
    return match


def is_theirs(email, phone, row_email, row_phone):
    return bool(email and (row_email or "").strip().lower() == email) or bool(
        phone and normalised_phone(row_phone) == phone)


def held_about(email="", phone=""):
    """{section: [rows]} across every app; empty sections left out."""
    email, phone = (email or "").strip().lower(), normalised_phone(phone)
    if not (email or phone):
        return {}
    found = {}
    for _app, module in app_modules("personal_data"):
        if not hasattr(module, "records"):  # this module itself
            continue
        for section, rows in module.records(email, phone).items():
            if rows:
                found[section] = rows
    return found


def as_json(email="", phone=""):
    """A machine-readable file (s. 31): UTF-8 JSON, dates in ISO 8601."""
    document = {"generated_at": timezone.now().isoformat(timespec="seconds"),
                "records": held_about(email, phone)}
    return json.dumps(document, ensure_ascii=False, indent=2, default=str).encode()
