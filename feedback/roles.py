from kpp_portal import roles

PERMISSIONS = {
    # General affairs answer what citizens send; they never add messages themselves (those come
    # only from the public form) and never delete one (its reference number is its receipt).
    roles.GENERAL_AFFAIRS: roles.crud("feedback.feedbackmessage", actions=("change", "view"))
    + roles.crud("feedback.centrecase", actions=("add", "change", "view")),
}
