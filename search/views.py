"""The portal-wide search page, and the searchable copies of scanned files it links to."""
from pathlib import PurePath

from django.conf import settings
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, render

from kpp_portal import fragments, paging

from .forms import SearchForm
from .models import FileText, SearchEntry, Section, ServiceShortcut
from .results import find
from .snippets import highlight, inside

SNIPPET_LENGTH = 240
MAX_PAGE = 10_000  # beyond any index: a larger number is no page
SEARCH_PARAMETERS = {"q", "section", "page"}  # what the view reads: a page with others is not kept


def results(request):
    form = SearchForm(request.GET or None)
    query = form.query
    context = {"form": form, "query": query,
               "fragment_query": fragments.page_query(request, SEARCH_PARAMETERS)}
    if query is not None:
        section = form.cleaned_data["section"]
        context.update(found=fragments.section(lambda: _found(request, query, section)), section=section)
    return render(request, "search/results.html", context)


def _found(request, query, section):
    asked = _page_number(request.GET.get("page"))
    found = find(query, section, *_bounds(asked))
    paginator = paging.paginator(found.entries)
    # The per-section counts already hold the total: spare the paginator its own COUNT. Past
    # the entries counted inside files (results.INSIDE_COUNTED) there are no more pages.
    paginator.count = found.total(section)
    page = paginator.get_page(request.GET.get("page"))
    if page.number != asked:  # a number out of range: the paginator shows the last page instead
        found = find(query, section, *_bounds(page.number))
    page.object_list = found.page
    # The section names once a page: a model's get_..._display translates every choice each call.
    labels = dict(Section.choices)
    for entry in page.object_list:
        entry.section_label = labels[entry.section]
        entry.title_html = highlight(entry.title, query, found.every_word)
        entry.snippet_html = highlight(entry.text, query, found.every_word, SNIPPET_LENGTH)
        # Found inside the file: the page and what it says there, the summary only if it holds the words.
        page_found = inside(entry.inside, query, found.every_word, SNIPPET_LENGTH) if entry.inside else None
        if page_found:
            entry.inside_page, entry.inside_html = page_found
            if "<mark>" not in entry.snippet_html:
                entry.snippet_html = ""
    return {
        "page": page, "every_word": found.every_word, "total": _counted(found.total(), found.has_more()),
        # More found inside files than were counted: "more than" the count.
        "more": found.has_more(section),
        # The services the query names, above the first page of every section's results.
        "services": ServiceShortcut.named_by(query) if page.number == 1 and not section else [],
        "sections": [(value, label, _counted(found.counts[value], found.has_more(value)))
                     for value, label in labels.items() if value in found.counts],
    }


def _counted(number, more):
    return f"{number}+" if more else number


def searchable_copy(request, pk):
    """The OCR'd copy of a scanned file, while the object it belongs to is visible in the search."""
    row = get_object_or_404(FileText.objects.exclude(searchable=""), pk=pk, state=FileText.State.DONE)
    entry = SearchEntry.objects.visible().filter(content_type_id=row.content_type_id, object_id=row.object_id)
    if not entry.exists():
        raise Http404
    try:
        handle = row.searchable.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    name = f"{PurePath(row.name).stem}-ocr.pdf"
    return FileResponse(handle, filename=name, content_type="application/pdf")


def _page_number(value):
    """The page asked for, or 1; one out of range is fetched again as the paginator corrects it."""
    try:
        number = int(value)
    except (TypeError, ValueError):
        return 1
    return number if 1 <= number <= MAX_PAGE else 1


def _bounds(number):
    return (number - 1) * settings.PAGE_SIZE, number * settings.PAGE_SIZE
