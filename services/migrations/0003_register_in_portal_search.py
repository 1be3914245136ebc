from django.db import migrations


class RemovePostgresIndex(migrations.RemoveIndex):
    """The trigram index exists on PostgreSQL only (see 0001)."""

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_forwards(app_label, schema_editor, from_state, to_state)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_backwards(app_label, schema_editor, from_state, to_state)


class Migration(migrations.Migration):
    """The public register is found through the portal-wide search index; staff keep the
    trigram index on the request's own subject."""

    dependencies = [
        ('services', '0002_request_files_checked_by_kind'),
    ]

    operations = [
        RemovePostgresIndex(
            model_name='servicerequest',
            name='services_req_register_trgm',
        ),
    ]
