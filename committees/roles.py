from kpp_portal import roles

PERMISSIONS = {
    # Content editors keep the public record of committees, members, meetings and consultations.
    roles.CONTENT_EDITORS: (
        roles.crud("committees.committee")
        + roles.crud("committees.committeeterm")
        + roles.crud("committees.member")
        + roles.crud("committees.meeting")
        + roles.crud("committees.meetingphoto")
        + roles.crud("committees.consultation")
    ),
    # General affairs moderate and answer opinions; they never add one themselves (opinions come
    # only from the public form) and may delete only spam.
    roles.GENERAL_AFFAIRS: (
        roles.view_only("committees.consultation")
        + roles.crud("committees.opinion", actions=("change", "delete", "view"))
    ),
}
