from django import template

from disclosures.models import AssessmentYear, Document, EITSurvey

register = template.Library()

HOME_SLOT_SIZE = 5


@register.inclusion_tag("disclosures/_latest_documents.html")
def latest_documents(count=HOME_SLOT_SIZE):
    """The newest published documents, for the home page."""
    documents = Document.objects.published().select_related("category").order_by("-publication_date", "-pk")
    return {"documents": documents[:count]}


@register.simple_tag
def open_eit_survey():
    """The NACC's EIT survey while it is open, for the home page; else None."""
    return EITSurvey.objects.open_on().first()


@register.inclusion_tag("disclosures/_current_assessment.html")
def current_assessment():
    """One line naming the current ITA assessment (and the list still awaited), the same on the
    home page, the catalogue, the EIT, No Gift and ITA analysis pages."""
    return {"current": AssessmentYear.objects.current()}
