from kpp_portal import roles

PERMISSIONS = {
    # The content editors keep the list of services a search names.
    # ...and see what the search read of the published files, sending a failed one back.
    roles.CONTENT_EDITORS: [*roles.crud("search.serviceshortcut"),
                            *roles.crud("search.filetext", ("change", "view"))],
}
