"""ITA/OIT evidence from the anti-corruption channel (no queries: the pages always exist)."""
from django.urls import reverse

from kpp_portal.thai import current_fiscal_year


def evidence(fiscal_year):
    found = {
        "complaint-manual": [("คู่มือการปฏิบัติงานการจัดการเรื่องร้องเรียนการทุจริต", reverse("complaints:manual"))],
        "corruption-channel": [("ช่องทางแจ้งเรื่องร้องเรียนการทุจริตและประพฤติมิชอบ", reverse("complaints:index"))],
    }
    if fiscal_year <= current_fiscal_year():
        found["complaint-stats"] = [
            (
                f"สถิติเรื่องร้องเรียนการทุจริต ปีงบประมาณ พ.ศ. {fiscal_year}",
                reverse("complaints:stats") + f"#fy-{fiscal_year}",
            )
        ]
    return found
