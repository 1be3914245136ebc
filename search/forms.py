from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Section
from .words import Query

MAX_QUERY_LENGTH = 100


class SearchForm(forms.Form):
    q = forms.CharField(label=_("คำค้น"), required=False, max_length=MAX_QUERY_LENGTH,
                        widget=forms.TextInput(attrs={"type": "search", "class": "form-control"}))
    section = forms.ChoiceField(label=_("หมวด"), required=False,
                                choices=[("", _("ทุกหมวด")), *Section.choices],
                                widget=forms.Select(attrs={"class": "form-select"}))

    def clean_q(self):
        return self.cleaned_data["q"].strip()

    @property
    def query(self):
        """What to look for, or None when nothing valid was typed."""
        if not self.is_valid():
            for name in self.errors:
                self.fields[name].widget.attrs.update(
                    {"aria-invalid": "true", "aria-describedby": f"{self[name].auto_id}-error"})
            return None
        return Query(self.cleaned_data["q"]) if self.cleaned_data["q"] else None
