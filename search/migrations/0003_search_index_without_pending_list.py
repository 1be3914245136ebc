import django.contrib.postgres.indexes
from django.db import migrations

from kpp_portal.migration_operations import AddPostgresIndex, RemovePostgresIndex


class Migration(migrations.Migration):

    dependencies = [
        ('search', '0002_register_in_portal_search'),
    ]

    operations = [
        RemovePostgresIndex(
            model_name='searchentry',
            name='search_entry_vector',
        ),
        AddPostgresIndex(
            model_name='searchentry',
            index=django.contrib.postgres.indexes.GinIndex(fastupdate=False, fields=['vector'], name='search_entry_vector'),
        ),
    ]
