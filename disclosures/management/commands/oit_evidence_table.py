from django.core.management.base import BaseCommand

from disclosures.checklists import checklist_rows


class Command(BaseCommand):
    help = ("ตารางข้อ OIT ของปีที่ระบุ (Markdown): ครบหรือไม่ ช่วงเวลาของหลักฐาน สิ่งที่นับ "
            "และหลักฐานหรือเหตุที่ยังไม่ครบ สำหรับตรวจทานก่อนส่ง ITA")

    def add_arguments(self, parser):
        parser.add_argument("years", nargs="+", type=int, help="ปีที่ประเมิน (พ.ศ.)")

    def handle(self, *args, years, **options):
        for year in years:
            self.stdout.write(f"\n### {year}\n\n| ข้อ | สถานะ | ช่วงเวลา | สิ่งที่นับ | หลักฐาน / เหตุที่ยังไม่ครบ |\n"
                              "|---|---|---|---|---|")
            for row in checklist_rows(year):
                item = row.item
                if row.proven:
                    status, shown = "met", ", ".join(row.evidence_paths())
                elif row.confirmed_by_staff:
                    status, shown = "confirmed by staff", item.evidence_note
                else:
                    status, shown = "not met", "; ".join(why for why, _fix in row.reasons)
                self.stdout.write(f"| {item.code} | {status} | {item.window_label()} | "
                                  f"{item.get_counts_display()} | {shown} |")
