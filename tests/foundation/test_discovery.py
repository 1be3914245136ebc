"""Per-app contracts are found by one helper over the app registry, in INSTALLED_APPS order."""
from django.conf import settings

from kpp_portal.discovery import app_modules, is_portal_app, portal_app_labels


def test_only_this_projects_apps_take_part_in_installed_order():
    labels = portal_app_labels()
    assert "kpp_portal" in labels and "complaints" in labels
    assert not any(is_portal_app(label) for label in ("admin", "auth", "django_otp", "crispy_forms"))
    order = [app.split(".")[-1] for app in settings.INSTALLED_APPS]
    assert list(labels) == sorted(labels, key=order.index)


def test_app_modules_finds_each_apps_contract_module():
    demo_apps = [label for label, _module in app_modules("demo")]
    assert demo_apps[0] == "kpp_portal" and "complaints" in demo_apps
    assert all(hasattr(module, "load") for _label, module in app_modules("demo"))
    assert app_modules("no_such_module") == []
