"""Published documents in the portal-wide search (see search/sources.py)."""
from search.models import Section
from search.sources import Entry, Source

from .models import Category, Document


class DocumentSource(Source):
    model = Document
    section = Section.DOCUMENTS
    follows = {Category: "category"}

    def objects(self):
        return Document.objects.filter(is_published=True).select_related("category")

    def entry(self, document):
        return Entry(
            title=document.title, url=document.get_absolute_url(),
            text=f"{document.summary} {document.category.name} {document.original_filename}",
            date=document.publication_date, visible_from=document.publication_date,
            file=document.attachment or None,
            file_url=document.get_download_url() if document.attachment else "",
        )


SOURCES = [DocumentSource()]
