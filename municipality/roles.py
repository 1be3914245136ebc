from kpp_portal import roles

_CONTENT = ("municipality.division", "municipality.person", "municipality.page", "municipality.pagereference",
            "municipality.newscategory", "municipality.newsitem", "municipality.question")

PERMISSIONS = {
    roles.CONTENT_EDITORS: [perm for model in _CONTENT for perm in roles.crud(model)]
    + roles.view_only("municipality.pageversion"),
    # General affairs answers the Q&A board too, but does not delete citizens' questions.
    roles.GENERAL_AFFAIRS: roles.crud("municipality.question", actions=("change", "view")),
}
