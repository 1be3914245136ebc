from kpp_portal import roles

# The finance division prepares the figures; the content editors publish them.
PERMISSIONS = {roles.CONTENT_EDITORS: roles.crud("budget.budgetyear") + roles.crud("budget.budgetline")}
