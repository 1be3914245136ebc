"""The service catalogue and the public register of information requests in the portal-wide
search (see search/sources.py). Only what staff reviewed for the register is indexed: the
subject as rewritten without personal data, never the request itself."""
from search.models import Section
from search.sources import Entry, Source

from .models import RequestType, ServiceRequest


class RequestTypeSource(Source):
    model = RequestType
    section = Section.SERVICES

    def objects(self):
        return RequestType.objects.active()

    def entry(self, request_type):
        text = f"{request_type.summary} {request_type.description} {request_type.required_documents}"
        return Entry(title=request_type.title, url=request_type.get_absolute_url(), text=text)


class RegisterSource(Source):
    model = ServiceRequest
    section = Section.SERVICES
    follows = {RequestType: "request_type"}

    def objects(self):
        return ServiceRequest.objects.in_register().select_related("request_type")

    def entry(self, entry):
        return Entry(title=entry.register_subject, url=entry.get_register_url(),
                     text=f"{entry.reference} {entry.request_type.title} {entry.get_outcome_display()}",
                     date=entry.register_published_at)


SOURCES = [RequestTypeSource(), RegisterSource()]
