from django.db import migrations

# The general channel (its own app since) numbered its messages คร-<year>-NNNN with this app's
# counter table; the portal's shared counter takes over under the same prefix, so numbering
# continues where it stopped and no reference is ever given twice.
PREFIX = 'คร'


def counters_to_shared_table(apps, schema_editor):
    Old = apps.get_model('committees', 'ReferenceCounter')
    Shared = apps.get_model('kpp_portal', 'ReferenceCounter')
    for old in Old.objects.all():
        shared, _created = Shared.objects.get_or_create(scope=PREFIX, year_be=old.year_be)
        if old.last_number > shared.last_number:
            shared.last_number = old.last_number
            shared.save(update_fields=['last_number'])


def counters_back(apps, schema_editor):
    Old = apps.get_model('committees', 'ReferenceCounter')
    Shared = apps.get_model('kpp_portal', 'ReferenceCounter')
    for shared in Shared.objects.filter(scope=PREFIX):
        Old.objects.update_or_create(year_be=shared.year_be, defaults={'last_number': shared.last_number})


class Migration(migrations.Migration):

    dependencies = [
        ("committees", "0002_meeting_photos_as_picture_sizes"),
        ('feedback', '0001_general_channel_moves_out_of_committees'),
        ('kpp_portal', '0003_reference_counter'),
    ]

    operations = [
        migrations.RunPython(counters_to_shared_table, counters_back),
        migrations.DeleteModel(
            name='ReferenceCounter',
        ),
        # The table now belongs to feedback.FeedbackMessage: forget the model, keep the rows.
        migrations.SeparateDatabaseAndState(state_operations=[
            migrations.RemoveField(
                model_name='feedbackmessage',
                name='answered_by',
            ),
            migrations.DeleteModel(
                name='FeedbackMessage',
            ),
        ]),
    ]
