"""The complaint channel's staff groups, and what each may do with corruption reports
(setup_roles reads PERMISSIONS, demo_accounts DEMO_ACCOUNTS, through kpp_portal.discovery).

The admin checks group membership itself (complaints.access), so a superuser outside the
legal-affairs group holds these permissions yet is still refused: need to know wins."""
from kpp_portal import roles

LEGAL_AFFAIRS = "ฝ่ายนิติการ"
SUPERVISORS = "ผู้บังคับบัญชา"

# The groups that reach corruption reports: joining one takes two people (complaints/accounts.py).
COMPLAINT_GROUPS = (LEGAL_AFFAIRS, SUPERVISORS)

PERMISSIONS = {
    LEGAL_AFFAIRS: roles.crud("complaints.corruptionreport")
    + roles.crud("complaints.historicalfigures"),
    SUPERVISORS: roles.view_only("complaints.corruptionreport")
    + roles.view_only("complaints.auditentry"),
}

# Demo logins for these groups on a newcomer's laptop: (username, group, (full name, position)
# of the StaffProfile that signs or receives the supervisor memo).
DEMO_ACCOUNTS = (
    ("legal", LEGAL_AFFAIRS, ("นางสาวตัวอย่าง ใจซื่อ", "นิติกรชำนาญการ (ตัวอย่าง)")),
    ("supervisor", SUPERVISORS, ("นายตัวอย่าง รักษ์ธรรม", "ปลัดเทศบาล (ตัวอย่าง)")),
)
