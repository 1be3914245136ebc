"""Rewrite the tables whose times were dropped: a dropped column and the row versions before an
UPDATE stay in the table file until it is rewritten, so a copy of the disk would still hold the
times. (The write-ahead log keeps them until its segments are recycled.)"""
from django.db import migrations

TABLES = ("complaints_corruptionreport", "complaints_purgedreportfigures", "complaints_reportmessage",
          "complaints_reportfile", "complaints_sealeddatakey", "complaints_spentreporttoken")


def rewrite(apps, schema_editor):
    connection = schema_editor.connection
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("VACUUM FULL " + ", ".join(TABLES))
        elif connection.vendor == "sqlite":
            cursor.execute("VACUUM")


class Migration(migrations.Migration):
    atomic = False  # VACUUM runs outside a transaction

    dependencies = [
        ('complaints', '0010_key_endorsements'),
    ]

    operations = [migrations.RunPython(rewrite, migrations.RunPython.noop, elidable=True)]
