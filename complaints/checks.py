"""Settings checks of the anti-corruption channel."""
from django.conf import settings
from django.core import checks
from django.db import DatabaseError


@checks.register(checks.Tags.security, deploy=True)
@checks.register(checks.Tags.security)
def server_key_check(app_configs, **kwargs):
    """Warn while any report still depends on the server key (COMPLAINT_ENCRYPTION_KEYS): until
    `migrate_complaint_keys` moves it, a copy of the server opens it."""
    from .models import CorruptionReport

    try:
        legacy = CorruptionReport.objects.filter(data_key_id="").count()
    except DatabaseError:
        return []  # no database yet (first migrate): nothing can depend on the key
    if not legacy:
        return []
    if not settings.COMPLAINT_ENCRYPTION_KEYS:
        return [checks.Error(
            f"{legacy} corruption reports are encrypted with the server key, "
            "but COMPLAINT_ENCRYPTION_KEYS is empty: they cannot be read. "
            "Restore the key, then run migrate_complaint_keys.",
            id="complaints.E001")]
    return [checks.Warning(
        f"{legacy} corruption reports still depend on the server key (COMPLAINT_ENCRYPTION_KEYS): a copy of "
        "the server opens them.",
        hint="A legal officer runs `manage.py migrate_complaint_keys --officer <username>`, "
             "then remove the key.",
        id="complaints.W001")]


@checks.register(checks.Tags.security)
def key_holders_check(app_configs, **kwargs):
    """A report is sealed, when it is filed, to the legal officers whose keys are endorsed back to
    the pinned root and to the recovery key. Once the channel is in use (a legal officer seated,
    or a report filed), say so when there is no recovery key, and when a report filed now could
    be read by no one."""
    from complaints.roles import LEGAL_AFFAIRS
    from kpp_portal import roles

    from . import recipients
    from .models import CorruptionReport, RecoveryKey

    try:
        officers = roles.members(LEGAL_AFFAIRS)
        if not officers.exists() and not CorruptionReport.objects.exists():
            return []  # not in use yet (a fresh installation)
        holders = recipients.legal_keys().exists()
        recovery = RecoveryKey.objects.filter(is_current=True).exists()
    except DatabaseError:
        return []
    problems = []
    if not recovery:
        problems.append(checks.Warning(
            "No recovery key: if every legal officer's key is lost, the corruption reports are lost.",
            hint="Run `manage.py complaint_recovery_key` offline and keep the printed key in the safe.",
            id="complaints.W002"))
    if not holders and not recovery:
        problems.append(checks.Warning(
            "No legal officer holds a key endorsed back to COMPLAINT_KEY_ROOTS and there is no recovery "
            "key: a corruption report filed now could never be read.",
            hint="Run `manage.py first_legal_officer` (it pins the root), and make the recovery key.",
            id="complaints.W003"))
    return problems


@checks.register(checks.Tags.security, deploy=True)
def recovery_key_check(app_configs, **kwargs):
    """Production refuses to run without a recovery key: without one, a single administrator's
    act (removing the officers, resetting their passwords) could leave every report unreadable."""
    from .models import RecoveryKey

    try:
        recovery = RecoveryKey.objects.filter(is_current=True).exists()
    except DatabaseError:
        return []  # no database yet (first migrate): `check --deploy` runs again before serving
    if recovery:
        return []
    return [checks.Error(
        "No recovery key for the corruption reports.",
        hint="Run `manage.py complaint_recovery_key` and keep the printed private key in the safe.",
        id="complaints.E002")]
