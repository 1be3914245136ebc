"""What each staff group may do with corruption reports (setup_roles reads this).

The admin checks group membership itself (complaints.access), so a superuser outside the
legal-affairs group holds these permissions yet is still refused: need to know wins."""
from kpp_portal import roles

PERMISSIONS = {
    roles.LEGAL_AFFAIRS: roles.crud("complaints.corruptionreport")
    + roles.crud("complaints.historicalfigures"),
    roles.SUPERVISORS: roles.view_only("complaints.corruptionreport")
    + roles.view_only("complaints.auditentry"),
}
