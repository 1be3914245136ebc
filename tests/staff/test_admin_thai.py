"""Every admin page a staff member sees is Thai: a crawl per role looking for Django's English."""
import gettext as gettext_module
import html
import io
import json
import re
from pathlib import Path

import django.contrib.admin
import pytest
from django.core.management import call_command
from django.utils import translation

from tests.complaints.conftest import verify_second_factor
from tests.conftest import PASSWORD

# Django admin phrases that showed through (or could) when the Thai catalogue lacked them.
ENGLISH = [
    "Start typing to filter", "Filter navigation items", "Show counts", "Hide counts", "Clear all filters",
    "selected", "added successfully", "changed successfully", "deleted successfully", "Recent actions",
    "My actions", "None available", "ไม่ว่าง", "permission", "Select this object", "Select all objects",
    "Skip to main content", "Toggle theme", "Toggle navigation", "Breadcrumbs", "Sidebar", "Add another",
    "Save and", "Delete", "History", "Log out", "Change password", "View site", "Welcome", "Search",
    "Filter", "Action", "Hold down", "Model name", "Add link", "Change or view", "Error:", "Empty",
    "Home", "Show all", "Any date", "Past 7 days", "This month", "This year", "Run the selected", "Yes, I",
    "Unknown", "Currently", "Date:", "Time:", "entries", "doesn’t exist", "Please correct",
    # the delete confirmation and the history
    "Are you sure", "would result in deleting", "would require deleting", "related objects", "Objects",
    "take me back", "Summary", "Date/time", "User", "change history",
]
HIDDEN = re.compile(r"<(script|style|svg|template)\b.*?</\1>", re.S | re.I)
ATTRIBUTES = re.compile(r'\b(?:aria-label|title|placeholder|alt)="([^"]*)"'
                        r'|<input[^>]*type="submit"[^>]*value="([^"]*)"')


def seen_text(page):
    """What a person reads or hears on a page: visible text and the labelling attributes."""
    page = HIDDEN.sub(" ", page)
    labels = " ".join(a or b for a, b in ATTRIBUTES.findall(page))
    text = re.sub(r"<[^>]+>", " ", page)
    return html.unescape(f"{text} {labels}")


def leftovers(page):
    text = seen_text(page)
    return [phrase for phrase in ENGLISH if re.search(rf"(?<![A-Za-z]){re.escape(phrase)}(?![a-z])", text)]


def test_the_checker_finds_english_and_the_catalogue_is_what_fixes_it():
    page = ('<div id="changelist-filter"><h2>ตัวกรอง</h2><a href="?_facets=True">Show counts</a>'
            '<input type="text" placeholder="Start typing to filter…">'
            '<script>gettext("Delete")</script></div>')
    assert leftovers(page) == ["Start typing to filter", "Show counts"]
    with translation.override("th"):
        assert translation.gettext("Show counts") == "แสดงจำนวน"
        assert translation.gettext("None available") == "ยังไม่มีรายการ"
    # Django's own Thai alone, without the project's catalogue, is wrong or English here.
    admin_locale = Path(django.contrib.admin.__file__).parent / "locale"
    django_only = gettext_module.translation("django", admin_locale, ["th"])
    assert django_only.gettext("None available") == "ไม่ว่าง"  # "busy"
    assert django_only.gettext("Show counts") == "Show counts"
    django_js = gettext_module.translation("djangojs", admin_locale, ["th"])
    assert django_js.ngettext("%(sel)s of %(cnt)s selected", "", 2) == "%(sel)s จาก %(cnt)s selected"


@pytest.mark.django_db
def test_the_javascript_catalogue_is_thai(client, editor):
    client.login(username="editor", password=PASSWORD)
    catalogue = client.get("/admin/jsi18n/").content.decode("utf-8")

    def escaped(text):  # the catalogue is JSON with \\u escapes
        return json.dumps(text)[1:-1]

    assert escaped("เลือกแล้ว %(sel)s จาก %(cnt)s รายการ") in catalogue
    assert escaped("%(sel)s จาก %(cnt)s selected") not in catalogue
    assert escaped("เลือก%sทั้งหมด") in catalogue


ROLES = ["editor", "procurement_officer", "general_affairs", "legal_officer", "supervisor", "refused_staff"]
ADMIN_LINK = re.compile(r'href="(/admin/[a-z_]+/[a-z_]+/(?:add/)?)"')
FIRST_ROW = re.compile(r'<th class="field-[^"]*"><a href="(/admin/[a-z_]+/[a-z_]+/\d+/change/[^"]*)"')


