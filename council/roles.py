from kpp_portal import roles

_RECORD = ("term", "councilmember", "session", "meeting", "agendaitem", "meetingdocument", "attendance",
           "motion", "vote")

PERMISSIONS = {
    # The council's clerks work within the content editors' office: they keep the public record
    # of sittings, agendas, minutes and votes.
    roles.CONTENT_EDITORS: [perm for model in _RECORD for perm in roles.crud(f"council.{model}")],
}
