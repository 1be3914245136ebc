from kpp_portal import roles

# Content editors keep the public documents, each assessment year's OIT list (import, edit,
# confirm against the NACC manual) and its evidence links, and the integrity pages.
PERMISSIONS = {
    roles.CONTENT_EDITORS: (
        roles.crud("disclosures.category")
        + roles.crud("disclosures.document")
        + roles.crud("disclosures.assessmentyear")
        + roles.crud("disclosures.oititem")
        + roles.crud("disclosures.integritymeasure")
        + roles.crud("disclosures.measureupdate")
        + roles.crud("disclosures.itaanalysis")
        + roles.crud("disclosures.itaanalysisrow")
        + roles.crud("disclosures.nogiftdeclaration")
        + roles.crud("disclosures.giftrecord")
        + roles.crud("disclosures.giftyearstatement")
        + roles.crud("disclosures.ethicsactivity")
        + roles.crud("disclosures.ethicsassessment")
        + roles.crud("disclosures.eitsurvey")
        + roles.crud("disclosures.newsletterissue")
        + roles.crud("disclosures.indicator")
        + roles.crud("disclosures.indicatorvalue")
        + roles.crud("disclosures.riskentry")
    ),
}
