"""The queue at 1280 px: every deadline column in view; the demo gives the filters something to show."""
import io

import pytest

from tests.complaints.conftest import hold_keys
from tests.conftest import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

MEASURE = """() => {
  const box = document.querySelector('.results').getBoundingClientRect();
  const cells = ['acknowledge_due_display', 'conclude_due_display', 'identity_flag'].map(name => {
    const cell = document.querySelector('th.column-' + name).getBoundingClientRect();
    return {name, left: cell.left, right: cell.right};
  });
  const results = document.querySelector('.results');
  const widths = Array.from(document.querySelectorAll('#result_list thead th'))
    .map(th => th.className + ':' + Math.round(th.getBoundingClientRect().width));
  return {widths, cells, boxRight: Math.min(box.right, window.innerWidth),
          scrolls: results.scrollWidth > results.clientWidth + 1,
          page: document.documentElement.scrollWidth > window.innerWidth + 1};
}"""


def test_deadline_columns_fit_at_1280_and_the_demo_fills_both_filters(page, live_server, legal_officer):
    from django_otp.oath import totp
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from complaints import demo

    hold_keys(legal_officer)  # the queue opens only to an officer holding an endorsed key of their own
    demo.load(io.StringIO())
    device = TOTPDevice.objects.create(user=legal_officer, name="โทรศัพท์", confirmed=True)
    page.goto(live_server.url + "/admin/")
    page.fill("#id_username", "legal")
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.get_by_label("รหัสยืนยัน 6 หลัก").fill(f"{totp(device.bin_key):06d}")
    page.get_by_role("button", name="ยืนยัน").click()
    page.wait_for_url(lambda url: url.endswith("/desk/"))
    # The demo has a report due soon and one overdue, so both tiles (and filters) show one.
    assert page.locator("#desk-due_soon .desk-count").inner_text() != "0"
    assert page.locator("#desk-overdue .desk-count").inner_text() != "0"

    page.goto(live_server.url + "/admin/complaints/corruptionreport/")
    assert page.viewport_size["width"] == 1280
    measured = page.evaluate(MEASURE)
    assert not measured["scrolls"] and not measured["page"], measured
    for cell in measured["cells"]:
        assert cell["right"] <= measured["boxRight"], (cell, measured["boxRight"])
    for state in ("overdue", "due_soon"):
        page.goto(f"{live_server.url}/admin/complaints/corruptionreport/?deadline={state}")
        assert page.locator(f"#result_list .deadline.{state}").count() >= 1


SERVICE_MEASURE = MEASURE.replace(
    "['acknowledge_due_display', 'conclude_due_display', 'identity_flag']",
    "['due_display', 'status', 'assigned_display']")


def test_the_eservice_queue_fits_at_1280_with_its_deadline_status_and_officer(page, live_server,
                                                                              django_user_model):
    from services import demo
    from services.models import ServiceRequest, ServiceUnit

    demo.load(io.StringIO())
    officer = django_user_model.objects.create_user(username="works", password=PASSWORD, is_staff=True)
    for unit in ServiceUnit.objects.all():  # a person of several units also gets the unit filter
        officer.groups.add(unit.group)
    ServiceRequest.objects.update(assigned_to=officer)
    page.goto(live_server.url + "/admin/login/")
    page.fill("#id_username", "works")
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.goto(live_server.url + "/admin/services/servicerequest/")
    assert page.viewport_size["width"] == 1280
    measured = page.evaluate(SERVICE_MEASURE)
    assert not measured["scrolls"] and not measured["page"], measured
    for cell in measured["cells"]:
        assert cell["right"] <= measured["boxRight"], (cell, measured["boxRight"], measured["widths"])
