import math

from crispy_forms.layout import Fieldset
from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django_otp.forms import OTPTokenForm

from kpp_portal.admin_dates import BuddhistDateField
from kpp_portal.damrongtham import CASE_NUMBER_MAX_CHARS, CentreDirection, CentreStatus
from kpp_portal.forms import (
    CheapChecksFirst,
    FilingForm,
    MultipleFileInput,
    PortalForm,
    PrivacyNotice,
    StaffChoiceField,
    StaffForm,
    file_limit_attrs,
    file_limits_text,
)
from kpp_portal.uploads import safe_display_name

from . import evidence
from .models import Category, CentreReferral, Channel


class EvidenceFilesField(forms.FileField):
    """Several evidence files; each is checked and stripped in the form's clean()."""

    widget = MultipleFileInput

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, (list, tuple)):
            return [single(item, initial) for item in data if item]
        return [single(data, initial)] if data else []


def _evidence_field():
    return EvidenceFilesField(
        label=_("ไฟล์หลักฐาน (ถ้ามี)"), required=False,
        # Lazy: said in the language of the page that shows it, with the limits of the settings.
        help_text=lazy(file_limits_text, str)(
            _("ภาพ JPEG, PNG, WebP, HEIC หรือเอกสาร PDF, DOCX"), settings.COMPLAINT_MAX_FILES,
            settings.COMPLAINT_UPLOAD_MAX_BYTES),
        widget=MultipleFileInput(attrs=file_limit_attrs(settings.COMPLAINT_MAX_FILES,
                                                        settings.COMPLAINT_UPLOAD_MAX_BYTES)),
    )


def _keep_metadata_field():
    return forms.BooleanField(
        label=_("คงข้อมูลที่ซ่อนในไฟล์ไว้ เช่น ตำแหน่งที่ถ่ายภาพ ชื่อผู้สร้างเอกสาร (อาจระบุตัวท่านได้)"),
        required=False,
        help_text=_("ปกติระบบจะลบข้อมูลที่ซ่อนในไฟล์ออกก่อนบันทึก เลือกข้อนี้เฉพาะเมื่อข้อมูลนั้นเป็นหลักฐานสำคัญ"),
    )


class EvidenceMixin(CheapChecksFirst):
    """Checks and strips the uploaded files, once every other field has passed (the stripping
    is the expensive part); the prepared files land in cleaned_data["prepared"]."""

    def clean(self):
        cleaned = super().clean()
        if len(cleaned.get("files") or []) > settings.COMPLAINT_MAX_FILES:
            self.add_error(
                "files", _("แนบไฟล์ได้ไม่เกิน %(count)s ไฟล์") % {"count": settings.COMPLAINT_MAX_FILES}
            )
        return cleaned

    def clean_expensive(self):
        super().clean_expensive()
        cleaned = self.cleaned_data
        prepared, errors = [], []
        for uploaded in cleaned.get("files") or []:
            try:
                prepared.append(evidence.prepare(uploaded, cleaned.get("keep_metadata", False)))
            except ValidationError as error:
                errors.extend(f"{safe_display_name(uploaded.name)}: {message}" for message in error.messages)
        if errors:
            self.add_error("files", errors)
        cleaned["prepared"] = prepared


