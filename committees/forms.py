import re

from django import forms
from django.utils.translation import gettext_lazy as _

from kpp_portal.antispam import HoneypotForm

from .models import OPINION_MAX_CHARS, FeedbackKind, FeedbackMessage, Opinion

_PHONE = re.compile(r"^\+?[0-9][0-9 \-]{7,18}$")


def _required_text(value, field_label):
    value = (value or "").strip()
    if not value:
        raise forms.ValidationError(_("กรุณากรอก%(field)s") % {"field": field_label}, code="required")
    return value


class BootstrapFormMixin:
    """Bootstrap classes on the widgets; labels, help and errors come from _field.html."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if isinstance(field.widget, forms.RadioSelect):
                field.widget.attrs.setdefault("class", "form-check-input")
            else:
                field.widget.attrs.setdefault("class", "form-control")


class OpinionForm(BootstrapFormMixin, HoneypotForm, forms.ModelForm):
    """A citizen's opinion on an open consultation. Name and contact are optional (PDPA)."""

    class Meta:
        model = Opinion
        fields = ["body", "name", "contact"]
        widgets = {"body": forms.Textarea(attrs={"rows": 6, "maxlength": OPINION_MAX_CHARS})}
        help_texts = {
            "name": _('ไม่บังคับ หากเว้นว่างจะแสดงว่า "ไม่ประสงค์ออกนาม"'),
            "contact": _("ไม่บังคับ อีเมลหรือโทรศัพท์ เจ้าหน้าที่ใช้ติดต่อกลับเท่านั้น ไม่เผยแพร่"),
        }
        error_messages = {
            "body": {
                "required": _("กรุณาพิมพ์ความคิดเห็น"),
                "max_length": _("ความคิดเห็นยาวเกินไป (ไม่เกิน %(limit_value)d ตัวอักษร)"),
            },
            "name": {"max_length": _("ชื่อยาวเกินไป (ไม่เกิน %(limit_value)d ตัวอักษร)")},
            "contact": {"max_length": _("ช่องทางติดต่อยาวเกินไป (ไม่เกิน %(limit_value)d ตัวอักษร)")},
        }

    def clean_body(self):
        return _required_text(self.cleaned_data.get("body"), _("ความคิดเห็น"))


class FeedbackForm(BootstrapFormMixin, HoneypotForm, forms.ModelForm):
    kind = forms.ChoiceField(
        label=_("ประเภทเรื่อง"),
        choices=FeedbackKind.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("กรุณาเลือกประเภทเรื่อง"),
            "invalid_choice": _("กรุณาเลือกประเภทเรื่องจากรายการ"),
        },
    )

    class Meta:
        model = FeedbackMessage
        fields = ["kind", "subject", "message", "name", "email", "phone"]
        widgets = {"message": forms.Textarea(attrs={"rows": 6, "maxlength": OPINION_MAX_CHARS})}
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
        return _required_text(self.cleaned_data.get("subject"), _("เรื่อง"))

    def clean_message(self):
        return _required_text(self.cleaned_data.get("message"), _("รายละเอียด"))

    def clean_phone(self):
        phone = self.cleaned_data.get("phone", "").strip()
        if phone and not _PHONE.match(phone):
            raise forms.ValidationError(_("หมายเลขโทรศัพท์ไม่ถูกต้อง ใช้ตัวเลข 9–10 หลัก เช่น 0812345678"))
        return phone


class FollowUpForm(BootstrapFormMixin, forms.Form):
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
