from django import forms
from django.core.validators import MinLengthValidator
from django.utils.translation import gettext_lazy as _

from kpp_portal.forms import FilingForm
from kpp_portal.images import PictureAdminForm

from .models import NewsItem, Person, Question


class QuestionForm(FilingForm, forms.ModelForm):
    """A citizen's question. The name is optional; nothing else about the asker is stored."""

    submit_label = _("ส่งคำถาม")
    privacy_notice = _(
        "เทศบาลเก็บเฉพาะชื่อ (ถ้าท่านกรอก) และข้อความคำถาม เพื่อตอบและเผยแพร่คำถาม-คำตอบเป็นข้อมูลสาธารณะ "
        "หากต้องการร้องเรียนการทุจริตหรือเรื่องที่ต้องปกปิดตัวตน กรุณาใช้ช่องทางร้องเรียนการทุจริตแทน"
    )

    class Meta:
        model = Question
        fields = ["asker_name", "question"]
        labels = {"asker_name": _("ชื่อผู้ถาม (ไม่บังคับ)"), "question": _("คำถาม")}
        help_texts = {"asker_name": _("จะแสดงพร้อมคำถามบนเว็บไซต์ เว้นว่างได้")}
        error_messages = {"question": {"min_length": _("คำถามสั้นเกินไป กรุณาอธิบายอย่างน้อย 10 ตัวอักษร")}}
        widgets = {
            "asker_name": forms.TextInput(attrs={"autocomplete": "name"}),
            "question": forms.Textarea(attrs={"rows": 5}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Django's own check, after the field has stripped the text (as on the complaint form).
        self.fields["question"].validators.append(MinLengthValidator(10))
        # The limit comes from the model, which also gives the textarea its maxlength.
        self.fields["question"].help_text = _(
            "ไม่เกิน %(limit)s ตัวอักษร กรุณาอย่าใส่เลขบัตรประชาชนหรือข้อมูลส่วนบุคคลของผู้อื่น"
        ) % {"limit": f"{self.fields['question'].max_length:,}"}


class PersonAdminForm(PictureAdminForm):
    class Meta:
        model = Person
        fields = "__all__"


class NewsItemAdminForm(PictureAdminForm):
    class Meta:
        model = NewsItem
        fields = "__all__"

    def clean(self):
        cleaned = super().clean()
        keeps_picture = bool(self.instance.image_sizes) and not cleaned.get("picture_remove")
        has_picture = bool(cleaned.get("picture_upload")) or keeps_picture
        if has_picture and not cleaned.get("image_alt", "").strip():
            self.add_error("image_alt", _("กรุณาใส่คำอธิบายภาพ เพื่อผู้ใช้โปรแกรมอ่านหน้าจอ"))
        return cleaned
