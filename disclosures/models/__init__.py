"""Public information of the municipality, the ITA/OIT checklist it is assessed on each year, its
integrity measures, its corruption-risk register and its ethics and gifts records: one module per
sub-domain, every model re-exported here."""
from .assessment import (
    AssessmentYear,
    AssessmentYearQuerySet,
    CurrentAssessment,
    EITSurvey,
    EITSurveyQuerySet,
    EvidenceKind,
    EvidenceWindow,
    ITAAnalysis,
    ITAAnalysisRow,
    OITItem,
    OITItemQuerySet,
    TopicsField,
)
from .catalogue import (
    ATTACHMENT_KINDS,
    FISCAL_YEAR_LABEL,
    Category,
    Document,
    DocumentQuerySet,
    attachment_path,
    document_url,
    fiscal_year_field,
    readable_slug,
)
from .ethics import (
    NACC_GIFT_LIMIT,
    EthicsActivity,
    EthicsAssessment,
    GiftRecord,
    GiftYearStatement,
    NoGiftDeclaration,
)
from .integrity import Indicator, IndicatorValue, IntegrityMeasure, MeasureUpdate
from .newsletter import NewsletterIssue
from .risk import RiskEntry, RiskLevel, risk_level

__all__ = [
    "ATTACHMENT_KINDS", "readable_slug", "document_url", "FISCAL_YEAR_LABEL", "fiscal_year_field", "Category",
    "DocumentQuerySet", "attachment_path", "Document", "TopicsField", "CurrentAssessment",
    "AssessmentYearQuerySet", "AssessmentYear", "OITItemQuerySet", "EvidenceWindow", "EvidenceKind",
    "OITItem", "ITAAnalysis", "ITAAnalysisRow", "EITSurveyQuerySet", "EITSurvey",
    "IntegrityMeasure", "MeasureUpdate", "Indicator", "IndicatorValue", "RiskLevel", "risk_level",
    "RiskEntry", "NACC_GIFT_LIMIT", "NoGiftDeclaration", "GiftRecord", "GiftYearStatement",
    "EthicsActivity", "EthicsAssessment", "NewsletterIssue",
]
