from django import forms
from django.utils.translation import gettext_lazy as _

from kpp_portal.antispam import HoneypotForm
from kpp_portal.images import PictureAdminForm

from .models import NewsItem, Person, Question


class QuestionForm(forms.ModelForm, HoneypotForm):
    """A citizen's question. The name is optional; nothing else about the asker is stored."""

    class Meta:
        model = Question
        fields = ["asker_name", "question"]
        labels = {"asker_name": _("ชื่อผู้ถาม (ไม่บังคับ)"), "question": _("คำถาม")}
        help_texts = {
            "asker_name": _("จะแสดงพร้อมคำถามบนเว็บไซต์ เว้นว่างได้"),
            "question": _("ไม่เกิน 2,000 ตัวอักษร กรุณาอย่าใส่เลขบัตรประชาชนหรือข้อมูลส่วนบุคคลของผู้อื่น"),
        }
        widgets = {"question": forms.Textarea(attrs={"rows": 5, "maxlength": 2000})}

    def clean_question(self):
        text = self.cleaned_data["question"].strip()
        if len(text) < 10:
            raise forms.ValidationError(_("คำถามสั้นเกินไป กรุณาอธิบายอย่างน้อย 10 ตัวอักษร"))
        return text

    def clean_asker_name(self):
        return self.cleaned_data["asker_name"].strip()


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
