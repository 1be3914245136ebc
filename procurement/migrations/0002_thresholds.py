"""The money limits of each method in force since the Act B.E. 2560 (fiscal year 2560).

A later regulation is a new row with its own effective fiscal year, added in the admin.
"""
from decimal import Decimal

from django.db import migrations

THRESHOLDS = [
    ("e_market", Decimal("500000.00"), None,
     "ระเบียบกระทรวงการคลังว่าด้วยการจัดซื้อจัดจ้างฯ พ.ศ. 2560 (วงเงินเกิน 500,000 บาท)"),
    ("e_bidding", Decimal("500000.00"), None,
     "ระเบียบกระทรวงการคลังว่าด้วยการจัดซื้อจัดจ้างฯ พ.ศ. 2560 (วงเงินเกิน 500,000 บาท)"),
    ("price_inquiry", Decimal("500000.00"), Decimal("5000000.00"),
     "ระเบียบกระทรวงการคลังว่าด้วยการจัดซื้อจัดจ้างฯ พ.ศ. 2560 ข้อ 49 (เกิน 500,000 ไม่เกิน 5,000,000 บาท)"),
    ("selection", None, None, "พ.ร.บ. การจัดซื้อจัดจ้างฯ พ.ศ. 2560 มาตรา 56 (1) (ตามเงื่อนไข ไม่จำกัดวงเงิน)"),
    ("specific", None, Decimal("500000.00"),
     "พ.ร.บ. การจัดซื้อจัดจ้างฯ พ.ศ. 2560 มาตรา 56 (2) (ข) และกฎกระทรวงกำหนดวงเงินฯ (ไม่เกิน 500,000 บาท)"),
]


def add_thresholds(apps, schema_editor):
    threshold = apps.get_model("procurement", "ProcurementThreshold")
    for method, above, up_to, basis in THRESHOLDS:
        threshold.objects.get_or_create(method=method, effective_fiscal_year=2560,
                                        defaults={"above": above, "up_to": up_to, "legal_basis": basis})


class Migration(migrations.Migration):
    dependencies = [("procurement", "0001_initial")]
    operations = [migrations.RunPython(add_thresholds, migrations.RunPython.noop)]
