"""The OParl 1.1 endpoints: one object per URL, lists paged as the spec's object lists
({"data", "pagination", "links"}). Read-only JSON, open to scripts on any origin (the spec asks
for CORS, and nothing here is private)."""
import datetime
import json
from urllib.parse import urlencode

from django.core.paginator import InvalidPage, Paginator
from django.db.models import Prefetch
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.dateparse import parse_datetime

from kpp_portal.models import MunicipalityProfile
from kpp_portal.pagecache import reads_query

from . import oparl
from .models import AgendaItem, Attendance, CouncilMember, Meeting, MeetingDocument, Motion, Term

PAGE_SIZE = 50

# OParl 1.1 "Filter": every external list narrows on its objects' created/modified stamps
# (serialised from the same fields), bounds included, each a full date-time with its offset.
FILTERS = {"created_since": "created_at__gte", "created_until": "created_at__lte",
           "modified_since": "updated_at__gte", "modified_until": "updated_at__lte"}


class BadFilter(ValueError):
    pass


def _json(data, status=200):
    response = HttpResponse(json.dumps(data, ensure_ascii=False), status=status,
                            content_type="application/json; charset=utf-8")
    response["Access-Control-Allow-Origin"] = "*"
    return response


def _filters(request):
    """{lookup: aware datetime} for the filters the request names; BadFilter names one that is
    not a date-time with an offset (a date alone, a time without its zone, a month 13)."""
    found = {}
    for name, lookup in FILTERS.items():
        if name not in request.GET:
            continue
        try:
            value = parse_datetime(request.GET[name])
            if value is None or value.tzinfo is None:
                raise BadFilter(name)
            found[lookup] = value.astimezone(datetime.UTC)  # a year 1 or 9999 at an offset overflows
        except (ValueError, OverflowError) as error:
            raise BadFilter(name) from error
    return found


def _bad_filter(name):
    return _json({"error": {
        "parameter": name,
        "message": f"{name} takes an ISO 8601 date-time with its offset, URL-encoded, "
                   "e.g. 2026-01-01T00%3A00%3A00%2B07%3A00",
    }}, status=400)


def _list(request, queryset, serialize, name):
    try:
        filters = _filters(request)
    except BadFilter as error:
        return _bad_filter(error.args[0])
    if filters and hasattr(queryset, "filter"):
        queryset = queryset.filter(**filters)
    paginator = Paginator(queryset, PAGE_SIZE)
    try:
        page = paginator.page(request.GET.get("page") or 1)
    except InvalidPage as error:
        raise Http404 from error
    base = oparl.url(name)
    # Every page's links keep the filters the first page was asked with (the spec requires it).
    kept = {key: request.GET[key] for key in FILTERS if key in request.GET}
    if request.GET.get("organization", "").isdigit():
        kept["organization"] = request.GET["organization"]

    def link(number):
        return f"{base}?{urlencode({'page': number, **kept})}"

    links = {"first": link(1), "last": link(paginator.num_pages)}
    if page.has_previous():
        links["prev"] = link(page.previous_page_number())
    if page.has_next():
        links["next"] = link(page.next_page_number())
    return _json({
        "data": [serialize(obj) for obj in page.object_list],
        "pagination": {"totalElements": paginator.count, "elementsPerPage": PAGE_SIZE,
                       "currentPage": page.number, "totalPages": paginator.num_pages},
        "links": links,
    })


def _documents():
    return Prefetch("documents",
                    queryset=MeetingDocument.objects.public().select_related("catalogue_document"))


def _members():
    return CouncilMember.objects.select_related("person", "term").order_by("pk")


def _meetings():
    return Meeting.objects.published().select_related("session").prefetch_related(
        Prefetch("agenda_items", queryset=AgendaItem.objects.prefetch_related(
            _documents())),
        _documents(),
        Prefetch("attendance", queryset=Attendance.objects.only("meeting_id", "member_id", "status")),
    ).order_by("starts_at", "pk")


def _agenda_items():
    return AgendaItem.objects.filter(meeting__is_published=True).select_related("meeting").prefetch_related(
        _documents(),
    ).order_by("pk")


def _consultations():
    return (AgendaItem.objects.filter(meeting__is_published=True).exclude(motion=None)
            .select_related("meeting__session").order_by("pk"))


def _papers():
    return Motion.objects.select_related("catalogue_document").prefetch_related(
        Prefetch("agenda_items", queryset=_consultations())).order_by("pk")


def _files():
    return MeetingDocument.objects.public().select_related("catalogue_document").order_by("pk")


def _organizations():
    return Term.objects.prefetch_related("members").order_by("pk")


def system(request):
    return _json(oparl.system())


@reads_query(*FILTERS)
def bodies(request):
    return _list(request, [None], lambda _none: oparl.body(Term.objects.order_by("starts_on")), "bodies")


def body(request):
    return _json(oparl.body(Term.objects.order_by("starts_on")))


@reads_query("page", *FILTERS)
def organizations(request):
    return _list(request, _organizations(), oparl.organization, "organizations")


def organization(request, pk):
    return _json(oparl.organization(get_object_or_404(_organizations(), pk=pk)))


@reads_query("page", *FILTERS)
def legislative_terms(request):
    return _list(request, Term.objects.order_by("pk"), oparl.legislative_term, "legislative_terms")


def legislative_term(request, pk):
    return _json(oparl.legislative_term(get_object_or_404(Term, pk=pk)))


@reads_query("page", *FILTERS)
def people(request):
    return _list(request, _members(), oparl.person, "people")


def person(request, pk):
    return _json(oparl.person(get_object_or_404(_members(), pk=pk)))


def membership(request, pk):
    return _json(oparl.membership(get_object_or_404(_members(), pk=pk)))


@reads_query("page", "organization", *FILTERS)
def meetings(request):
    queryset = _meetings()
    if request.GET.get("organization", "").isdigit():
        queryset = queryset.filter(session__term_id=request.GET["organization"])
    return _list(request, queryset, oparl.meeting, "meetings")


def meeting(request, pk):
    return _json(oparl.meeting(get_object_or_404(_meetings(), pk=pk)))


def meeting_location(request, pk):
    return _json(oparl.meeting_location(get_object_or_404(Meeting.objects.published(), pk=pk)))


def body_location(request):
    return _json(oparl.body_location(MunicipalityProfile.current()))


@reads_query("page", *FILTERS)
def agenda_items(request):
    return _list(request, _agenda_items(), oparl.agenda_item, "agenda_items")


def agenda_item(request, pk):
    return _json(oparl.agenda_item(get_object_or_404(_agenda_items(), pk=pk)))


@reads_query("page", *FILTERS)
def consultations(request):
    return _list(request, _consultations(), oparl.consultation, "consultations")


def consultation(request, pk):
    return _json(oparl.consultation(get_object_or_404(_consultations(), pk=pk)))


@reads_query("page", *FILTERS)
def papers(request):
    return _list(request, _papers(), oparl.paper, "papers")


def paper(request, pk):
    return _json(oparl.paper(get_object_or_404(_papers(), pk=pk)))


@reads_query("page", *FILTERS)
def files(request):
    return _list(request, _files(), oparl.file, "files")


def file(request, pk):
    return _json(oparl.file(get_object_or_404(_files(), pk=pk)))
