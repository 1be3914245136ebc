from crispy_forms.layout import Field
from django import forms
from django.utils.translation import gettext_lazy as _

from kpp_portal.forms import PortalForm
from kpp_portal.uploads import content_type, safe_display_name, validate_upload
from kpp_portal.words import Query
from search.results import rank_objects

from .models import ATTACHMENT_KINDS, Category, Document

MAX_QUERY_LENGTH = 100


class CatalogueFilterForm(PortalForm):
    """The catalogue's filters. Bad values are reported and ignored, never a 500."""

    q = forms.CharField(
        label=_("ค้นหา"),
        required=False,
        max_length=MAX_QUERY_LENGTH,
        widget=forms.TextInput(attrs={"type": "search", "placeholder": _("เช่น คู่มือ, แผนพัฒนา")}),
    )
    category = forms.ChoiceField(label=_("หมวด"), required=False)
    year = forms.TypedChoiceField(label=_("ปีงบประมาณ"), required=False, coerce=int, empty_value=None)
    # The evidence of one OIT item, linked from the checklist when an item has many documents.
    oit = forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput)

    form_method = "get"
    form_action = "disclosures:index"
    form_class = "catalogue-filter row g-2 align-items-end mb-3"
    form_attrs = {"role": "search", "aria-label": _("ค้นหาและกรองเอกสาร")}
    submit_label = _("ค้นหา")
    submit_class = "btn btn-primary w-100"
    submit_wrapper_class = "col-12 col-md-1"

    def __init__(self, *args, categories=(), years=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].choices = [("", _("ทุกหมวด"))] + [(c.slug, c.name) for c in categories]
        self.fields["year"].choices = [("", _("ทุกปี"))] + [(str(y), str(y)) for y in years]

    def layout_items(self):
        return [Field("q", wrapper_class="col-12 col-md-5"),
                Field("category", wrapper_class="col-12 col-md-3"),
                Field("year", wrapper_class="col-12 col-md-3"), "oit"]

    def filter(self, documents):
        """The documents that match the valid part of the filters."""
        if not self.is_bound:
            return documents
        self.is_valid()  # cleaned_data then holds only the fields that are valid
        data = self.cleaned_data
        if data.get("category"):
            documents = documents.filter(category__slug=data["category"])
        if data.get("year"):
            documents = documents.filter(fiscal_year=data["year"])
        if data.get("oit"):
            documents = documents.filter(oit_items=data["oit"])
        if data.get("q", "").strip():
            documents = rank_objects(documents, Query(data["q"]))
        return documents


class DocumentAdminForm(forms.ModelForm):
    class Meta:
        model = Document
        fields = "__all__"

    def clean_attachment(self):
        attachment = self.cleaned_data.get("attachment")
        # A newly uploaded file has a content_type from the browser; a kept file does not.
        # (The file this save replaces or clears goes through kpp_portal.filecleanup.)
        if attachment and hasattr(attachment, "content_type"):
            kind = validate_upload(attachment, ATTACHMENT_KINDS, "DISCLOSURES_UPLOAD_MAX_BYTES")
            self.instance.original_filename = safe_display_name(attachment.name, 255)
            self.instance.content_type = content_type(kind)
            self.instance.file_size = attachment.size
        elif not attachment:
            self.instance.original_filename = self.instance.content_type = ""
            self.instance.file_size = None
        return attachment


class CategoryAdminForm(forms.ModelForm):
    class Meta:
        model = Category
        fields = "__all__"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            # Links, feeds and code refer to the slug: it never changes once set.
            self.fields["slug"].disabled = True
            self.fields["slug"].help_text = _("ตั้งครั้งเดียว เปลี่ยนไม่ได้ เพื่อให้ลิงก์เดิมยังใช้ได้")