class ReportForm(EvidenceMixin, FilingForm):
    category = forms.ChoiceField(
        label=_("เรื่องที่ต้องการแจ้ง"), choices=Category.choices, widget=forms.RadioSelect
    )
    accused_name = forms.CharField(label=_("ชื่อเจ้าหน้าที่ที่ถูกร้องเรียน"), max_length=200, required=False)
    accused_position = forms.CharField(label=_("ตำแหน่ง"), max_length=200, required=False)
    accused_unit = forms.CharField(label=_("สังกัด/กอง/ฝ่าย"), max_length=200, required=False)
    when_where = forms.CharField(
        label=_("เกิดเมื่อใด ที่ใด"), max_length=1000, required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    description = forms.CharField(
        label=_("รายละเอียดเรื่องที่ต้องการแจ้ง"),
        min_length=20,
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("เล่าสิ่งที่เกิดขึ้น ใคร ทำอะไร เมื่อใด มีหลักฐานหรือพยานอะไรบ้าง (อย่างน้อย 20 ตัวอักษร)"),
        error_messages={
            "min_length": _("โปรดเล่ารายละเอียดอย่างน้อย %(limit_value)d ตัวอักษร (ขณะนี้ %(show_value)d)")
        },
    )
    files = _evidence_field()
    keep_metadata = _keep_metadata_field()
    reporter_name = forms.CharField(label=_("ชื่อ-นามสกุลของท่าน (ไม่บังคับ)"), max_length=200, required=False)
    reporter_contact = forms.CharField(
        label=_("ช่องทางติดต่อกลับ เช่น โทรศัพท์หรืออีเมล (ไม่บังคับ)"), max_length=300, required=False
    )
    contact_consent = forms.BooleanField(
        label=_("ข้าพเจ้ายินยอมให้ฝ่ายนิติการใช้ชื่อและช่องทางติดต่อนี้เพื่อสอบถามข้อเท็จจริงเพิ่มเติมเกี่ยวกับเรื่องนี้เท่านั้น"),
        required=False,
    )

    form_action = "complaints:report"
    spent_tokens = "complaints.SpentReportToken"
    submit_label = _("ส่งเรื่องร้องเรียน")
    submit_class = "btn btn-danger btn-lg"
    error_note = _("(ข้อมูลที่กรอกไว้ยังอยู่ แต่ต้องเลือกไฟล์แนบใหม่)")

    def layout_items(self):
        return [
            Fieldset(_("เรื่องที่เกิดขึ้น"), "category", "when_where", "description", css_class="form-section mb-4"),
            Fieldset(_("เจ้าหน้าที่ที่เกี่ยวข้อง (ไม่บังคับ)"), "accused_name", "accused_position", "accused_unit",
                     css_class="form-section mb-4"),
            Fieldset(_("หลักฐาน (ไม่บังคับ)"), "files", "keep_metadata", css_class="form-section mb-4"),
            Fieldset(
                _("ข้อมูลของท่าน (ไม่บังคับ)"),
                PrivacyNotice(_(
                    "หากท่านเลือกให้ชื่อและช่องทางติดต่อ ฝ่ายนิติการจะใช้เพื่อสอบถามข้อเท็จจริงเพิ่มเติมเกี่ยวกับเรื่องนี้เท่านั้น "
                    "ข้อมูลถูกเข้ารหัสและซ่อนไว้ การเปิดดูต้องระบุเหตุผลและถูกบันทึก ไม่เปิดเผยต่อผู้ถูกร้องเรียนหรือบุคคลอื่น "
                    "และถูกลบเมื่อพ้นระยะเวลาเก็บรักษา ท่านติดตามเรื่องได้ด้วยรหัสติดตามโดยไม่ต้องให้ข้อมูลนี้"
                )),
                "reporter_name", "reporter_contact", "contact_consent", css_class="form-section mb-4",
            ),
        ]

    def clean(self):
        cleaned = super().clean()
        gave_identity = cleaned.get("reporter_name") or cleaned.get("reporter_contact")
        if gave_identity and not cleaned.get("contact_consent"):
            self.add_error(
                "contact_consent", _("หากให้ชื่อหรือช่องทางติดต่อ โปรดยืนยันความยินยอม หรือเว้นว่างไว้เพื่อแจ้งโดยไม่ระบุตัวตน")
            )
        return cleaned

    def accused_text(self):
        parts = [
            (_("ชื่อ"), self.cleaned_data.get("accused_name")),
            (_("ตำแหน่ง"), self.cleaned_data.get("accused_position")),
            (_("สังกัด"), self.cleaned_data.get("accused_unit")),
        ]
        return "\n".join(f"{label}: {value}" for label, value in parts if value)


class TrackForm(PortalForm):
    receipt = forms.CharField(
        label=_("รหัสติดตามเรื่อง (25 หลัก)"), max_length=60,
        widget=forms.TextInput(attrs={"autocomplete": "off", "inputmode": "numeric", "spellcheck": "false"}),
        help_text=_("พิมพ์ตัวเลขจากใบรับเรื่อง จะเว้นวรรคหรือมีขีดคั่นก็ได้"),
    )
    # No clean_receipt: a malformed code must cost the same lookup as a wrong one (views.track).

    form_action = "complaints:track"
    form_class = "track-form"
    submit_label = _("เปิดดูเรื่อง")


class ReplyForm(EvidenceMixin, FilingForm):
    body = forms.CharField(
        label=_("ข้อความตอบกลับ"), max_length=10000, widget=forms.Textarea(attrs={"rows": 4})
    )
    files = _evidence_field()
    keep_metadata = _keep_metadata_field()

    form_action = "complaints:track_report"
    spent_tokens = "complaints.SpentReportToken"
    submit_label = _("ส่งข้อความ")
    error_note = _("(ต้องเลือกไฟล์แนบใหม่)")


class IntakeForm(EvidenceMixin, StaffForm):
    """Staff register a report that came by another channel, with scans of letters."""

    channel = forms.ChoiceField(
        label=_("ช่องทางที่รับเรื่อง"), choices=[c for c in Channel.choices if c[0] != Channel.WEB]
    )
    received_on = BuddhistDateField(label=_("วันที่รับเรื่อง"))
    category = forms.ChoiceField(label=_("ประเภทเรื่อง"), choices=Category.choices)
    accused = forms.CharField(
        label=_("เจ้าหน้าที่ที่ถูกร้องเรียน"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    when_where = forms.CharField(
        label=_("เกิดเมื่อใด ที่ใด"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    description = forms.CharField(label=_("รายละเอียด"), widget=forms.Textarea(attrs={"rows": 6}))
    reporter_identity = forms.CharField(label=_("ชื่อผู้ร้อง (ถ้ามี)"), required=False)
    reporter_contact = forms.CharField(label=_("ช่องทางติดต่อผู้ร้อง (ถ้ามี)"), required=False)
    files = _evidence_field()
    keep_metadata = forms.BooleanField(label=_("คงข้อมูลกำกับของไฟล์สแกนไว้"), required=False)
    issue_receipt = forms.BooleanField(
        label=_("ออกรหัสติดตามให้ผู้ร้อง (เพื่อติดตามเรื่องทางเว็บไซต์)"), required=False, initial=True
    )

    def clean_received_on(self):
        from django.utils import timezone

        day = self.cleaned_data["received_on"]
        if day > timezone.localdate():
            raise ValidationError(_("วันที่รับเรื่องต้องไม่เป็นวันในอนาคต"))
        return day


# --- staff side (legal-affairs queue) -------------------------------------------------------

class TransitionForm(StaffForm):
    to_status = forms.ChoiceField(label=_("เปลี่ยนสถานะเป็น"))
    outcome = forms.ChoiceField(label=_("ผลการพิจารณา/เหตุผลที่ไม่รับ"), required=False)
    escalate_to = StaffChoiceField(label=_("รายงานผู้บังคับบัญชา"), queryset=None, required=False)
    note = forms.CharField(
        label=_("บันทึกภายใน (ผู้แจ้งไม่เห็น)"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    public_note = forms.CharField(label=_("ข้อความที่ผู้แจ้งเห็นในลำดับการดำเนินการ"), required=False,
                                  widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, report, *args, **kwargs):
        from complaints.roles import SUPERVISORS
        from kpp_portal import roles

        from .models import Outcome, Status

        super().__init__(*args, **kwargs)
        self.report = report
        self.fields["to_status"].choices = [
            (s.value, s.label) for s in map(Status, report.allowed_transitions())
        ]
        self.fields["outcome"].choices = [("", "—")] + list(Outcome.choices)
        self.fields["escalate_to"].queryset = roles.members(SUPERVISORS)

    def clean(self):
        from .models import WorkflowError

        cleaned = super().clean()
        if cleaned.get("to_status"):
            try:
                self.report.check_transition(cleaned["to_status"], cleaned.get("outcome", ""),
                                             cleaned.get("escalate_to"))
            except WorkflowError as error:
                raise ValidationError(error.messages) from None
        return cleaned


class StaffMessageForm(EvidenceMixin, StaffForm):
    kind = forms.ChoiceField(label=_("ชนิด"), widget=forms.RadioSelect)
    body = forms.CharField(label=_("ข้อความ"), max_length=10000, widget=forms.Textarea(attrs={"rows": 3}))
    files = _evidence_field()
    keep_metadata = forms.BooleanField(label=_("คงข้อมูลกำกับของไฟล์ไว้"), required=False)

    def __init__(self, *args, **kwargs):
        from .models import ReportMessage

        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [
            (ReportMessage.Kind.INTERNAL_NOTE, ReportMessage.Kind.INTERNAL_NOTE.label),
            (ReportMessage.Kind.TO_REPORTER, ReportMessage.Kind.TO_REPORTER.label),
        ]


class RepeatForm(StaffForm):
    """Link a report to the earlier one it repeats; it is then closed as a duplicate."""

    original = forms.CharField(label=_("เรื่องนี้ซ้ำกับเรื่องเลขที่"), max_length=20,
                               help_text=_("เลขที่เรื่องที่ได้รับก่อน เช่น ทจ-2570-0008"))

    def __init__(self, report, readable, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.report, self.readable = report, readable
        if getattr(report, "likely_repeat", None) is not None:
            self.fields["original"].initial = report.likely_repeat.reference

    def clean_original(self):
        from .models import Outcome, Status

        original = self.readable.filter(reference=self.cleaned_data["original"].strip()).first()
        if original is None:
            raise ValidationError(_("ไม่พบเรื่องเลขที่นี้ในเรื่องที่ท่านเปิดได้"))
        if (original.received_on, original.pk) >= (self.report.received_on, self.report.pk):
            raise ValidationError(_("เรื่องที่ถูกซ้ำต้องเป็นเรื่องที่ได้รับก่อนเรื่องนี้"))
        if original.outcome == Outcome.DUPLICATE and original.repeats_id:
            raise ValidationError(_("เรื่องนั้นเป็นเรื่องซ้ำเอง โปรดระบุเรื่องต้นเรื่อง (%(reference)s)") % {
                "reference": original.repeats.reference})
        if Status.REJECTED not in self.report.allowed_transitions():
            raise ValidationError(_("เรื่องนี้อยู่ในสถานะที่ระบุว่าเป็นเรื่องซ้ำไม่ได้แล้ว"))
        return original


class AssignForm(StaffForm):
    assigned_to = StaffChoiceField(label=_("มอบหมายให้"), queryset=None, required=False)

    def __init__(self, *args, **kwargs):
        from complaints.roles import LEGAL_AFFAIRS
        from kpp_portal import roles

        super().__init__(*args, **kwargs)
        self.fields["assigned_to"].queryset = roles.members(LEGAL_AFFAIRS)


class RevealForm(StaffForm):
    reason = forms.CharField(
        label=_("เหตุผลที่ต้องเปิดดูข้อมูลผู้แจ้ง (บันทึกไว้ในบันทึกการเข้าถึง)"), min_length=10, max_length=250,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class EnrolmentForm(StaffForm):
    otp_token = forms.RegexField(
        label=_("รหัส 6 หลักที่แอปแสดง"), regex=r"^\d{6}$",
        error_messages={"invalid": _("กรอกตัวเลข 6 หลักจากแอปยืนยันตัวตน")},
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )


class SecondFactorForm(OTPTokenForm):
    """django-otp's TOTP form, in Thai, saying how long to wait after repeated wrong codes
    (django-otp doubles the wait after each failure)."""

    otp_error_messages = dict(
        OTPTokenForm.otp_error_messages,
        token_required=_("กรอกรหัส 6 หลักจากแอปยืนยันตัวตน"),
        invalid_token=_("รหัสไม่ถูกต้อง โปรดกรอกรหัสที่แอปแสดงอยู่ตอนนี้ (รหัสเปลี่ยนทุก 30 วินาที)"),
        verification_not_allowed=_("ยังยืนยันรหัสไม่ได้ในขณะนี้ โปรดรอสักครู่แล้วลองใหม่"),
        device_required=_("บัญชีนี้ยังไม่มีอุปกรณ์ยืนยันตัวตน"),
    )

    def _verify_token(self, user, token, device=None):
        if device is not None:
            allowed, extra = device.verify_is_allowed()
            locked_until = (extra or {}).get("locked_until")
            if not allowed and locked_until:
                seconds = max(1, math.ceil((locked_until - timezone.now()).total_seconds()))
                raise forms.ValidationError(
                    ngettext("กรอกรหัสผิดหลายครั้ง โปรดรอ %(seconds)d วินาทีแล้วลองใหม่ด้วยรหัสล่าสุดในแอป",
                             "กรอกรหัสผิดหลายครั้ง โปรดรอ %(seconds)d วินาทีแล้วลองใหม่ด้วยรหัสล่าสุดในแอป",
                             seconds) % {"seconds": seconds}, code="throttled")
        return super()._verify_token(user, token, device)


class CentreForm(StaffForm):
    """The Damrongtham Centre's case number and status for a report (complaints/referrals.py)."""

    direction = forms.ChoiceField(label=_("ความเกี่ยวข้องกับศูนย์ดำรงธรรม"), choices=CentreDirection.choices)
    case_number = forms.CharField(label=_("เลขที่เรื่องของศูนย์ดำรงธรรม"), max_length=CASE_NUMBER_MAX_CHARS)
    status = forms.ChoiceField(label=_("สถานะที่ศูนย์ดำรงธรรม"), choices=CentreStatus.choices)
    referred_on = BuddhistDateField(label=_("วันที่รับ/ส่งเรื่อง"))

    @classmethod
    def for_report(cls, report, data=None):
        known = CentreReferral.objects.filter(report=report).first()
        initial = {name: getattr(known, name) for name in cls.base_fields} if known else {}
        if type(initial.get("case_number")) is not str:  # sealed and not openable now: not offered
            initial.pop("case_number", None)
        return cls(data, initial=initial)
