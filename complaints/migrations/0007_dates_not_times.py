"""Keep only the day of a report, its messages, files, sealed keys and spent form tokens: the
exact time in the clear ties a report to any other log. Existing times become their local date."""
import django.utils.timezone
from django.db import migrations, models

import complaints.crypto

# (model, old DateTimeField, new DateField)
TO_DATES = (
    ("corruptionreport", "received_at", "received_on"),
    ("purgedreportfigures", "received_at", "received_on"),
    ("reportmessage", "created_at", "sent_on"),
    ("reportfile", "created_at", "added_on"),
    ("sealeddatakey", "created_at", "created_on"),
)


def to_local_dates(apps, schema_editor):
    for model_name, old, new in TO_DATES:
        model = apps.get_model("complaints", model_name)
        for pk, moment in model.objects.values_list("pk", old).iterator():
            model.objects.filter(pk=pk).update(**{new: django.utils.timezone.localtime(moment).date()})


class Migration(migrations.Migration):

    dependencies = [
        ('complaints', '0006_per_person_keys'),
    ]

    operations = [
        *(migrations.AddField(model_name=model_name, name=new, field=models.DateField(null=True))
          for model_name, _old, new in TO_DATES),
        migrations.RunPython(to_local_dates, migrations.RunPython.noop),
        *(migrations.RemoveField(model_name=model_name, name=old) for model_name, old, _new in TO_DATES),
        migrations.AlterField(
            model_name='corruptionreport', name='received_on',
            field=models.DateField(default=django.utils.timezone.localdate, verbose_name='วันที่รับเรื่อง'),
        ),
        migrations.AlterField(
            model_name='purgedreportfigures', name='received_on',
            field=models.DateField(verbose_name='วันที่รับเรื่อง'),
        ),
        migrations.AlterField(
            model_name='reportmessage', name='sent_on',
            field=models.DateField(default=django.utils.timezone.localdate, verbose_name='วันที่'),
        ),
        migrations.AlterField(
            model_name='reportfile', name='added_on',
            field=models.DateField(default=django.utils.timezone.localdate, verbose_name='วันที่'),
        ),
        migrations.AlterField(
            model_name='sealeddatakey', name='created_on',
            field=models.DateField(default=django.utils.timezone.localdate),
        ),
        migrations.AddField(
            model_name='corruptionreport', name='received_time',
            field=complaints.crypto.EncryptedTextField(blank=True, editable=False, verbose_name='เวลาที่รับเรื่อง'),
        ),
        # A spent token's row is kept from the migration's day: at least as long as it needs to be.
        migrations.RemoveField(model_name='spentreporttoken', name='filed_at'),
        migrations.AddField(
            model_name='spentreporttoken', name='filed_at',
            field=models.DateField(db_index=True, default=django.utils.timezone.localdate),
        ),
        migrations.AlterModelOptions(
            name='corruptionreport',
            options={'ordering': ['-received_on', '-pk'], 'verbose_name': 'เรื่องร้องเรียนการทุจริต',
                     'verbose_name_plural': 'เรื่องร้องเรียนการทุจริต'},
        ),
        migrations.AlterModelOptions(
            name='reportmessage',
            options={'ordering': ['sent_on', 'pk'], 'verbose_name': 'ข้อความในเรื่องร้องเรียน',
                     'verbose_name_plural': 'ข้อความในเรื่องร้องเรียน'},
        ),
        migrations.AlterModelOptions(
            name='reportfile',
            options={'ordering': ['added_on', 'pk'], 'verbose_name': 'ไฟล์หลักฐาน',
                     'verbose_name_plural': 'ไฟล์หลักฐาน'},
        ),
    ]
