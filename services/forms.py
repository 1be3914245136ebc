import re

from crispy_forms.layout import HTML
from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from kpp_portal import roles
from kpp_portal.forms import (
    FilingForm,
    MultipleFileInput,
    PortalForm,
    StaffChoiceField,
    StaffForm,
    file_limit_attrs,
    file_limits_text,
    required_text,
)
from kpp_portal.thai import format_thai_date, parse_be

from . import files
from .models import (
    DETAILS_MAX_CHARS,
    AppealOutcome,
    AppealStatus,
    FieldKind,
    IdentityMethod,
    RefusalGround,
    ServiceUnit,
)

PHONE_PATTERN = re.compile(r"^\+?[0-9][0-9 \-]{7,18}$")
ANSWER_MAX_CHARS = 1000


class FilesField(forms.FileField):
    """Several files in one input. clean() makes only the cheap checks (how many); each file is
    checked by content and prepared by prepare(), from the form's clean_expensive()."""

    widget = MultipleFileInput

    def __init__(self, *, kinds, **kwargs):
        self.kinds = kinds
        super().__init__(**kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        uploads = [single(item, initial) for item in data if item] if isinstance(data, (list, tuple)) else (
            [single(data, initial)] if data else [])
        if self.required and not uploads:
            raise ValidationError(self.error_messages["required"], code="required")
        if len(uploads) > settings.SERVICE_MAX_FILES:
            raise ValidationError(_("แนบได้ไม่เกิน %(count)s ไฟล์") % {"count": settings.SERVICE_MAX_FILES})
        return uploads

    def prepare(self, uploads):
        """The files checked by content and prepared, or a ValidationError naming each refused one."""
        prepared, errors = [], []
        for uploaded in uploads:
            try:
                prepared.append(files.prepare(uploaded, self.kinds, self.label))
            except ValidationError as error:
                errors.extend(f"{uploaded.name}: {message}" for message in error.messages)
        if errors:
            raise ValidationError(errors)
        return prepared


def _file_help(help_text, kinds, note=""):
    """The type's own help (or `note`) with the limits read from the settings."""
    limits = file_limits_text(kinds, settings.SERVICE_MAX_FILES, settings.SERVICE_UPLOAD_MAX_BYTES)
    return f"{help_text} ({limits})" if help_text else " ".join(str(part) for part in (limits, note) if part)


def _file_widget(**attrs):
    return MultipleFileInput(attrs={**attrs, **file_limit_attrs(settings.SERVICE_MAX_FILES,
                                                                settings.SERVICE_UPLOAD_MAX_BYTES)})


def _photos_field(label, required, help_text):
    return FilesField(
        kinds=files.PHOTO_KINDS, label=label, required=required,
        help_text=_file_help(help_text, _("ภาพ JPEG, PNG หรือ WebP"),
                             _("ระบบลบข้อมูลที่ซ่อนในภาพ เช่น ตำแหน่งที่ถ่าย ก่อนบันทึก")),
        widget=_file_widget(accept="image/jpeg,image/png,image/webp"),
    )


def _attachments_field(label, required, help_text):
    return FilesField(
        kinds=files.PHOTO_KINDS | files.DOCUMENT_KINDS, label=label, required=required,
        help_text=_file_help(help_text, _("PDF, Word, Excel, ODT/ODS หรือภาพ")),
        widget=_file_widget(),
    )


class BuddhistDateField(forms.Field):
    """A date typed as Thai forms ask for it: day/month/BE year (25/11/2569), read by the one
    rule in kpp_portal.thai.parse_be (the admin's date field uses it too)."""

    widget = forms.TextInput(attrs={"placeholder": "25/11/2569", "inputmode": "numeric",
                                    "autocomplete": "off", "maxlength": "10"})

    def to_python(self, value):
        value = (value or "").strip()
        return parse_be(value) if value else None


class RequestForm(FilingForm):
    """The form of one request type: subject, details, name, then the fields the type asks;
    the type's own PDPA notice above them."""

    form_class = "service-form"
    submit_label = _("ยื่นคำร้อง")
    submit_class = "btn btn-primary btn-lg"
    error_note = _("ข้อมูลที่กรอกไว้ยังอยู่ แต่ต้องเลือกไฟล์แนบใหม่")

    subject = forms.CharField(label=_("เรื่อง"), max_length=200)
    details = forms.CharField(label=_("รายละเอียด"), max_length=DETAILS_MAX_CHARS,
                              widget=forms.Textarea(attrs={"rows": 6}))
    requester_name = forms.CharField(label=_("ชื่อ-นามสกุลผู้ยื่น"), max_length=200)

    def __init__(self, request_type, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.request_type = request_type
        self.form_action = request_type.get_absolute_url()
        self.privacy_notice = request_type.pdpa_notice
        self.fields["details"].label = request_type.shown_details_label
        self.fields["details"].help_text = request_type.shown_details_help
        self.fields["requester_name"].required = request_type.name_required
        if not request_type.name_required:
            self.fields["requester_name"].label = _("ชื่อ-นามสกุลผู้ยื่น (ไม่บังคับ)")
        self.answer_fields = []
        for asked in request_type.fields.all():
            self._add(asked)
        if request_type.is_information_request:
            self.fields["register_opt_out"] = forms.BooleanField(
                label=_("ไม่ประสงค์ให้แสดงคำขอนี้ในทะเบียนคำขอข้อมูลข่าวสารสาธารณะ"), required=False,
                help_text=_("ทะเบียนแสดงเฉพาะเรื่องที่เจ้าหน้าที่ตรวจแล้ว วันที่ และผลการพิจารณา ไม่แสดงชื่อผู้ขอ"),
            )
        for field in self.fields.values():
            verb = (_("กรุณาแนบ") if isinstance(field, FilesField)
                    else _("กรุณาเลือก") if isinstance(field, forms.ChoiceField) else _("กรุณากรอก"))
            field.error_messages["required"] = f"{verb}{field.label}"
        self.order_fields(["subject", "details", "requester_name"])  # then the type's own fields

    def layout_items(self):
        """The fields, with a "use my location" button (shown by location.js where the phone can
        tell its position) before the coordinates."""
        items = super().layout_items()
        if "latitude" in self.fields:
            button = format_html(
                '<p class="location-button-row" hidden><button type="button" id="use-my-location" '
                'class="btn btn-outline-secondary btn-sm" data-error="{}">{}</button></p>',
                _("ไม่สามารถอ่านตำแหน่งได้ กรุณากรอกที่อยู่แทน"), _("ใช้ตำแหน่งปัจจุบันของฉัน"))
            items.insert(items.index("latitude"), HTML(button))
        return items

    def _add(self, asked):
        label, required, help_text = asked.shown_label, asked.required, asked.shown_help_text
        if asked.kind in (FieldKind.TEXT, FieldKind.CHOICE, FieldKind.DATE):
            name = f"answer_{asked.pk}"
            if asked.kind == FieldKind.TEXT:
                self.fields[name] = forms.CharField(label=label, required=required, help_text=help_text,
                                                    max_length=ANSWER_MAX_CHARS)
            elif asked.kind == FieldKind.CHOICE:
                # The options offered, not typed: the answer is one of the words staff sort by.
                options = [(option, option) for option in asked.options_list()]
                self.fields[name] = forms.ChoiceField(
                    label=label, required=required, help_text=help_text, widget=forms.RadioSelect,
                    choices=options if required else [("", _("ไม่ระบุ")), *options])
            else:
                self.fields[name] = BuddhistDateField(label=label, required=required,
                                                      help_text=help_text or _("วัน/เดือน/ปี พ.ศ."))
            self.answer_fields.append((name, asked))
        elif asked.kind == FieldKind.LOCATION:
            self.fields["location_text"] = forms.CharField(
                label=label, required=required, max_length=300, help_text=help_text,
                widget=forms.Textarea(attrs={"rows": 2}))
            coordinate = {"required": False, "max_digits": 9, "decimal_places": 6,
                          "widget": forms.NumberInput(attrs={"step": "any", "inputmode": "decimal"})}
            self.fields["latitude"] = forms.DecimalField(label=_("ละติจูด (ไม่บังคับ)"), min_value=-90,
                                                         max_value=90, **coordinate)
            self.fields["longitude"] = forms.DecimalField(label=_("ลองจิจูด (ไม่บังคับ)"), min_value=-180,
                                                          max_value=180, **coordinate)
        elif asked.kind == FieldKind.PHONE:
            self.fields["phone"] = forms.CharField(label=label, required=required, max_length=30,
                                                   help_text=help_text or _("เช่น 0812345678"),
                                                   widget=forms.TextInput(attrs={"inputmode": "tel"}))
        elif asked.kind == FieldKind.EMAIL:
            self.fields["email"] = forms.EmailField(label=label, required=required, help_text=help_text)
            self.fields["notify_by_email"] = forms.BooleanField(
                label=_("แจ้งให้ทราบทางอีเมลนี้ทุกครั้งที่คำร้องมีความเคลื่อนไหว"), required=False)
        elif asked.kind == FieldKind.PHOTOS:
            self.fields["photos"] = _photos_field(label, required, help_text)
        elif asked.kind == FieldKind.ATTACHMENTS:
            self.fields["attachments"] = _attachments_field(label, required, help_text)

    def clean_subject(self):
        return required_text(self.cleaned_data["subject"], _("เรื่อง"))

    def clean_details(self):
        return required_text(self.cleaned_data["details"], self.request_type.shown_details_label)

    def clean_phone(self):
        phone = self.cleaned_data.get("phone", "").strip()
        if phone and not PHONE_PATTERN.match(phone):
            raise ValidationError(_("หมายเลขโทรศัพท์ไม่ถูกต้อง ใช้ตัวเลข 9–10 หลัก เช่น 0812345678"))
        return phone

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("notify_by_email") and not cleaned.get("email"):
            self.add_error("email", _("กรอกอีเมลเพื่อรับการแจ้งความเคลื่อนไหว หรือไม่เลือกช่องแจ้งทางอีเมล"))
        if (cleaned.get("latitude") is None) != (cleaned.get("longitude") is None):
            self.add_error("longitude", _("ระบุทั้งละติจูดและลองจิจูด หรือเว้นว่างทั้งคู่"))
        return cleaned

    def clean_expensive(self):
        super().clean_expensive()
        for name in ("photos", "attachments"):
            if name in self.cleaned_data:
                try:
                    self.cleaned_data[name] = self.fields[name].prepare(self.cleaned_data[name])
                except ValidationError as error:
                    self.add_error(name, error)

    def submission(self):
        """Keyword arguments for submission.submit()."""
        data = self.cleaned_data
        fields = {name: data[name] for name in (
            "subject", "details", "requester_name", "phone", "email", "notify_by_email", "location_text",
            "latitude", "longitude", "register_opt_out") if name in data and data[name] is not None}
        fields["answers"] = [
            {"label": asked.label, "kind": asked.kind,
             "value": format_thai_date(data[name]) if asked.kind == FieldKind.DATE else data[name]}
            for name, asked in self.answer_fields if data.get(name)
        ]
        fields["files"] = [*data.get("photos", []), *data.get("attachments", [])]
        return fields


class FollowUpForm(PortalForm):
    form_action = "services:track"
    form_class = "track-form"
    submit_label = _("เปิดอ่านคำร้อง")

    reference = forms.CharField(
        label=_("เลขที่คำร้อง"), max_length=20, help_text=_("เช่น EB-2569-0001"),
        error_messages={"required": _("กรุณากรอกเลขที่คำร้อง")},
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters"}))
    code = forms.CharField(
        label=_("รหัสติดตาม"), max_length=20, help_text=_("รหัส 10 ตัวที่ได้รับเมื่อยื่นคำร้อง"),
        error_messages={"required": _("กรุณากรอกรหัสติดตาม")},
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters",
                                      "spellcheck": "false"}),
    )


class RatingForm(PortalForm):
    form_action = "services:rate"
    submit_label = _("ส่งผลการประเมิน")

    score = forms.TypedChoiceField(
        label=_("ความพึงพอใจต่อการให้บริการ"), coerce=int, widget=forms.RadioSelect,
        choices=[(5, _("5 มากที่สุด")), (4, _("4 มาก")), (3, _("3 ปานกลาง")), (2, _("2 น้อย")),
                 (1, _("1 น้อยที่สุด"))],
        error_messages={"required": _("โปรดเลือกระดับความพึงพอใจ")},
    )
    comment = forms.CharField(label=_("ข้อเสนอแนะ (ไม่บังคับ)"), required=False, max_length=1000,
                              widget=forms.Textarea(attrs={"rows": 3}))


class PublicationForm(PortalForm):
    """The person's choice of what of their information request the public register shows."""

    form_action = "services:track_publication"
    submit_label = _("บันทึกการเลือก")

    publish_request_text = forms.BooleanField(
        label=_("เผยแพร่คำขอของข้าพเจ้า"), required=False,
        help_text=_("ระบบตัดชื่อ อีเมล และหมายเลขโทรศัพท์ออกก่อนแสดง"))
    publish_replies = forms.BooleanField(label=_("เผยแพร่หนังสือตอบของเทศบาล"), required=False,
                                         help_text=_("เปลี่ยนใจได้ทุกเมื่อจากหน้านี้"))


# -- staff forms (the queue in the admin) ----------------------------------------------------
class AssignForm(StaffForm):
    assigned_to = StaffChoiceField(label=_("เจ้าหน้าที่ผู้รับผิดชอบ"), queryset=None, required=False,
                                         empty_label=_("— ยังไม่มอบหมาย —"))

    def __init__(self, unit, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assigned_to"].queryset = roles.members(unit.group.name)


class NoteForm(StaffForm):
    body = forms.CharField(label=_("บันทึกภายใน (ผู้ยื่นไม่เห็น)"), max_length=5000,
                           widget=forms.Textarea(attrs={"rows": 3}))


class ReplyForm(StaffForm):
    body = forms.CharField(label=_("ข้อความถึงผู้ยื่น"), max_length=5000, widget=forms.Textarea(attrs={"rows": 4}))

    def __init__(self, request, *args, **kwargs):
        super().__init__(*args, **kwargs)
        information = request.request_type.is_information_request
        self.fields["files"] = _attachments_field(
            _("ไฟล์ข้อมูลข่าวสารที่เปิดเผย") if information else _("ไฟล์แนบ"), False, "")
        if information:
            self.fields["publish_files"] = forms.BooleanField(
                label=_("เผยแพร่ไฟล์เหล่านี้ในทะเบียนคำขอข้อมูลข่าวสารสาธารณะด้วย"), required=False,
                help_text=_("เลือกเฉพาะเมื่อไฟล์ไม่มีข้อมูลส่วนบุคคล"))

    def clean_files(self):
        # Staff replies are behind the login: their files are checked at once.
        return self.fields["files"].prepare(self.cleaned_data["files"])


class TransferForm(StaffForm):
    to_unit = forms.ModelChoiceField(label=_("โอนไปยังหน่วยงาน"), queryset=None)
    reason = forms.CharField(label=_("เหตุผล (ผู้ยื่นเห็น)"), max_length=500)

    def __init__(self, request, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to_unit"].queryset = ServiceUnit.objects.exclude(pk=request.unit_id)


class CloseForm(StaffForm):
    outcome = forms.ChoiceField(label=_("ผลการดำเนินการ"))
    body = forms.CharField(label=_("ข้อความแจ้งผลถึงผู้ยื่น"), max_length=5000, required=False,
                           widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, request, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.request = request
        self.fields["outcome"].choices = request.request_type.outcome_choices()
        if request.request_type.is_information_request:
            self.fields["grounds"] = forms.ModelMultipleChoiceField(
                label=_("เหตุผลที่ไม่เปิดเผยตามกฎหมาย (เมื่อเปิดเผยบางส่วนหรือไม่เปิดเผย)"),
                queryset=RefusalGround.objects.select_related("appeal"), required=False,
                widget=forms.CheckboxSelectMultiple)

    def clean(self):
        cleaned = super().clean()
        if "outcome" in cleaned:
            try:
                self.request.check_close(cleaned["outcome"], list(cleaned.get("grounds") or []),
                                         cleaned.get("body", ""))
            except ValidationError as error:
                raise ValidationError(error.messages) from None
        return cleaned


class IdentityForm(StaffForm):
    method = forms.ChoiceField(label=_("วิธีตรวจสอบตัวตน"), choices=IdentityMethod.choices)
    note = forms.CharField(label=_("บันทึกการตรวจสอบ (ไม่บังคับ)"), max_length=300, required=False,
                           help_text=_("ห้ามบันทึกเลขประจำตัวประชาชนหรือแนบภาพบัตร"))


class AppealForm(StaffForm):
    """The appeal to the Official Information Commission, updated as it moves."""

    filed_on = BuddhistDateField(label=_("วันที่ยื่นอุทธรณ์"))
    status = forms.ChoiceField(label=_("สถานะอุทธรณ์"), choices=AppealStatus.choices)
    forwarded_on = BuddhistDateField(label=_("วันที่ส่งคณะกรรมการ"), required=False)
    commission_reference = forms.CharField(label=_("เลขที่เรื่องของคณะกรรมการ"), max_length=60, required=False)
    outcome = forms.ChoiceField(label=_("ผลคำวินิจฉัย"), choices=[("", "—"), *AppealOutcome.choices],
                                required=False)
    decided_on = BuddhistDateField(label=_("วันที่มีคำวินิจฉัย"), required=False)
    outcome_summary = forms.CharField(label=_("สรุปคำวินิจฉัย (เผยแพร่ ไม่ระบุชื่อผู้อุทธรณ์)"), max_length=2000,
                                      required=False, widget=forms.Textarea(attrs={"rows": 2}))


class RegisterForm(StaffForm):
    register_subject = forms.CharField(label=_("เรื่องที่แสดงในทะเบียน (ตัดข้อมูลส่วนบุคคลออกแล้ว)"),
                                       max_length=200, required=False)
    publish = forms.BooleanField(label=_("เผยแพร่ในทะเบียนสาธารณะ"), required=False)
