import pytest

from disclosures.models import Category

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_subscription_form_and_the_leave_page_fit_a_phone(phone_page, live_server):
    Category.objects.create(name="ประกาศรับสมัครงานของเทศบาลและหน่วยงานในสังกัด", slug="jobs")
    phone_page.goto(live_server.url + "/alerts/?topic=disclosures.category&value=jobs")
    assert phone_page.locator("#alert-chosen").is_visible()
    phone_page.get_by_role("button", name="สมัครรับแจ้งเตือน").click()  # no address: refused in Thai
    assert phone_page.locator("#id_email_error").is_visible()
    assert phone_page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    phone_page.goto(live_server.url + "/alerts/leave/no-such-token/")
    assert phone_page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
