"""Printable A4 notices for the service-point board and the first-floor PR point (seed measure 4):
a heading, a few lines, and a QR code that opens the page on a phone.

The QR code carries the plain public address (SITE_URL and the path, no query string), so a
notice tells nobody who scanned which board; the report channel's notice above all.
"""
import base64

from django.conf import settings
from django.http import HttpResponse
from django.urls import reverse
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _

from .models import MunicipalityProfile
from .pdf import render_pdf


def public_url(path):
    """The absolute address of a path of this portal, with no query string or fragment."""
    return settings.SITE_URL + path.split("?")[0].split("#")[0]


def qr_data_uri(url):
    import qrcode
    import qrcode.image.svg

    image = qrcode.make(url, image_factory=qrcode.image.svg.SvgPathImage, box_size=10, border=2)
    return "data:image/svg+xml;base64," + base64.b64encode(image.to_string()).decode("ascii")


def notice_pdf(*, heading, lines, path, details=()):
    """Bytes of one A4 notice: `lines` are paragraphs, `details` (label, value) pairs."""
    url = public_url(path)
    return render_pdf("notices/notice.html", {
        "heading": heading, "lines": lines, "details": details, "url": url, "qr": qr_data_uri(url),
        "municipality": MunicipalityProfile.current()})


def pdf_response(data, filename):
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = content_disposition_header(False, filename)
    return response


def eservice_notice(request):
    profile = MunicipalityProfile.current()
    return pdf_response(notice_pdf(
        heading=_("ยื่นคำร้องออนไลน์ (E-Service)"),
        lines=[_("ยื่นคำร้องขอรับบริการของเทศบาลได้ทางโทรศัพท์มือถือ ไม่ต้องเดินทางมาที่สำนักงาน"),
               _("1. สแกนคิวอาร์โค้ดหรือพิมพ์ที่อยู่ด้านล่าง 2. เลือกบริการและกรอกแบบคำร้อง "
                 "3. เก็บเลขที่คำร้องและรหัสติดตามไว้เพื่อติดตามผล"),
               _("สอบถามได้ที่จุดประชาสัมพันธ์ชั้น 1 โทร. %(phone)s") % {"phone": profile.phone}],
        path=reverse("services:index")), "notice-e-service.pdf")


def report_channel_notice(request):
    profile = MunicipalityProfile.current()
    return pdf_response(notice_pdf(
        heading=_("ช่องทางแจ้งเบาะแสการทุจริต"),
        lines=[_("แจ้งเรื่องการทุจริตหรือการประพฤติมิชอบของเจ้าหน้าที่เทศบาลได้โดยไม่ต้องระบุชื่อ "
                 "ผู้แจ้งได้รับความคุ้มครองและข้อมูลถูกเก็บเป็นความลับ"),
               _("สแกนคิวอาร์โค้ดหรือพิมพ์ที่อยู่ด้านล่างในเบราว์เซอร์ของท่านเอง")],
        details=[(_("ศูนย์ดำรงธรรม"), profile.damrongtham_phone), (_("ตู้รับเรื่อง"), profile.complaint_box_text)],
        path=reverse("complaints:index")), "notice-report-channel.pdf")
