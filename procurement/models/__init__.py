"""Procurement under the Public Procurement and Supplies Administration Act B.E. 2560. A fiscal
year's ProcurementPlan lists PlanItems; an item becomes one or more e-GP ProcurementProjects, each
with its Announcements (draft TOR, invitation, winner, cancellation, contract), Bids and at most one
Award. Money is Decimal baht with satang throughout. One module per sub-domain, every name re-
exported here."""
from .awards import Award, AwardQuerySet, Bid, BidStatus, ContractProgress
from .committees import CommitteeMember, CommitteeRole, ProcurementTraining, same_person
from .plans import PlanItem, PlanQuerySet, PlanRevision, ProcurementPlan, ProcurementYearReview
from .projects import (
    Announcement,
    AnnouncementKind,
    AnnouncementQuerySet,
    HearingComment,
    ProcurementCategory,
    ProcurementProject,
    ProjectQuerySet,
    TenderItem,
)
from .rules import (
    ABSURD_BID_FACTOR,
    DOCUMENT_KINDS,
    MONEY_FIELD,
    MONEY_MAX,
    OCDS_METHOD,
    PLAN_PUBLICATION_DAYS,
    ProcurementMethod,
    ProcurementThreshold,
    SourceOfFunds,
    ThresholdQuerySet,
    money_field,
)

__all__ = [
    "MONEY_MAX", "MONEY_FIELD", "PLAN_PUBLICATION_DAYS", "ABSURD_BID_FACTOR", "DOCUMENT_KINDS",
    "money_field", "ProcurementMethod", "OCDS_METHOD", "SourceOfFunds", "ThresholdQuerySet",
    "ProcurementThreshold", "PlanQuerySet", "ProcurementPlan", "PlanRevision", "PlanItem",
    "ProcurementYearReview", "ProcurementCategory", "ProjectQuerySet", "ProcurementProject",
    "AnnouncementKind", "AnnouncementQuerySet", "Announcement", "HearingComment", "TenderItem",
    "BidStatus", "Bid", "AwardQuerySet", "Award", "ContractProgress", "CommitteeRole", "CommitteeMember",
    "ProcurementTraining", "same_person",
]
