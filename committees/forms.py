from django import forms
from django.utils.translation import gettext_lazy as _

from kpp_portal.forms import FilingForm, required_text

from .models import OPINION_MAX_CHARS, Opinion


class OpinionForm(FilingForm, forms.ModelForm):
    """A citizen's opinion on an open consultation. Name and contact are optional (PDPA)."""

    form_action = "#opinion-form"  # back to the form on this page when something needs fixing
    submit_label = _("ส่งความคิดเห็น")
    privacy_notice = _(
        "เทศบาลเก็บความคิดเห็นเพื่อพิจารณาและเผยแพร่หลังตรวจสอบ ชื่อไม่บังคับ ช่องทางติดต่อไม่บังคับ "
        "ใช้ติดต่อกลับเท่านั้น ไม่เผยแพร่ต่อสาธารณะ และจะถูกลบเมื่อพ้นระยะเวลาเก็บรักษา"
    )

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
        return required_text(self.cleaned_data.get("body"), _("ความคิดเห็น"))
