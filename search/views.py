import functools

from django.core.paginator import Paginator
from django.shortcuts import render

from kpp_portal import fragments

from .forms import SearchForm
from .models import Section
from .results import find
from .snippets import highlight

PAGE_SIZE = 20
SNIPPET_LENGTH = 240
SEARCH_PARAMETERS = {"q", "section", "page"}  # what the view reads: a page with others is not kept


def results(request):
    form = SearchForm(request.GET or None)
    query = form.query
    # Lazy: when the results are a kept fragment (kpp_portal/fragments.py) nothing is searched.
    context = {"form": form, "query": query,
               "fragment_query": fragments.page_query(request, SEARCH_PARAMETERS)}
    if query is not None:
        section = form.cleaned_data["section"]
        found = functools.cache(lambda: _found(request, query, section))
        context.update({name: fragments.lazy(functools.partial(lambda name: found()[name], name))
                        for name in ("page", "every_word", "total", "sections")}, section=section)
    return render(request, "search/results.html", context)


def _found(request, query, section):
    found = find(query, section)
    paginator = Paginator(found.entries, PAGE_SIZE)
    # The per-section counts already hold the total: spare the paginator its own COUNT.
    paginator.count = found.counts.get(section, 0) if section else sum(found.counts.values())
    page = paginator.get_page(request.GET.get("page"))
    page.object_list = list(page.object_list)
    for entry in page.object_list:
        entry.title_html = highlight(entry.title, query, found.every_word)
        entry.snippet_html = highlight(entry.text, query, found.every_word, SNIPPET_LENGTH)
    return {
        "page": page, "every_word": found.every_word, "total": sum(found.counts.values()),
        "sections": [(value, label, found.counts[value])
                     for value, label in Section.choices if value in found.counts],
    }
