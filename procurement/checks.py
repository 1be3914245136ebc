"""Settings checks of the procurement section."""
from django.conf import settings
from django.core import checks


@checks.register(checks.Tags.compatibility)
def ocid_prefix(app_configs, **kwargs):
    if settings.OCDS_OCID_PREFIX:
        return []
    return [checks.Warning(
        "OCDS_OCID_PREFIX is not set: the OCDS open data is not published.",
        hint="Register an ocid prefix with the Open Contracting Partnership and set OCDS_OCID_PREFIX.",
        id="procurement.W001")]
