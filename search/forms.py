from django import forms
from django.utils.translation import gettext_lazy as _

from kpp_portal.forms import PortalForm
from kpp_portal.words import Query

from .models import Section

MAX_QUERY_LENGTH = 100


class SearchForm(PortalForm):
    q = forms.CharField(label=_("คำค้น"), required=False, max_length=MAX_QUERY_LENGTH,
                        widget=forms.TextInput(attrs={"type": "search"}))
    section = forms.ChoiceField(label=_("หมวด"), required=False,
                                choices=[("", _("ทุกหมวด")), *Section.choices])

    form_method = "get"
    form_action = "search:results"
    form_class = "row g-2 align-items-end mb-3"
    form_attrs = {"role": "search", "aria-label": _("ค้นหาและกรองผลการค้นหา")}
    submit_label = _("ค้นหา")
    submit_class = "btn btn-primary w-100"
    submit_wrapper_class = "col-12 col-md-2"
    field_wrapper_class = "col-12 col-md-5"

    def clean_q(self):
        return self.cleaned_data["q"].strip()

    @property
    def query(self):
        """What to look for, or None when nothing valid was typed."""
        if not self.is_valid():
            return None
        return Query(self.cleaned_data["q"]) if self.cleaned_data["q"] else None
