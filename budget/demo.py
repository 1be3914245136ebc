"""Sample budget ordinances for the previous and the current fiscal year, with the spending
reports already due by today. The figures are invented (ตัวอย่าง), sized like a town
municipality's budget of about 390 million baht; the plans, work programmes and categories are
the Interior Ministry's classification for local government. Idempotent."""
import datetime
from decimal import Decimal

from django.utils import timezone

from kpp_portal import thai
from kpp_portal.demo import day_in

from .models import BudgetLine, BudgetYear
from .models import ExpenseCategory as C

# (plan, work programme, category, amount in thousand baht, share spent by 31 March, in the year)
LINES = (
    ("แผนงานบริหารงานทั่วไป", "งานบริหารทั่วไป", C.PERSONNEL, 38_500, 0.48, 0.97),
    ("แผนงานบริหารงานทั่วไป", "งานบริหารทั่วไป", C.OPERATIONS, 12_400, 0.41, 0.89),
    ("แผนงานบริหารงานทั่วไป", "งานบริหารทั่วไป", C.INVESTMENT, 2_100, 0.12, 0.78),
    ("แผนงานบริหารงานทั่วไป", "งานบริหารงานคลัง", C.PERSONNEL, 14_200, 0.49, 0.98),
    ("แผนงานบริหารงานทั่วไป", "งานบริหารงานคลัง", C.OPERATIONS, 4_600, 0.37, 0.86),
    ("แผนงานการรักษาความสงบภายใน", "งานป้องกันภัยฝ่ายพลเรือนและระงับอัคคีภัย", C.PERSONNEL, 9_800, 0.48, 0.96),
    ("แผนงานการรักษาความสงบภายใน", "งานป้องกันภัยฝ่ายพลเรือนและระงับอัคคีภัย", C.OPERATIONS, 3_200, 0.35, 0.84),
    ("แผนงานการรักษาความสงบภายใน", "งานป้องกันภัยฝ่ายพลเรือนและระงับอัคคีภัย", C.INVESTMENT, 4_500, 0.0, 0.93),
    ("แผนงานการศึกษา", "งานบริหารทั่วไปเกี่ยวกับการศึกษา", C.PERSONNEL, 8_600, 0.49, 0.97),
    ("แผนงานการศึกษา", "งานบริหารทั่วไปเกี่ยวกับการศึกษา", C.OPERATIONS, 2_100, 0.33, 0.82),
    ("แผนงานการศึกษา", "งานระดับก่อนวัยเรียนและประถมศึกษา", C.PERSONNEL, 42_000, 0.49, 0.98),
    ("แผนงานการศึกษา", "งานระดับก่อนวัยเรียนและประถมศึกษา", C.OPERATIONS, 18_500, 0.46, 0.91),
    ("แผนงานการศึกษา", "งานระดับก่อนวัยเรียนและประถมศึกษา", C.INVESTMENT, 3_800, 0.21, 0.88),
    ("แผนงานการศึกษา", "งานระดับก่อนวัยเรียนและประถมศึกษา", C.SUBSIDIES, 9_600, 0.50, 0.99),
    ("แผนงานสาธารณสุข", "งานบริการสาธารณสุขและงานสาธารณสุขอื่น", C.PERSONNEL, 6_400, 0.48, 0.96),
    ("แผนงานสาธารณสุข", "งานบริการสาธารณสุขและงานสาธารณสุขอื่น", C.OPERATIONS, 5_200, 0.38, 0.87),
    ("แผนงานเคหะและชุมชน", "งานไฟฟ้าถนน", C.PERSONNEL, 12_800, 0.48, 0.97),
    ("แผนงานเคหะและชุมชน", "งานไฟฟ้าถนน", C.OPERATIONS, 6_900, 0.36, 0.85),
    ("แผนงานเคหะและชุมชน", "งานไฟฟ้าถนน", C.INVESTMENT, 24_500, 0.15, 0.81),
    ("แผนงานเคหะและชุมชน", "งานกำจัดขยะมูลฝอยและสิ่งปฏิกูล", C.PERSONNEL, 11_300, 0.49, 0.97),
    ("แผนงานเคหะและชุมชน", "งานกำจัดขยะมูลฝอยและสิ่งปฏิกูล", C.OPERATIONS, 14_600, 0.47, 0.94),
    ("แผนงานเคหะและชุมชน", "งานกำจัดขยะมูลฝอยและสิ่งปฏิกูล", C.INVESTMENT, 2_400, 0.0, 0.98),
    ("แผนงานเคหะและชุมชน", "งานบำบัดน้ำเสีย", C.OPERATIONS, 8_500, 0.42, 0.90),
    ("แผนงานเคหะและชุมชน", "งานบำบัดน้ำเสีย", C.INVESTMENT, 7_200, 0.05, 0.72),
    ("แผนงานสร้างความเข้มแข็งของชุมชน", "งานส่งเสริมและสนับสนุนความเข้มแข็งชุมชน", C.OPERATIONS, 2_800, 0.31, 0.83),
    ("แผนงานสร้างความเข้มแข็งของชุมชน", "งานส่งเสริมและสนับสนุนความเข้มแข็งชุมชน", C.SUBSIDIES, 1_200, 0.25, 0.92),
    ("แผนงานการศาสนาวัฒนธรรมและนันทนาการ", "งานศาสนาวัฒนธรรมท้องถิ่น", C.OPERATIONS, 4_500, 0.52, 0.95),
    ("แผนงานการศาสนาวัฒนธรรมและนันทนาการ", "งานศาสนาวัฒนธรรมท้องถิ่น", C.SUBSIDIES, 800, 0.40, 1.0),
    ("แผนงานสังคมสงเคราะห์", "งานสวัสดิการสังคมและสังคมสงเคราะห์", C.OPERATIONS, 1_600, 0.34, 0.88),
    ("แผนงานการพาณิชย์", "งานตลาดสด", C.PERSONNEL, 2_900, 0.48, 0.97),
    ("แผนงานการพาณิชย์", "งานตลาดสด", C.OPERATIONS, 3_400, 0.39, 0.86),
    # เบี้ยยังชีพผู้สูงอายุ ผู้พิการ ผู้ป่วยเอดส์, contributions to the pension fund, reserves
    ("แผนงานงบกลาง", "งบกลาง", C.CENTRAL, 96_500, 0.50, 0.96),
)


