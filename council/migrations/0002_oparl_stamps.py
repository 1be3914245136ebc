# Created and modified stamps on every object the OParl API lists, for its created_*/modified_*
# filters. Rows that exist already take the time of this migration: when they were made is not known.
import django.utils.timezone
from django.db import migrations, models

STAMPED = {
    "term": ("created_at", "updated_at"),
    "councilmember": ("created_at", "updated_at"),
    "agendaitem": ("created_at", "updated_at"),
    "motion": ("created_at",),
    "meetingdocument": ("updated_at",),
}


def stamp(model, name):
    if name == "created_at":
        field = models.DateTimeField(auto_now_add=True, default=django.utils.timezone.now,
                                     verbose_name="สร้างเมื่อ")
    else:
        field = models.DateTimeField(auto_now=True, verbose_name="แก้ไขล่าสุด")
    return migrations.AddField(model_name=model, name=name, field=field, preserve_default=False)


class Migration(migrations.Migration):

    dependencies = [
        ("council", "0001_initial"),
    ]

    operations = [stamp(model, name) for model, names in STAMPED.items() for name in names]