@pytest.mark.parametrize("role", ROLES)
def test_staff_pages_have_no_english_leftovers(client, request, demo, role):
    user = request.getfixturevalue(role)
    if role in ("legal_officer", "supervisor"):
        verify_second_factor(client, user)
    else:
        client.login(username=user.username, password=PASSWORD)
    home = client.get("/admin/", follow=True)
    pages, queue, found = {}, [home.request["PATH_INFO"]], {}
    pages[queue[0]] = home.content.decode()
    for url in sorted(set(ADMIN_LINK.findall(pages[queue[0]]))):
        queue.append(url)
    for url in queue:
        if url not in pages:
            response = client.get(url)
            if response.status_code != 200:
                continue
            pages[url] = response.content.decode()
        if not url.endswith(("add/", "change/")) and "/change/" not in url:
            first = FIRST_ROW.search(pages[url])
            if first and html.unescape(first.group(1)) not in queue:
                queue.append(html.unescape(first.group(1)))
    for url, page in pages.items():
        english = leftovers(page)
        if english:
            found[url] = english
    assert len(pages) >= (1 if role == "refused_staff" else 5)  # a role-less account sees the index only
    assert not found, found


@pytest.mark.parametrize("role", ["editor", "legal_officer"])
def test_each_list_page_is_named_for_what_it_lists(client, request, db, role):
    """Not Django's "เลือก … เพื่อเปลี่ยนแปลง": the list's name as its heading and title."""
    from django.contrib import admin
    from django.urls import reverse

    user = request.getfixturevalue(role)
    if role == "legal_officer":
        verify_second_factor(client, user)
    else:
        client.login(username=user.username, password=PASSWORD)
    seen = 0
    for model in admin.site._registry:
        response = client.get(reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist"))
        if response.status_code != 200:
            continue
        seen += 1
        page = response.content.decode()
        heading = re.search(r"<h1>(.*?)</h1>", page, re.S).group(1).strip()
        assert "เลือก" not in heading and "เพื่อ" not in heading, (model, heading)
        named = str(model._meta.verbose_name)
        assert heading == named or model._meta.label == "services.ServiceRequest", heading
    assert seen >= 2
    if role == "legal_officer":
        page = client.get(reverse("admin:complaints_corruptionreport_changelist")).content.decode()
        assert "<h1>เรื่องร้องเรียนการทุจริต</h1>" in page


@pytest.mark.django_db
def test_the_login_and_second_factor_pages_have_no_english_leftovers(client, legal_officer):
    from django.urls import reverse
    from django_otp.plugins.otp_totp.models import TOTPDevice

    assert leftovers(client.get("/admin/login/").content.decode()) == []
    TOTPDevice.objects.create(user=legal_officer, name="โทรศัพท์", confirmed=True)
    client.force_login(legal_officer)
    verify = client.get(reverse("admin:complaints_corruptionreport_verify")).content.decode()
    assert "ยืนยันตัวตนขั้นที่สอง" in verify and leftovers(verify) == []


def test_delete_and_history_pages_have_no_english_leftovers(demo, settings, django_user_model):
    # The crawl above opens lists and forms. Here each model admin's history and delete
    # confirmation, opened by whoever may: a superuser, or (need to know beats superuser) a legal
    # officer or supervisor after the second factor, a procurement officer, or an officer of a
    # request's unit. They are the demo accounts, which bring the demo's signatures and the
    # supervisor's approved request to join.
    from django.contrib import admin
    from django.test import Client
    from django.urls import reverse

    from complaints.models import AuditEntry, CorruptionReport

    settings.DEBUG = True  # demo_accounts refuses to run without it
    call_command("demo_accounts", stdout=io.StringIO())
    settings.DEBUG = False
    staff = {user.username: user for user in django_user_model.objects.filter(is_staff=True)}
    readers = []
    for name in ("admin", "legal", "supervisor", "procurement", "office", "works"):
        readers.append(Client())
        if name in ("legal", "supervisor"):
            verify_second_factor(readers[-1], staff[name])
        else:
            readers[-1].force_login(staff[name])
    supervisor = staff["supervisor"]
    # A supervisor reads the audit of the reports escalated to him.
    entry = AuditEntry.objects.order_by("pk").first()
    CorruptionReport.objects.filter(reference=entry.report_reference).update(escalated_to=supervisor)

    opened, refused, found = set(), {}, {}
    with_rows = [model for model in admin.site._registry if model._default_manager.exists()]
    # The demo gives every model admin a row, so that none goes unread here.
    assert [model.__name__ for model in admin.site._registry if model not in with_rows] == []
    for model in with_rows:
        obj = model._default_manager.order_by("pk").first()
        for view in ("history", "delete"):
            url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=[obj.pk])
            statuses = []
            for reader in readers:
                response = reader.get(url)
                statuses.append(response.status_code)
                if response.status_code == 200:
                    opened.add((model, view))
                    if english := leftovers(response.content.decode()):
                        found[url] = english
                    break
            else:
                refused[url] = statuses
    print(f"{len(opened)} pages opened; refused: {refused}")
    assert not found, found
    assert {model for model, view in opened if view == "history"} == set(with_rows), refused
    # A delete page that does not open is one the admin refuses to everyone (the record stays).
    assert all(status == 403 for statuses in refused.values() for status in statuses), refused
    assert len({model for model, view in opened if view == "delete"}) > len(with_rows) // 2
