import kpp_portal.thai
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('kpp_portal', '0007_data_protection_contact'),
    ]

    operations = [
        migrations.AddField(
            model_name='municipalityprofile',
            name='tax_id',
            field=models.CharField(blank=True, help_text='13 หลัก ใช้เป็นรหัสผู้ซื้อในข้อมูลเปิดการจัดซื้อจัดจ้าง (OCDS)', max_length=13, validators=[kpp_portal.thai.validate_thai_tax_id], verbose_name='เลขประจำตัวผู้เสียภาษีอากรของหน่วยงาน'),
        ),
    ]
