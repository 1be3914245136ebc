"""สขร.1: the monthly summary of procurement results, in the official column order.

One list of rows feeds the page, the CSV and the XLSX, so the three always agree.
"""
from django.db.models import Prefetch
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from kpp_portal import thai
from kpp_portal.exports import export_response

from .models import Award, Bid

# The official order of the columns of form สขร.1; do not reorder.
COLUMNS = (
    gettext_noop("ลำดับที่"),
    gettext_noop("งานที่จัดซื้อหรือจัดจ้าง"),
    gettext_noop("วงเงินที่จะซื้อหรือจ้าง"),
    gettext_noop("ราคากลาง"),
    gettext_noop("วิธีซื้อหรือจ้าง"),
    gettext_noop("รายชื่อผู้เสนอราคาและราคาที่เสนอ"),
    gettext_noop("ผู้ได้รับการคัดเลือกและราคาที่ตกลงซื้อหรือจ้าง"),
    gettext_noop("เหตุผลที่คัดเลือกโดยสรุป"),
    gettext_noop("เลขที่และวันที่ของสัญญาหรือข้อตกลงในการซื้อหรือจ้าง"),
)
COLUMN_WIDTHS = (8, 40, 16, 16, 20, 40, 36, 30, 30)


def title(year_ce, month):
    # The official form's title, in Thai in the downloads whatever the reader's language.
    with translation.override("th"):
        return f"สรุปผลการดำเนินการจัดซื้อจัดจ้างในรอบเดือน {thai.format_thai_month(year_ce, month)}"


def page_title(year_ce, month):
    """The title and the headings in the reader's language, for the page (the downloads keep
    the official Thai ones)."""
    return _("สรุปผลการดำเนินการจัดซื้อจัดจ้างในรอบเดือน %(month)s") % {
        "month": thai.format_thai_month(year_ce, month)}


def headings():
    return [_(column) for column in COLUMNS]


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
            _("%(name)s ราคาที่เสนอ %(amount)s บาท")
            % {"name": bid.bidder_name, "amount": thai.format_baht(bid.amount)}
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
                "number": award.contract_number,
                "day": thai.format_thai_date(award.contract_date, long=True)},
        )


def export(fmt, year_ce, month, table, municipality_name):
    """The month as a download. The CSV is tidy open data (the header row first); the XLSX is
    the printable form, under the official title and the municipality's name."""
    filename = f"sor-kor-ror-1-{thai.be_year(year_ce)}-{month:02d}.{fmt}"
    return export_response(fmt, filename, COLUMNS, table, title=[title(year_ce, month), municipality_name],
                           sheet_name="สขร.1", widths=COLUMN_WIDTHS)
