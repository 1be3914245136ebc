import re

from django import forms
from django.utils.translation import gettext_lazy as _

from kpp_portal.forms import FilingForm, PortalForm, required_text

from .models import MESSAGE_MAX_CHARS, FeedbackKind, FeedbackMessage

_PHONE = re.compile(r"^\+?[0-9][0-9 \-]{7,18}$")


class FeedbackForm(FilingForm, forms.ModelForm):
    kind = forms.ChoiceField(
        label=_("ประเภทเรื่อง"),
        choices=FeedbackKind.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("กรุณาเลือกประเภทเรื่อง"),
            "invalid_choice": _("กรุณาเลือกประเภทเรื่องจากรายการ"),
        },
    )

    form_action = "feedback:index"
    form_class = "feedback-form"
    submit_label = _("ส่งเรื่อง")
    privacy_notice = _(
        "เทศบาลเก็บข้อมูลที่ท่านกรอกเพื่อพิจารณาและตอบเรื่องของท่านเท่านั้น ชื่อ อีเมล และโทรศัพท์ไม่บังคับ "
        "ไม่เผยแพร่ต่อสาธารณะ และจะถูกลบเมื่อพ้นระยะเวลาเก็บรักษาหลังตอบหรือปิดเรื่อง"
    )

    class Meta:
        model = FeedbackMessage
        fields = ["kind", "subject", "message", "name", "email", "phone"]
        widgets = {"message": forms.Textarea(attrs={"rows": 6, "maxlength": MESSAGE_MAX_CHARS})}
        help_texts = {
            "name": _("ไม่บังคับ"),
            "email": _("ไม่บังคับ ใช้แจ้งเมื่อมีคำตอบ"),
            "phone": _("ไม่บังคับ เช่น 055 711 203"),
        }
        error_messages = {
            "subject": {
                "required": _("กรุณากรอกเรื่อง"),
                "max_length": _("เรื่องยาวเกินไป (ไม่เกิน %(limit_value)d ตัวอักษร)"),
            },
            "message": {
                "required": _("กรุณากรอกรายละเอียด"),
                "max_length": _("รายละเอียดยาวเกินไป (ไม่เกิน %(limit_value)d ตัวอักษร)"),
            },
            "email": {"invalid": _("รูปแบบอีเมลไม่ถูกต้อง เช่น name@example.com")},
            "phone": {"max_length": _("หมายเลขโทรศัพท์ยาวเกินไป")},
            "name": {"max_length": _("ชื่อยาวเกินไป (ไม่เกิน %(limit_value)d ตัวอักษร)")},
        }

    def clean_subject(self):
        return required_text(self.cleaned_data.get("subject"), _("เรื่อง"))

    def clean_message(self):
        return required_text(self.cleaned_data.get("message"), _("รายละเอียด"))

    def clean_phone(self):
        phone = self.cleaned_data.get("phone", "").strip()
        if phone and not _PHONE.match(phone):
            raise forms.ValidationError(_("หมายเลขโทรศัพท์ไม่ถูกต้อง ใช้ตัวเลข 9–10 หลัก เช่น 0812345678"))
        return phone


class FollowUpForm(PortalForm):
    reference = forms.CharField(
        label=_("เลขที่อ้างอิง"),
        max_length=30,
        help_text=_("เช่น คร-2569-0001"),
        error_messages={"required": _("กรุณากรอกเลขที่อ้างอิง")},
    )
    code = forms.CharField(
        label=_("รหัสติดตาม"),
        max_length=20,
        help_text=_("รหัสตัวอักษรและตัวเลขที่ได้รับเมื่อส่งเรื่อง"),
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters"}),
        error_messages={"required": _("กรุณากรอกรหัสติดตาม")},
    )

    form_action = "feedback:follow_up"
    submit_label = _("ตรวจสอบสถานะ")
