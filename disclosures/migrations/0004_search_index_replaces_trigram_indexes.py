# The catalogue searches through the portal-wide search index (search app), so the pg_trgm
# indexes of titles and summaries go.

from django.db import migrations


class RemovePostgresIndex(migrations.RemoveIndex):
    """The indexes exist on PostgreSQL only (0001 created them there alone)."""

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_forwards(app_label, schema_editor, from_state, to_state)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_backwards(app_label, schema_editor, from_state, to_state)


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
