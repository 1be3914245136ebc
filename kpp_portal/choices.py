"""get_FOO_display() without translating every choice on every call.

Django's own builds dict(make_hashable(field.flatchoices)) per call, and hashing a lazy label
translates it: a list of twenty rows with a ten-choice status translated two hundred labels.
This one keeps the {value: label} map of each field (labels stay lazy, so the page's language
still decides) and translates the one label shown.
"""
from functools import partialmethod

from django.apps import apps
from django.db.models import Model
from django.utils.choices import CallableChoiceIterator
from django.utils.encoding import force_str
from django.utils.hashable import make_hashable


def _display(instance, field, labels):
    value = getattr(instance, field.attname)
    try:
        label = labels.get(value, value)
    except TypeError:  # an unhashable value (a list in a JSON field)
        label = dict(make_hashable(field.flatchoices)).get(make_hashable(value), value)
    return force_str(label, strings_only=True)


def install():
    """Give every model field with fixed choices the quicker get_FOO_display()."""
    for model in apps.get_models():
        for field in model._meta.fields:
            name = f"get_{field.name}_display"
            own = model.__dict__.get(name)
            # Only Django's own method (not a model's), for choices fixed at start-up.
            if not (isinstance(own, partialmethod) and own.func is Model._get_FIELD_display
                    and field.choices and not isinstance(field.choices, CallableChoiceIterator)):
                continue
            labels = {}
            for value, label in field.flatchoices:
                labels.setdefault(make_hashable(value), label)
            setattr(model, name, partialmethod(_display, field=field, labels=labels))