def _baht(thousands, share=1.0, scale=Decimal(1)):
    return (Decimal(thousands) * 1000 * scale * Decimal(str(share))).quantize(Decimal("1"))


def load(stdout):
    today = timezone.localdate()
    current = thai.current_fiscal_year()
    for fiscal_year in (current - 1, current):
        start, end = thai.fiscal_year_range(fiscal_year)
        half_out = thai.fiscal_half_range(fiscal_year)[1] + datetime.timedelta(days=20)
        year_out = end + datetime.timedelta(days=25)
        budget_year, _created = BudgetYear.objects.get_or_create(fiscal_year=fiscal_year, defaults={
            "enacted_on": start - datetime.timedelta(days=16), "published_on": day_in(fiscal_year, 7),
            "half_report_on": half_out if half_out <= today else None,
            "year_report_on": year_out if year_out <= today else None,
            "note": "ข้อมูลตัวอย่างสำหรับสาธิตระบบ ตัวเลขสมมุติ (ตัวอย่าง)"})
        # The previous year's budget a little smaller, as budgets grow year on year.
        scale = Decimal("0.96") if fiscal_year < current else Decimal(1)
        if budget_year.lines.exists():
            continue
        BudgetLine.objects.bulk_create([
            BudgetLine(budget_year=budget_year, plan=plan, programme=programme, category=category,
                       amount=_baht(thousands, scale=scale),
                       spent_half=_baht(thousands, half, scale) if budget_year.half_report_on else None,
                       spent_year=_baht(thousands, year, scale) if budget_year.year_report_on else None)
            for plan, programme, category, thousands, half, year in LINES])
    stdout.write(f"งบประมาณรายจ่าย: {BudgetYear.objects.count()} ปี "
                 f"{BudgetLine.objects.count()} รายการ พร้อมรายงานผลการใช้จ่ายที่ถึงกำหนดแล้ว (ตัวอย่าง)")
