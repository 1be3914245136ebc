from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('search', '0001_search_index'),
    ]

    operations = [
        migrations.AlterField(
            model_name='searchentry',
            name='section',
            field=models.CharField(choices=[('documents', 'เอกสารเผยแพร่'), ('news', 'ข่าวประชาสัมพันธ์'), ('procurement', 'จัดซื้อจัดจ้าง'), ('committees', 'คณะกรรมการและการประชุม'), ('qa', 'ถาม-ตอบ'), ('pages', 'ข้อมูลเทศบาล'), ('services', 'บริการออนไลน์')], max_length=20, verbose_name='หมวด'),
        ),
    ]
