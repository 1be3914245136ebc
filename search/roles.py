from kpp_portal import roles

PERMISSIONS = {
    # The content editors keep the list of services a search names.
    roles.CONTENT_EDITORS: roles.crud("search.serviceshortcut"),
}
