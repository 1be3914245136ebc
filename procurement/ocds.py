"""A fiscal year as an OCDS 1.1 release package, written piece by piece for streaming.

One contracting process (ocid) per plan item: a planning release for the item, then a tender
release and, once awarded, an award release for each of its e-GP projects. Related rows are
read in a fixed number of queries (not one per item) and joined in memory, so a year of
thousands of items costs the same few queries as a year of ten.
"""
import json
from collections import defaultdict

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from kpp_portal.models import MunicipalityProfile

from .models import (
    OCDS_METHOD,
    Announcement,
    AnnouncementKind,
    Award,
    Bid,
    PlanItem,
    ProcurementMethod,
    ProcurementPlan,
    ProcurementProject,
    SourceOfFunds,
)

CURRENCY = "THB"
DOCUMENT_TYPE = {
    AnnouncementKind.DRAFT_TOR: "technicalSpecifications",
    AnnouncementKind.INVITATION: "tenderNotice",
    AnnouncementKind.WINNER: "awardNotice",
    AnnouncementKind.CANCELLATION: "tenderNotice",
    AnnouncementKind.CONTRACT: "contractNotice",
}
BUYER_ID = "buyer"


def _datetime(day):
    """Dates in the data are Bangkok calendar days; OCDS wants a date-time."""
    return f"{day.isoformat()}T00:00:00+07:00"


def _value(amount):
    # float() of a two-decimal amount round-trips exactly in JSON's shortest representation.
    return {"amount": float(amount), "currency": CURRENCY}


def ocid(item):
    return f"{settings.OCDS_OCID_PREFIX}-{item.plan.fiscal_year}-{item.pk}"


