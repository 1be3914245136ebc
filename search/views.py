from django.core.paginator import Paginator
from django.shortcuts import render

from .forms import SearchForm
from .models import Section
from .results import find
from .snippets import highlight

PAGE_SIZE = 20
SNIPPET_LENGTH = 240


def results(request):
    form = SearchForm(request.GET or None)
    query = form.query
    context = {"form": form, "query": query}
    if query is not None:
        section = form.cleaned_data["section"]
        found = find(query, section)
        paginator = Paginator(found.entries, PAGE_SIZE)
        # The per-section counts already hold the total: spare the paginator its own COUNT.
        paginator.count = found.counts.get(section, 0) if section else sum(found.counts.values())
        page = paginator.get_page(request.GET.get("page"))
        page.object_list = list(page.object_list)
        for entry in page.object_list:
            entry.title_html = highlight(entry.title, query, found.every_word)
            entry.snippet_html = highlight(entry.text, query, found.every_word, SNIPPET_LENGTH)
        context.update(
            page=page, every_word=found.every_word, total=sum(found.counts.values()), section=section,
            sections=[(value, label, found.counts[value])
                      for value, label in Section.choices if value in found.counts],
        )
    return render(request, "search/results.html", context)
