"""Plans, projects and their announcements in the portal-wide search (see search/sources.py).

All of them are public from the day their year's plan is published; an announcement also not
before its own date."""
from search.models import Section
from search.sources import Entry, Source

from .models import Announcement, Bid, PlanItem, ProcurementPlan, ProcurementProject


class PlanSource(Source):
    model = ProcurementPlan
    section = Section.PROCUREMENT

    def objects(self):
        return ProcurementPlan.objects.exclude(published_on=None)

    def entry(self, plan):
        return Entry(title=str(plan), text=plan.note, url=plan.get_absolute_url(), date=plan.published_on,
                     visible_from=plan.published_on)


class ProjectSource(Source):
    model = ProcurementProject
    section = Section.PROCUREMENT
    follows = {ProcurementPlan: "plan_item__plan", PlanItem: "plan_item", Announcement: "announcements",
               Bid: "bids"}

    def objects(self):
        return (ProcurementProject.objects.exclude(plan_item__plan__published_on=None)
                .select_related("plan_item__plan").prefetch_related("announcements", "bids"))

    def entry(self, project):
        plan = project.plan_item.plan
        bidders = " ".join(bid.bidder_name for bid in project.bids.all())
        first = min((announcement.announced_on for announcement in project.announcements.all()), default=None)
        return Entry(
            title=project.title, url=project.get_absolute_url(), date=first or plan.published_on,
            text=(f"{project.egp_number} {project.get_method_display()} {project.plan_item.division} "
                  f"{project.reference_price_basis} {bidders}"),
            visible_from=plan.published_on,
        )


class AnnouncementSource(Source):
    model = Announcement
    section = Section.PROCUREMENT
    follows = {ProcurementPlan: "project__plan_item__plan", ProcurementProject: "project"}

    def objects(self):
        return (Announcement.objects.exclude(project__plan_item__plan__published_on=None)
                .select_related("project__plan_item__plan"))

    def entry(self, announcement):
        project = announcement.project
        return Entry(
            title=announcement.title, url=announcement.get_absolute_url(), date=announcement.announced_on,
            text=f"{announcement.get_kind_display()} {project.egp_number}",
            visible_from=max(announcement.announced_on, project.plan_item.plan.published_on),
            # The document's own words are found too (search/files.py); its URL is not kept in the
            # index (a signed storage URL expires): the result leads to the project's page.
            file=announcement.document or None,
        )


SOURCES = [PlanSource(), ProjectSource(), AnnouncementSource()]
