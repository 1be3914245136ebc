"""kpp_portal/choices.py: the quicker get_FOO_display() says what Django's own says, in Thai and
in English, for every field it replaced, and for a value outside the choices."""
from django.apps import apps
from django.db.models import Model
from django.utils import translation

from kpp_portal import choices


def _replaced():
    for model in apps.get_models():
        for field in model._meta.fields:
            method = model.__dict__.get(f"get_{field.name}_display")
            if method is not None and getattr(method, "func", None) is choices._display:
                yield model, field


def test_fields_with_choices_get_the_quicker_display():
    replaced = {(model._meta.label, field.name) for model, field in _replaced()}
    assert ("services.ServiceRequest", "status") in replaced
    assert ("complaints.CorruptionReport", "category") in replaced


def test_the_quicker_display_says_what_djangos_own_says():
    for model, field in _replaced():
        for value in [value for value, _label in field.flatchoices] + ["no-such-value"]:
            instance = model(**{field.attname: value})
            for language in ("th", "en"):
                with translation.override(language):
                    quick = getattr(instance, f"get_{field.name}_display")()
                    assert quick == Model._get_FIELD_display(instance, field), (model, field.name, value)
