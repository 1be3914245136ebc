from kpp_portal import roles

# Content editors keep the public documents, the checklist links and the integrity pages.
# OIT items themselves come from data files: editors link evidence, they do not add or delete items.
PERMISSIONS = {
    roles.CONTENT_EDITORS: (
        roles.crud("disclosures.category")
        + roles.crud("disclosures.document")
        + roles.crud("disclosures.oititem", actions=("change", "view"))
        + roles.crud("disclosures.integritymeasure")
        + roles.crud("disclosures.measureupdate")
        + roles.crud("disclosures.itaanalysisrow")
        + roles.crud("disclosures.indicator")
        + roles.crud("disclosures.indicatorvalue")
        + roles.crud("disclosures.riskentry")
    ),
}
