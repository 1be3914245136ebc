"""Crafted procurement data: a small factory for plans, projects, bids and awards."""
import datetime
from decimal import Decimal
from itertools import count

import pytest

from procurement.models import (
    Announcement,
    AnnouncementKind,
    Award,
    Bid,
    PlanItem,
    ProcurementMethod,
    ProcurementPlan,
    ProcurementProject,
)

FISCAL_YEAR = 2569  # 1 Oct 2025 – 30 Sep 2026
_numbers = count(1)


class Factory:
    def plan(self, fiscal_year=FISCAL_YEAR, approved=datetime.date(2025, 9, 20),
             published=datetime.date(2025, 10, 5)):
        plan, _created = ProcurementPlan.objects.get_or_create(
            fiscal_year=fiscal_year, defaults={"budget_approved_on": approved, "published_on": published})
        return plan

    def item(self, plan=None, budget="1000000.00", method=ProcurementMethod.E_BIDDING, division="กองช่าง",
             month=datetime.date(2025, 11, 1), title=None):
        return PlanItem.objects.create(
            plan=plan or self.plan(), title=title or f"งานทดสอบ {next(_numbers)}", budget=Decimal(budget),
            method=method, planned_month=month, division=division)

    def project(self, item=None, reference="1000000.00", method=None, **item_args):
        if item is None:
            item = self.item(method=method or ProcurementMethod.E_BIDDING, **item_args)
        return ProcurementProject.objects.create(
            plan_item=item,
            egp_number=f"6{next(_numbers):010d}",
            title=item.title,
            method=method or item.method,
            reference_price=Decimal(reference),
            reference_price_basis="สืบราคาจากท้องตลาด",
        )

    def announce(self, project, kind=AnnouncementKind.INVITATION, day=datetime.date(2025, 11, 10), **extra):
        return Announcement.objects.create(project=project, kind=kind, title=f"{kind} {project.title}",
                                           announced_on=day, **extra)

    def awarded(
        self,
        amounts=("950000.00", "990000.00"),
        contract_amount=None,
        contract_date=datetime.date(2025, 12, 5),
        winner="บริษัท ก จำกัด",
        **project_args,
    ):
        """A project with its invitation, bids (the first bidder is `winner`) and an award."""
        project = self.project(**project_args)
        self.announce(project, day=contract_date - datetime.timedelta(days=20))
        bids = [Bid.objects.create(project=project, bidder_name=winner if n == 0 else f"ผู้เสนอราคา {n}",
                                   amount=Decimal(amount)) for n, amount in enumerate(amounts)]
        return Award.objects.create(
            project=project, winning_bid=bids[0], contract_amount=Decimal(contract_amount or amounts[0]),
            contract_number=f"{next(_numbers)}/2569", contract_date=contract_date)


@pytest.fixture
def make(db):
    return Factory()
