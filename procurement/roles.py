from kpp_portal import roles

PERMISSIONS = {
    roles.PROCUREMENT_OFFICERS: (
        roles.crud("procurement.procurementplan")
        + roles.crud("procurement.planrevision")
        + roles.crud("procurement.planitem")
        + roles.crud("procurement.procurementproject")
        + roles.crud("procurement.announcement")
        + roles.crud("procurement.bid")
        + roles.crud("procurement.award")
        + roles.crud("procurement.tenderitem")
        + roles.crud("procurement.contractprogress")
        + roles.crud("procurement.procurementyearreview")
        + roles.crud("procurement.committeemember")
        + roles.crud("procurement.procurementtraining")
        + roles.crud("procurement.hearingcomment", actions=("change", "view"))
        + roles.view_only("procurement.procurementthreshold")
    ),
}
