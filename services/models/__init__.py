"""E-Service: requests to the municipality filed online, with a reference, a follow-up code and a
time limit in working days; official-information requests (Official Information Act 2540, section
11) among them. Kept apart from the anti-corruption channel (complaints) and the general opinion
channel (feedback): no table is shared with either. One module per sub-domain, every name re-
exported here."""
from .appeals import OPEN_APPEAL_STATUSES, AppealOutcome, AppealStatus, InformationAppeal
from .duplicates import RecentFiling
from .personal_data import RIGHTS_HANDING_OVER_DATA, IdentityCheck, IdentityMethod, PersonalDataRight
from .records import EmailNotice, RequestEvent, RequestFile
from .records import _file_path as _file_path
from .requests import FOLLOW_UP_SALT, ServiceRequest, ServiceRequestQuerySet, WorkflowError, due_soon_until
from .requests import _follow_up_digest as _follow_up_digest
from .states import (
    GENERAL_OUTCOMES,
    INFORMATION_OUTCOMES,
    OPEN_STATUSES,
    OUTCOMES_WITH_GROUNDS,
    OUTCOMES_WITH_REASONS,
    PERSONAL_DATA_OUTCOMES,
    Outcome,
    Status,
)
from .units import (
    DETAILS_MAX_CHARS,
    FILE_KINDS,
    FOLLOW_UP_LENGTH,
    QUEUE_PERMISSION,
    REFERENCE_PREFIX,
    SINGLE_KINDS,
    UNIT_GROUP_PREFIX,
    AppealRoute,
    FieldKind,
    Holiday,
    RefusalGround,
    RequestField,
    RequestType,
    RequestTypeQuerySet,
    ServiceUnit,
)

__all__ = [
    "Status", "OPEN_STATUSES", "Outcome", "GENERAL_OUTCOMES", "INFORMATION_OUTCOMES",
    "OUTCOMES_WITH_GROUNDS", "REFERENCE_PREFIX", "UNIT_GROUP_PREFIX", "QUEUE_PERMISSION",
    "FOLLOW_UP_LENGTH", "FOLLOW_UP_SALT", "DETAILS_MAX_CHARS", "FILE_KINDS", "ServiceUnit",
    "RequestTypeQuerySet",
    "RequestType", "FieldKind", "SINGLE_KINDS", "RequestField", "Holiday", "AppealRoute",
    "RefusalGround", "RequestEvent", "RequestFile", "EmailNotice", "WorkflowError",
    "due_soon_until", "ServiceRequestQuerySet", "ServiceRequest", "PersonalDataRight", "IdentityMethod",
    "IdentityCheck", "RIGHTS_HANDING_OVER_DATA", "InformationAppeal", "AppealStatus", "AppealOutcome",
    "OPEN_APPEAL_STATUSES", "RecentFiling", "PERSONAL_DATA_OUTCOMES", "OUTCOMES_WITH_REASONS",
]
