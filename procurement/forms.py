from django import forms
from django.core.validators import MinLengthValidator
from django.utils.translation import gettext_lazy as _

from kpp_portal.forms import FilingForm, PortalForm
from kpp_portal.importing import ImportForm

from .importing import PlanItemImporter
from .models import AnnouncementKind, HearingComment, PlanRevision, ProcurementMethod, ProcurementPlan


class HearingCommentForm(FilingForm, forms.ModelForm):
    """A comment on a draft TOR. Name and contact are optional: a comment may be anonymous."""

    submit_label = _("ส่งความคิดเห็น")
    privacy_notice = _(
        "ชื่อและช่องทางติดต่อไม่บังคับ ใช้เพื่อติดต่อกลับเกี่ยวกับความคิดเห็นนี้เท่านั้น เห็นได้เฉพาะเจ้าหน้าที่พัสดุ "
        "ไม่เผยแพร่ ส่วนความคิดเห็นและคำชี้แจงจะเผยแพร่ในหน้านี้โดยไม่ระบุชื่อ"
    )

    class Meta:
        model = HearingComment
        fields = ["body", "name", "contact"]
        widgets = {"body": forms.Textarea(attrs={"rows": 6})}
        error_messages = {"body": {"min_length": _("กรุณาเขียนความคิดเห็นอย่างน้อย 10 ตัวอักษร")}}
        help_texts = {
            "name": _("ไม่บังคับ"),
            "contact": _("ไม่บังคับ: อีเมลหรือโทรศัพท์ หากต้องการให้เจ้าหน้าที่ติดต่อกลับ"),
        }

    def __init__(self, *args, announcement=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["body"].validators.append(MinLengthValidator(10))
        self.announcement = announcement

    def clean(self):
        cleaned = super().clean()
        if self.announcement is not None and not self.announcement.is_open_for_comment():
            raise forms.ValidationError(_("ร่าง TOR นี้ปิดรับฟังความคิดเห็นแล้ว ไม่สามารถส่งความคิดเห็นได้"))
        return cleaned

    def save(self, commit=True):
        self.instance.announcement = self.announcement
        return super().save(commit)


class FilterForm(PortalForm):
    """A filter bar above a list: GET, fields side by side, its button at the end of the row."""

    form_method = "get"
    form_class = "row g-2 align-items-end mb-2"
    field_wrapper_class = "col-sm-5"
    submit_label = _("กรอง")
    submit_wrapper_class = "col-sm-2"


class PlanFilterForm(FilterForm):
    method = forms.ChoiceField(label=_("วิธีจัดหา"), required=False,
                               choices=[("", _("ทุกวิธี"))] + ProcurementMethod.choices)
    division = forms.ChoiceField(label=_("หน่วยงาน"), required=False)

    def __init__(self, *args, divisions=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["division"].choices = [("", _("ทุกหน่วยงาน"))] + [(name, name) for name in divisions]


class AnnouncementFilterForm(FilterForm):
    kind = forms.ChoiceField(label=_("ประเภทประกาศ"), required=False,
                             choices=[("", _("ทุกประเภท"))] + AnnouncementKind.choices)

    field_wrapper_class = "col-sm-8"


class PlanImportForm(ImportForm):
    """Officers upload plan items (CSV/XLSX); the admin shows every row's check before saving."""

    importer_class = PlanItemImporter
    plan = forms.ModelChoiceField(label=_("แผนปีงบประมาณ"), queryset=ProcurementPlan.objects.all())
    revision = forms.ModelChoiceField(
        label=_("ในการปรับปรุงแผนครั้งที่ (ถ้ามี)"), queryset=PlanRevision.objects.select_related("plan"),
        required=False)
    field_order = ["plan", "revision", "file"]

    def clean(self):
        plan, revision = self.cleaned_data.get("plan"), self.cleaned_data.get("revision")
        if plan and revision and revision.plan_id != plan.pk:
            self.add_error("revision", _("การปรับปรุงที่เลือกเป็นของแผนปีอื่น"))
        return super().clean()

    def target(self):
        revision = self.cleaned_data["revision"]
        return {"plan": self.cleaned_data["plan"].pk, "revision": revision.pk if revision else None}

    @classmethod
    def importer_for(cls, target):
        plan = ProcurementPlan.objects.get(pk=target["plan"])
        revision = PlanRevision.objects.get(pk=target["revision"], plan=plan) if target["revision"] else None
        return PlanItemImporter(plan, revision)
