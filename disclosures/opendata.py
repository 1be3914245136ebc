"""The catalogue of published documents (the register of public information) in the portal's
DCAT catalogue (kpp_portal/opendata.py)."""
from django.db.models import Max, Min
from django.urls import reverse
from django.utils import timezone

from kpp_portal.opendata import CSV, JSON, Dataset, Distribution

from .models import Document


def datasets():
    dates = Document.objects.published().aggregate(first=Min("publication_date"),
                                                   last=Max("publication_date"))
    today = timezone.localdate()
    return [Dataset(
        key="public-information-register",
        title="รายการข้อมูลข่าวสารที่เผยแพร่ (ทะเบียนข้อมูลข่าวสาร)",
        title_en="Register of published public information",
        description=("รายการเอกสารและข้อมูลข่าวสารทั้งหมดที่เทศบาลเผยแพร่ตามพระราชบัญญัติข้อมูลข่าวสาร"
                     "ของราชการ พ.ศ. 2540 และการประเมิน ITA: ชื่อ หมวด ปีงบประมาณ วันที่เผยแพร่ และที่อยู่ของไฟล์"),
        description_en=("Every document the municipality publishes under the Official Information Act "
                        "1997 and for the ITA assessment: title, category, fiscal year, publication date "
                        "and file address"),
        landing_page=reverse("disclosures:open_data"),
        issued=dates["first"] or today, modified=dates["last"] or today,
        keywords=("ข้อมูลข่าวสาร", "เอกสารเผยแพร่", "ITA"),
        keywords_en=("public information", "documents", "ITA"),
        frequency="daily",
        distributions=[
            Distribution("รายการเอกสาร (CSV)", "Document register (CSV)",
                         reverse("disclosures:catalogue_csv"), CSV),
            Distribution("รายการเอกสาร (JSON)", "Document register (JSON)",
                         reverse("disclosures:catalogue_json"), JSON),
        ])]
