"""The releases and records of a fiscal year's contracting processes, built from the plan."""
import copy
from collections import defaultdict

from django.conf import settings

from kpp_portal.models import MunicipalityProfile

from ..models import (
    OCDS_METHOD,
    Announcement,
    AnnouncementKind,
    Award,
    Bid,
    ContractProgress,
    PlanItem,
    ProcurementMethod,
    ProcurementPlan,
    ProcurementProject,
    SourceOfFunds,
    TenderItem,
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
BID_EXTENSION = "https://raw.githubusercontent.com/open-contracting-extensions/ocds_bid_extension/v1.1.5/extension.json"
# Progress steps as OCDS milestones: (milestone type, status) from the milestoneType and
# milestoneStatus codelists. A payment is also a transaction.
MILESTONE = {
    ContractProgress.Stage.IN_PROGRESS: ("delivery", "partiallyMet"),
    ContractProgress.Stage.DELIVERED: ("delivery", "met"),
    ContractProgress.Stage.INSPECTED: ("assessment", "met"),
    ContractProgress.Stage.PAID: ("payment", "met"),
}


def _datetime(day):
    """Dates in the data are Bangkok calendar days; OCDS wants a date-time."""
    return f"{day.isoformat()}T00:00:00+07:00"


def _value(amount):
    # float() of a two-decimal amount round-trips exactly in JSON's shortest representation.
    return {"amount": float(amount), "currency": CURRENCY}


def ocid(item):
    return f"{settings.OCDS_OCID_PREFIX}-{item.plan.fiscal_year}-{item.pk}"


def parse_ocid(value):
    """(fiscal year, plan item pk) of one of our ocids, or None for anything else."""
    prefix = f"{settings.OCDS_OCID_PREFIX}-"
    if not settings.OCDS_OCID_PREFIX or not value.startswith(prefix):
        return None
    year, _dash, pk = value.removeprefix(prefix).partition("-")
    if not (year.isascii() and year.isdigit() and pk.isascii() and pk.isdigit()) or len(year) != 4:
        return None
    return int(year), int(pk)


def _merge(compiled, release):
    """OCDS merge: objects field by field, arrays of objects by their id, anything else replaced."""
    for key, value in release.items():
        if value is None:
            compiled.pop(key, None)
        elif isinstance(value, dict):
            earlier = compiled.get(key)
            compiled[key] = _merge(earlier if isinstance(earlier, dict) else {}, value)
        elif isinstance(value, list) and value and all(isinstance(e, dict) and "id" in e for e in value):
            earlier = compiled.get(key)
            by_id = {entry["id"]: entry for entry in earlier} if isinstance(earlier, list) else {}
            for entry in value:
                by_id[entry["id"]] = _merge(by_id.get(entry["id"], {}), entry)
            compiled[key] = list(by_id.values())
        else:
            compiled[key] = copy.deepcopy(value)
    return compiled


def compiled_release(releases):
    """The latest state of a contracting process: its releases (in date order) merged."""
    compiled = {}
    for release in releases:
        _merge(compiled, {key: value for key, value in release.items() if key not in ("id", "date", "tag")})
    date = releases[-1]["date"]
    return {**compiled, "id": f"{compiled['ocid']}-{date}", "date": date, "tag": ["compiled"]}


class YearExport:
    """The data of one fiscal year, read in a constant number of queries."""

    def __init__(self, fiscal_year, item_pk=None):
        self.fiscal_year = fiscal_year
        self.items = (
            PlanItem.objects.filter(
                plan__fiscal_year=fiscal_year, plan__in=ProcurementPlan.objects.published()
            )
            .select_related("plan")
            .order_by("pk")
        )
        if item_pk is not None:  # one contracting process
            self.items = self.items.filter(pk=item_pk)
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
        self.items_of = defaultdict(list)
        for line in TenderItem.objects.filter(project__in=projects).order_by("order", "pk"):
            self.items_of[line.project_id].append(line)
        self.awards = {award.project_id: award for award in Award.objects.filter(project__in=projects)}
        self.progress = defaultdict(list)
        for step in ContractProgress.objects.filter(award__project__in=projects).order_by("date", "pk"):
            self.progress[step.award_id].append(step)
        self.profile = MunicipalityProfile.current()
        # Labels translated once per export, not once per release (thousands of gettext calls).
        self.method_labels = {code: str(label) for code, label in ProcurementMethod.choices}
        self.source_labels = {code: str(label) for code, label in SourceOfFunds.choices}

    def buyer(self):
        """The municipality as referred to in a release: by its tax id where staff entered it
        (stable across publishers, scheme TH-TIN like the suppliers'), otherwise a local id."""
        tax_id = self.profile.tax_id
        return {"id": f"TH-TIN-{tax_id}" if tax_id else BUYER_ID, "name": self.profile.name_th}

    def buyer_party(self, roles):
        party = {**self.buyer(), "roles": roles}
        tax_id, name = self.profile.tax_id, self.profile.name_th
        if tax_id:
            party["identifier"] = {"scheme": "TH-TIN", "id": tax_id, "legalName": name}
        return party

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
            "parties": [self.buyer_party(["buyer", "procuringEntity"])],
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

    @staticmethod
    def _party(bid, roles):
        party = {"id": bid.party_id, "name": bid.bidder_name, "roles": roles}
        if bid.bidder_tax_id:
            party["identifier"] = {"scheme": "TH-TIN", "id": bid.bidder_tax_id, "legalName": bid.bidder_name}
        return party

    def _parties(self, bids, supplier=None):
        parties = [self.buyer_party(["buyer", "procuringEntity"])]
        for bid in bids:
            roles = (
                ["tenderer", "supplier"] if supplier is not None and bid.pk == supplier.pk else ["tenderer"]
            )
            parties.append(self._party(bid, roles))
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
            "numberOfTenderers": len(bids),
        }
        # An empty list is left out, not published as [] (the Data Review Tool flags it).
        if bids:
            tender["tenderers"] = [{"id": bid.party_id, "name": bid.bidder_name} for bid in bids]
        documents = self._documents(project)
        if documents:
            tender["documents"] = documents
        if project.category:
            tender["mainProcurementCategory"] = project.category
        if self.items_of[project.pk]:
            tender["items"] = [{"id": str(line.pk), "description": line.description,
                                "quantity": float(line.quantity), "unit": {"name": line.unit}}
                               for line in self.items_of[project.pk]]
        period = {}
        if invitation:
            period["startDate"] = _datetime(invitation.announced_on)
        if project.bids_close_on:
            period["endDate"] = _datetime(project.bids_close_on)
        if period:
            tender["tenderPeriod"] = period
        release = {
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
        if bids:
            release["bids"] = {"details": [
                {"id": str(bid.pk), "status": bid.status, "value": _value(bid.amount),
                 "tenderers": [{"id": bid.party_id, "name": bid.bidder_name}]} for bid in bids]}
        return release

    def _contract(self, project, award):
        paid = sum(step.amount for step in self.progress[award.pk]
                   if step.stage == ContractProgress.Stage.PAID)
        contract = {
            "id": award.contract_number, "awardID": f"{project.egp_number}-award", "title": project.title,
            # A contract paid in full is over ("terminated" covers completion in the contractStatus codelist).
            "status": "terminated" if paid and paid >= award.contract_amount else "active",
            "value": _value(award.contract_amount), "dateSigned": _datetime(award.contract_date),
            "period": {"startDate": _datetime(award.contract_date)},
        }
        if award.contract_end:
            contract["period"]["endDate"] = _datetime(award.contract_end)
        return contract

    def implementation_release(self, item, project, award):
        """The contract after signature: every progress step, and each payment as a transaction."""
        item_ocid = ocid(item)
        steps = self.progress[award.pk]
        winner = next((bid for bid in self.bids[project.pk] if bid.pk == award.winning_bid_id), None)
        payee = {"id": winner.party_id, "name": winner.bidder_name} if winner else None
        milestones, transactions = [], []
        for step in steps:
            kind, status = MILESTONE[step.stage]
            milestone = {"id": f"progress-{step.pk}", "title": step.description or step.get_stage_display(),
                         "type": kind, "status": status, "dateModified": _datetime(step.date)}
            if status == "met":
                milestone["dateMet"] = _datetime(step.date)
            if step.percent is not None:
                milestone["description"] = f"ความคืบหน้าร้อยละ {step.percent}"
            milestones.append(milestone)
            if step.stage == ContractProgress.Stage.PAID:
                transaction = {"id": f"payment-{step.pk}", "date": _datetime(step.date),
                               "value": _value(step.amount), "payer": self.buyer()}
                if payee:
                    transaction["payee"] = payee
                transactions.append(transaction)
        implementation = {"milestones": milestones}
        if transactions:
            implementation["transactions"] = transactions
        return {
            "ocid": item_ocid,
            "id": f"{item_ocid}-implementation-{project.egp_number}-{steps[-1].pk}",
            "date": _datetime(steps[-1].date),
            "tag": ["implementation"],
            "initiationType": "tender",
            "language": "th",
            "buyer": self.buyer(),
            "parties": [self.buyer_party(["buyer", "procuringEntity", "payer"])]
            + ([self._party(winner, ["supplier", "payee"])] if winner else []),
            "contracts": [{**self._contract(project, award), "implementation": implementation}],
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
            "contracts": [self._contract(project, award)],
        }

    def item_releases(self, item):
        yield self.planning_release(item)
        for project in self.projects[item.pk]:
            yield self.tender_release(item, project)
            award = self.awards.get(project.pk)
            if award:
                yield self.award_release(item, project, award)
                if self.progress[award.pk]:
                    yield self.implementation_release(item, project, award)

    def releases(self):
        for item in self.items.iterator(chunk_size=1000):
            yield from self.item_releases(item)

    def records(self):
        """One record per contracting process: its releases in date order and the compiled release."""
        for item in self.items.iterator(chunk_size=1000):
            releases = sorted(self.item_releases(item), key=lambda release: release["date"])
            yield {"ocid": ocid(item), "releases": releases, "compiledRelease": compiled_release(releases)}