class YearExport:
    """The data of one fiscal year, read in a constant number of queries."""

    def __init__(self, fiscal_year):
        self.fiscal_year = fiscal_year
        self.items = (
            PlanItem.objects.filter(
                plan__fiscal_year=fiscal_year, plan__in=ProcurementPlan.objects.published()
            )
            .select_related("plan")
            .order_by("pk")
        )
        projects = ProcurementProject.objects.filter(plan_item__in=self.items).order_by("pk")
        self.projects = defaultdict(list)
        for project in projects:
            self.projects[project.plan_item_id].append(project)
        self.announcements = defaultdict(list)
        for announcement in Announcement.objects.filter(project__in=projects).order_by("announced_on", "pk"):
            self.announcements[announcement.project_id].append(announcement)
        self.bids = defaultdict(list)
        for bid in Bid.objects.filter(project__in=projects).order_by("amount", "pk"):
            self.bids[bid.project_id].append(bid)
        self.awards = {award.project_id: award for award in Award.objects.filter(project__in=projects)}
        self.profile = MunicipalityProfile.current()
        # Labels translated once per export, not once per release (thousands of gettext calls).
        self.method_labels = {code: str(label) for code, label in ProcurementMethod.choices}
        self.source_labels = {code: str(label) for code, label in SourceOfFunds.choices}

    def buyer(self):
        return {"id": BUYER_ID, "name": self.profile.name_th}

    def planning_release(self, item):
        item_ocid = ocid(item)
        return {
            "ocid": item_ocid,
            "id": f"{item_ocid}-planning",
            "date": _datetime(item.plan.published_on),
            "tag": ["planning"],
            "initiationType": "tender",
            "language": "th",
            "buyer": self.buyer(),
            "parties": [{**self.buyer(), "roles": ["buyer", "procuringEntity"]}],
            "planning": {
                "budget": {
                    "description": self.source_labels[item.source_of_funds],
                    "amount": _value(item.budget),
                    "project": item.title,
                },
            },
            "tender": {
                "id": f"{item_ocid}-plan",
                "title": item.title,
                "status": "planning",
                "procurementMethod": OCDS_METHOD[item.method],
                "procurementMethodDetails": self.method_labels[item.method],
                "value": _value(item.budget),
                "tenderPeriod": {"startDate": _datetime(item.planned_month)},
                "procuringEntity": self.buyer(),
            },
        }

    def _document_url(self, announcement, project_url):
        if announcement.document:
            return settings.SITE_URL + announcement.document.url
        if announcement.kind == AnnouncementKind.DRAFT_TOR:
            return settings.SITE_URL + announcement.get_absolute_url()
        return f"{project_url}#announcement-{announcement.pk}"

    def _documents(self, project):
        project_url = settings.SITE_URL + project.get_absolute_url()
        return [
            {"id": str(announcement.pk), "documentType": DOCUMENT_TYPE[announcement.kind],
             "title": announcement.title, "datePublished": _datetime(announcement.announced_on),
             "url": self._document_url(announcement, project_url), "language": "th"}
            for announcement in self.announcements[project.pk]
        ]

    def _parties(self, bids, supplier=None):
        parties = [{**self.buyer(), "roles": ["buyer", "procuringEntity"]}]
        for bid in bids:
            roles = (
                ["tenderer", "supplier"] if supplier is not None and bid.pk == supplier.pk else ["tenderer"]
            )
            parties.append({"id": bid.party_id, "name": bid.bidder_name, "roles": roles})
        return parties

    def tender_release(self, item, project):
        item_ocid = ocid(item)
        announcements = self.announcements[project.pk]
        bids = self.bids[project.pk]
        award = self.awards.get(project.pk)
        kinds = {announcement.kind for announcement in announcements}
        status = ("cancelled" if AnnouncementKind.CANCELLATION in kinds
                  else "complete" if award else "active")
        invitation = next((a for a in announcements if a.kind == AnnouncementKind.INVITATION), None)
        first = announcements[0].announced_on if announcements else item.plan.published_on
        tender = {
            "id": project.egp_number,
            "title": project.title,
            "status": status,
            "procurementMethod": OCDS_METHOD[project.method],
            "procurementMethodDetails": self.method_labels[project.method],
            "procurementMethodRationale": project.reference_price_basis,
            "value": _value(project.reference_price),
            "procuringEntity": self.buyer(),
            "tenderers": [{"id": bid.party_id, "name": bid.bidder_name} for bid in bids],
            "numberOfTenderers": len(bids),
            "documents": self._documents(project),
        }
        if invitation:
            tender["tenderPeriod"] = {"startDate": _datetime(invitation.announced_on)}
        return {
            "ocid": item_ocid,
            "id": f"{item_ocid}-tender-{project.egp_number}",
            "date": _datetime(invitation.announced_on if invitation else first),
            "tag": ["tender"],
            "initiationType": "tender",
            "language": "th",
            "buyer": self.buyer(),
            "parties": self._parties(bids),
            "tender": tender,
        }

    def award_release(self, item, project, award):
        item_ocid = ocid(item)
        bids = self.bids[project.pk]
        winner = next((bid for bid in bids if bid.pk == award.winning_bid_id), None)
        award_id = f"{project.egp_number}-award"
        return {
            "ocid": item_ocid,
            "id": f"{item_ocid}-award-{project.egp_number}",
            "date": _datetime(award.contract_date),
            "tag": ["award", "contract"],
            "initiationType": "tender",
            "language": "th",
            "buyer": self.buyer(),
            "parties": self._parties(bids, supplier=winner),
            "awards": [{
                "id": award_id, "title": project.title, "status": "active",
                "date": _datetime(award.contract_date), "value": _value(award.contract_amount),
                "suppliers": [{"id": winner.party_id, "name": winner.bidder_name}] if winner else [],
            }],
            "contracts": [{
                "id": award.contract_number, "awardID": award_id, "title": project.title,
                "status": "active", "value": _value(award.contract_amount),
                "dateSigned": _datetime(award.contract_date),
            }],
        }

    def releases(self):
        for item in self.items.iterator(chunk_size=1000):
            yield self.planning_release(item)
            for project in self.projects[item.pk]:
                yield self.tender_release(item, project)
                award = self.awards.get(project.pk)
                if award:
                    yield self.award_release(item, project, award)


def package_chunks(fiscal_year):
    """The release package as JSON text pieces; the releases array is written one by one."""
    export = YearExport(fiscal_year)
    head = {
        "uri": settings.SITE_URL + reverse("procurement:ocds", args=[fiscal_year]),
        "version": "1.1",
        "publishedDate": timezone.now().replace(microsecond=0).isoformat(),
        "publisher": {"name": export.profile.name_th, "uri": export.profile.website},
        "publicationPolicy": settings.SITE_URL + reverse("procurement:open_data"),
        "license": "https://opendefinition.org/licenses/odc-by/",
    }
    text = json.dumps(head, ensure_ascii=False)
    yield text[:-1] + ', "releases": ['
    for number, release in enumerate(export.releases()):
        yield ("," if number else "") + json.dumps(release, ensure_ascii=False)
    yield "]}"
