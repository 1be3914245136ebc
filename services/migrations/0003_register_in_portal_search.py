from django.db import migrations

from kpp_portal.migration_operations import RemovePostgresIndex


class Migration(migrations.Migration):
    """The public register is found through the portal-wide search index; staff keep the
    trigram index on the request's own subject (PostgreSQL only, see 0001)."""

    dependencies = [
        ('services', '0002_request_files_checked_by_kind'),
    ]

    operations = [
        RemovePostgresIndex(
            model_name='servicerequest',
            name='services_req_register_trgm',
        ),
    ]
