"""Staff roles: the municipality's offices, by the names its staff know them.

What an office may do is each app's own declaration, in its `roles.py`:

    PERMISSIONS = {roles.CONTENT_EDITORS: roles.crud("disclosures.document") + [...]}

and `manage.py setup_roles` creates every group an app names there, with exactly the union of
those lists. The offices below are the ones more than one app grants to; a group only one app
knows is declared in that app's roles.py (the complaint channel's, for one).
"""
CONTENT_EDITORS = "ผู้ดูแลเนื้อหา"
PROCUREMENT_OFFICERS = "เจ้าหน้าที่พัสดุ"
GENERAL_AFFAIRS = "งานธุรการ"


def crud(model_label, actions=("add", "change", "delete", "view")):
    """["app.add_model", "app.change_model", …] for "app.model"."""
    app_label, model = model_label.split(".")
    return [f"{app_label}.{action}_{model}" for action in actions]


def view_only(model_label):
    return crud(model_label, actions=("view",))


def members(group_name):
    """Active users of a staff group, e.g. the officers a report can be assigned to."""
    from django.contrib.auth import get_user_model

    return (get_user_model().objects.filter(groups__name=group_name, is_active=True)
            .select_related("staff_profile").order_by("username"))



def in_group(user, group_name):
    """Membership decides; being a superuser does not (need to know)."""
    return user.is_authenticated and user.is_active and user.groups.filter(name=group_name).exists()

PERMISSIONS = {
    CONTENT_EDITORS: crud("kpp_portal.municipalityprofile", actions=("change", "view")),
    # The names and positions staff sign with (the supervisor memo): kept by the personnel office.
    # and the register of outgoing document numbers (สารบรรณ), which nobody deletes from.
    GENERAL_AFFAIRS: crud("kpp_portal.staffprofile")
    + crud("kpp_portal.outgoingdocument", actions=("add", "change", "view")),
}
