from django.db import migrations
from django.db.models import Max

SCOPE = "ทจ"  # complaints.models.REFERENCE_PREFIX when this migration was written


def continue_numbering(apps, schema_editor):
    """Each fiscal year's counter starts after the highest number already given out, counting
    reports deleted with their figures kept, so no existing reference is issued again."""
    counter = apps.get_model("complaints", "ComplaintCounter")
    last = {}
    for model_name in ("CorruptionReport", "PurgedReportFigures"):
        rows = apps.get_model("complaints", model_name).objects.values("fiscal_year").annotate(last=Max("sequence"))
        for row in rows:
            last[row["fiscal_year"]] = max(last.get(row["fiscal_year"], 0), row["last"])
    for year, number in last.items():
        counter.objects.update_or_create(scope=SCOPE, year_be=year, defaults={"last_number": number})


def forget_counters(apps, schema_editor):
    apps.get_model("complaints", "ComplaintCounter").objects.filter(scope=SCOPE).delete()


class Migration(migrations.Migration):

    dependencies = [
        ("complaints", "0002_complaint_counter_and_access_requests"),
    ]

    operations = [migrations.RunPython(continue_numbering, forget_counters)]
