from django import forms
from django.utils.translation import gettext_lazy as _

from kpp_portal.discovery import alert_topics
from kpp_portal.forms import FilingForm, PortalForm

from .models import Frequency


class SubscribeForm(FilingForm, forms.Form):
    """Topic and value come from the page's "รับแจ้งเตือน" link, or are picked here."""

    topic = forms.ChoiceField(label=_("เรื่องที่ต้องการรับแจ้งเตือน"),
                              error_messages={"required": _("กรุณาเลือกเรื่อง"),
                                              "invalid_choice": _("กรุณาเลือกเรื่องจากรายการ")})
    value = forms.CharField(label=_("รายการที่ติดตาม"), max_length=100,
                            help_text=_("เช่น ชื่อหมวดเอกสาร เลขที่คำขอ หรือคำค้น"),
                            error_messages={"required": _("กรุณาระบุรายการที่ติดตาม")})
    frequency = forms.ChoiceField(label=_("ความถี่"), choices=Frequency.choices, initial=Frequency.DAILY,
                                  widget=forms.RadioSelect)
    email = forms.EmailField(label=_("อีเมล"), max_length=254,
                             error_messages={"required": _("กรุณากรอกอีเมล"),
                                             "invalid": _("รูปแบบอีเมลไม่ถูกต้อง เช่น name@example.com")})

    form_action = "alerts:subscribe"
    submit_label = _("สมัครรับแจ้งเตือน")
    privacy_notice = _(
        "เทศบาลเก็บอีเมลของท่านเพื่อส่งการแจ้งเตือนที่ท่านเลือกเท่านั้น ไม่เผยแพร่และไม่ใช้เพื่อการอื่น "
        "การสมัครมีผลเมื่อท่านกดยืนยันในอีเมล และทุกอีเมลมีลิงก์เลิกรับซึ่งลบข้อมูลของท่านทันที")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["topic"].choices = [("", "—")] + [(t.key, t.title) for t in alert_topics().values()]

    def clean(self):
        cleaned = super().clean()
        topic = alert_topics().get(cleaned.get("topic"))
        value = " ".join((cleaned.get("value") or "").split())
        if topic and value:
            label = topic.label(value)
            if not label:
                self.add_error("value", _("ไม่พบรายการนี้ กรุณาตรวจสอบอีกครั้ง"))
            cleaned["value"], cleaned["label"] = value, label
        return cleaned


class LeaveForm(PortalForm):
    submit_label = _("เลิกรับและลบข้อมูลของฉัน")
    submit_class = "btn btn-danger"
