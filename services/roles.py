"""Who keeps the E-Service catalogue (setup_roles reads this).

Requests themselves are seen by no role: each unit's staff group (created with the unit,
Admin › หน่วยงานผู้รับผิดชอบ) sees its own, checked by membership in services.queue."""
from kpp_portal import roles

PERMISSIONS = {
    roles.CONTENT_EDITORS: (
        roles.crud("services.requesttype") + roles.crud("services.requestfield")
        + roles.crud("services.serviceunit") + roles.crud("services.refusalground")
        + roles.crud("services.appealroute") + roles.crud("services.holiday")
    ),
    # The saraban office keeps the official calendar the working-day deadlines count on.
    roles.GENERAL_AFFAIRS: roles.crud("services.holiday"),
}
