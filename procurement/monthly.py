"""สขร.1: the monthly summary of procurement results, in the official column order.

One list of rows feeds the page, the CSV and the XLSX, so the three always agree.
"""
import csv
import io

from django.db.models import Prefetch
from django.utils import translation
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from kpp_portal import thai

from .models import Award, Bid

# The official order of the columns of form สขร.1; do not reorder.
COLUMNS = (
    "ลำดับที่",
    "งานที่จัดซื้อหรือจัดจ้าง",
    "วงเงินที่จะซื้อหรือจ้าง",
    "ราคากลาง",
    "วิธีซื้อหรือจ้าง",
    "รายชื่อผู้เสนอราคาและราคาที่เสนอ",
    "ผู้ได้รับการคัดเลือกและราคาที่ตกลงซื้อหรือจ้าง",
    "เหตุผลที่คัดเลือกโดยสรุป",
    "เลขที่และวันที่ของสัญญาหรือข้อตกลงในการซื้อหรือจ้าง",
)
COLUMN_WIDTHS = (8, 40, 16, 16, 20, 40, 36, 30, 30)


def title(year_ce, month):
    # The official form's title, in Thai on the English site too.
    with translation.override("th"):
        return f"สรุปผลการดำเนินการจัดซื้อจัดจ้างในรอบเดือน {thai.format_thai_month(year_ce, month)}"


def awards_of_month(year_ce, month):
    """Published awards whose contract was signed in the month: two queries."""
    return (
        Award.objects.published().in_month(year_ce, month)
        .select_related("project__plan_item", "winning_bid")
        .prefetch_related(Prefetch("project__bids", queryset=Bid.objects.order_by("amount", "pk")))
        .order_by("contract_date", "pk")
    )


def rows(awards):
    """Each award as the nine cells of สขร.1, as text ready to print."""
    for number, award in enumerate(awards, start=1):
        project = award.project
        bidders = "\n".join(
            _("%(name)s ราคาที่เสนอ %(amount)s บาท") % {"name": bid.bidder_name, "amount": thai.format_baht(bid.amount)}
            for bid in project.bids.all())
        yield (
            str(number),
            project.title,
            thai.format_baht(project.plan_item.budget),
            thai.format_baht(project.reference_price),
            project.get_method_display(),
            bidders,
            _("%(name)s ราคาที่ตกลง %(amount)s บาท") % {
                "name": award.winning_bid.bidder_name, "amount": thai.format_baht(award.contract_amount)},
            award.reason,
            _("สัญญาเลขที่ %(number)s ลงวันที่ %(day)s") % {
                "number": award.contract_number, "day": thai.format_thai_date(award.contract_date, long=True)},
        )


def as_csv(year_ce, month, table):
    """UTF-8 with a byte-order mark so that Excel opens the Thai text correctly."""
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.writer(out)
    writer.writerow([title(year_ce, month)])
    writer.writerow(COLUMNS)
    writer.writerows(table)
    return out.getvalue().encode("utf-8")


def as_xlsx(year_ce, month, table, municipality_name):
    """A sheet officers can print: title rows, bold headers, wrapped cells, landscape A4."""
    book = Workbook()
    sheet = book.active
    sheet.title = "สขร.1"
    sheet.append([title(year_ce, month)])
    sheet.append([municipality_name])
    sheet.append(list(COLUMNS))
    for row in table:
        sheet.append(list(row))
    last = get_column_letter(len(COLUMNS))
    sheet.merge_cells(f"A1:{last}1")
    sheet.merge_cells(f"A2:{last}2")
    sheet["A1"].font = Font(bold=True, size=14)
    sheet["A1"].alignment = sheet["A2"].alignment = Alignment(horizontal="center")
    wrap = Alignment(wrap_text=True, vertical="top")
    for index, width in enumerate(COLUMN_WIDTHS, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    for cell in sheet[3]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")
    for row in sheet.iter_rows(min_row=4):
        for cell in row:
            cell.alignment = wrap
    sheet.print_title_rows = "3:3"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.page_setup.fitToHeight = 0
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
