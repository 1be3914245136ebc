"""Migration operations for what exists on PostgreSQL only (extensions, GIN indexes).

On SQLite (a newcomer's `make run`) only the migration state changes: the code that would use
them has a plain fallback there.
"""
from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations


class PostgresOnly:
    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_forwards(app_label, schema_editor, from_state, to_state)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_backwards(app_label, schema_editor, from_state, to_state)


class TrigramExtensionOnPostgres(PostgresOnly, TrigramExtension):
    pass


class AddPostgresIndex(PostgresOnly, migrations.AddIndex):
    pass


class RemovePostgresIndex(PostgresOnly, migrations.RemoveIndex):
    pass
