import django.db.models.expressions
from django.db import migrations, models

from kpp_portal.migration_operations import AddPostgresIndex


class Migration(migrations.Migration):

    dependencies = [
        ('search', '0006_file_text'),
    ]

    operations = [
        AddPostgresIndex(
            model_name='searchentry',
            index=models.Index(models.F('section'), django.db.models.expressions.OrderBy(django.db.models.expressions.F('date'), descending=True, nulls_last=True), django.db.models.expressions.OrderBy(django.db.models.expressions.F('id'), descending=True), condition=models.Q(('inside_vector__isnull', False)), name='search_entry_inside_section'),
        ),
    ]
