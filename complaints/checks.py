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
