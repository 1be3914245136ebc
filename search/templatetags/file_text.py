"""{% searchable_copy obj as copy %}: the OCR'd copy of an object's scanned file, for its page."""
from django import template
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from search.files import FileText

register = template.Library()


@register.simple_tag
def searchable_copy(obj):
    """The address of the searchable copy of OBJ's scanned file, or "" (not a scan, not read yet)."""
    row = (FileText.objects.filter(content_type=ContentType.objects.get_for_model(obj), object_id=obj.pk,
                                   state=FileText.State.DONE).exclude(searchable="").only("pk").first())
    return reverse("search:searchable_copy", kwargs={"pk": row.pk}) if row else ""
