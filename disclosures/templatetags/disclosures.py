from django import template

from disclosures.models import Document

register = template.Library()

HOME_SLOT_SIZE = 5


@register.inclusion_tag("disclosures/_latest_documents.html")
def latest_documents(count=HOME_SLOT_SIZE):
    """The newest published documents, for the home page."""
    documents = Document.objects.published().select_related("category").order_by("-publication_date", "-pk")
    return {"documents": documents[:count]}
