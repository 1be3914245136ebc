from functools import wraps

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from kpp_portal import filing, roles
from kpp_portal.pagecache import reads_query
from kpp_portal.paging import page_of

from .forms import QuestionForm
from .models import Division, NewsCategory, NewsItem, Page, Person, Question


def editor_required(view):
    """Previews of unpublished content: content editors only (being staff is not enough)."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not roles.in_group(request.user, roles.CONTENT_EDITORS):
            raise PermissionDenied
        return never_cache(view)(request, *args, **kwargs)

    return wrapper


def about(request):
    return render(request, "municipality/about.html", {
        "pages": Page.objects.filter(is_published=True).only("kind", "title"),
    })


def structure(request):
    return render(request, "municipality/structure.html", {"units": Division.tree()})


def executives(request):
    people = list(Person.objects.all())
    bodies = [
        (label, [p for p in people if p.body == value]) for value, label in Person.Body.choices
    ]
    return render(request, "municipality/executives.html", {"bodies": [b for b in bodies if b[1]]})


def _page_context(page, version=None, preview=False):
    versions = list(page.versions.only("pk", "title", "created_at", "page_id"))
    return {
        "page": page,
        "version": version,
        "history": versions[1:],  # the first is the current text
        "references": page.references.all(),
        "preview": preview,
    }


def page(request, kind):
    page = get_object_or_404(Page, kind=kind, is_published=True)
    return render(request, "municipality/page.html", _page_context(page))


def page_version(request, kind, pk):
    page = get_object_or_404(Page, kind=kind, is_published=True)
    version = get_object_or_404(page.versions, pk=pk)
    return render(request, "municipality/page.html", _page_context(page, version=version))


@editor_required
def page_preview(request, kind):
    page = get_object_or_404(Page, kind=kind)
    return render(request, "municipality/page.html", _page_context(page, preview=True))


def contact(request):
    return render(request, "municipality/contact.html")


def social(request):
    return render(request, "municipality/social.html")


@reads_query("category", "page")
def news_list(request):
    items = NewsItem.objects.published().select_related("category")
    categories = list(NewsCategory.objects.all())
    category = None
    slug = request.GET.get("category")
    if slug:
        category = next((c for c in categories if c.slug == slug), None)
        if category is None:
            items = items.none()
        else:
            items = items.filter(category=category)
    news_page = page_of(items, request)
    return render(request, "municipality/news_list.html", {
        "news_page": news_page,
        "categories": categories,
        "category": category,
        "unknown_category": bool(slug) and category is None,
    })


def news_detail(request, pk, slug=None):
    item = get_object_or_404(NewsItem.objects.published().select_related("category"), pk=pk)
    if request.path != item.get_absolute_url():
        return redirect(item, permanent=True)
    return render(request, "municipality/news_detail.html", {"item": item})


@editor_required
def news_preview(request, pk):
    item = get_object_or_404(NewsItem.objects.select_related("category"), pk=pk)
    return render(request, "municipality/news_detail.html", {"item": item, "preview": True})


def questions(request):
    form = QuestionForm(request.POST if request.method == "POST" else None)
    return filing.answer(
        request, form, limit="qa", file=form.save, then="municipality:questions",
        too_often=_("ส่งคำถามบ่อยเกินไป กรุณารอประมาณหนึ่งชั่วโมงแล้วลองใหม่"),
        filed_message=_("ได้รับคำถามของท่านแล้ว ขอบคุณที่สอบถาม เจ้าหน้าที่จะตอบและเผยแพร่คำตอบบนหน้านี้"),
        page=lambda status: render(request, "municipality/questions.html", {
            "form": form,
            "question_page": page_of(Question.objects.public(), request),
            "qa_days": settings.QA_UNANSWERED_DAYS,
        }, status=status))
