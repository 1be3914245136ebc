# The catalogue searches through the portal-wide search index (search app), so the pg_trgm
# indexes of titles and summaries go.

from django.db import migrations

from kpp_portal.migration_operations import RemovePostgresIndex


class Migration(migrations.Migration):

    dependencies = [
        ("disclosures", "0003_uploads_stored_under_detected_type"),
    ]

    operations = [
        RemovePostgresIndex(
            model_name='document',
            name='disclosures_doc_title_trgm',
        ),
        RemovePostgresIndex(
            model_name='document',
            name='disclosures_doc_summary_trgm',
        ),
    ]
