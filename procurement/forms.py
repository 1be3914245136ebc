from django import forms
from django.utils.translation import gettext_lazy as _

from kpp_portal.antispam import HoneypotForm

from .models import HearingComment, ProcurementMethod


class HearingCommentForm(forms.ModelForm, HoneypotForm):
    """A comment on a draft TOR. Name and contact are optional: a comment may be anonymous."""

    class Meta:
        model = HearingComment
        fields = ["body", "name", "contact"]
        widgets = {"body": forms.Textarea(attrs={"rows": 6})}
        help_texts = {
            "name": _("ไม่บังคับ"),
            "contact": _("ไม่บังคับ: อีเมลหรือโทรศัพท์ หากต้องการให้เจ้าหน้าที่ติดต่อกลับ"),
        }

    def __init__(self, *args, announcement=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.announcement = announcement
        for name in ("body", "name", "contact"):
            self.fields[name].widget.attrs["class"] = "form-control"

    def clean_body(self):
        body = self.cleaned_data["body"].strip()
        if len(body) < 10:
            raise forms.ValidationError(_("กรุณาเขียนความคิดเห็นอย่างน้อย 10 ตัวอักษร"))
        return body

    def clean(self):
        cleaned = super().clean()
        if self.announcement is not None and not self.announcement.is_open_for_comment():
            raise forms.ValidationError(_("ร่าง TOR นี้ปิดรับฟังความคิดเห็นแล้ว ไม่สามารถส่งความคิดเห็นได้"))
        return cleaned

    def full_clean(self):
        super().full_clean()
        # Tie each error message to its input for screen readers (WCAG 3.3.1).
        for name in self.errors:
            if name in self.fields:
                bound = self[name]
                described = [f"{bound.auto_id}_error"] + ([f"{bound.auto_id}_helptext"] if bound.help_text else [])
                self.fields[name].widget.attrs.update(
                    {"aria-invalid": "true", "aria-describedby": " ".join(described)})

    def save(self, commit=True):
        self.instance.announcement = self.announcement
        return super().save(commit)


class PlanFilterForm(forms.Form):
    method = forms.ChoiceField(label=_("วิธีจัดหา"), required=False,
                               choices=[("", _("ทุกวิธี"))] + ProcurementMethod.choices)
    division = forms.ChoiceField(label=_("หน่วยงาน"), required=False)

    def __init__(self, *args, divisions=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["division"].choices = [("", _("ทุกหน่วยงาน"))] + [(name, name) for name in divisions]
