"""Demo content, ITA evidence, sitemap and the home-page slot."""

from django.urls import reverse

from kpp_portal.thai import current_fiscal_year
from procurement.models import Announcement, Award, PlanItem, ProcurementMethod, ProcurementPlan


def test_demo_covers_everything(demo):
    assert set(PlanItem.objects.values_list("method", flat=True)) == set(ProcurementMethod.values)
    # FY 2564 (the seed's ITA year) and the last two fiscal years.
    assert set(ProcurementPlan.objects.values_list("fiscal_year", flat=True)) == {
        2564, current_fiscal_year() - 1, current_fiscal_year()}
    assert Announcement.objects.open_for_comment().exists()
    assert len({award.contract_date.month for award in Award.objects.all()}) >= 3
    assert set(Announcement.objects.values_list("kind", flat=True)) >= {
        "draft_tor",
        "invitation",
        "winner",
        "contract",
    }


def test_ita_evidence_lists_only_what_exists(demo, django_assert_max_num_queries):
    year = current_fiscal_year() - 1
    with django_assert_max_num_queries(5):
        from procurement.ita import evidence

        found = evidence(year)
    assert set(found) == {"procurement-plan", "procurement-announcements", "procurement-monthly",
                          "procurement-progress", "procurement-annual-report"}
    # Only the report whose period is the year asked: an item wanting last year's says so by its window.
    assert [url for _t, url in found["procurement-annual-report"]] == [
        reverse("procurement:annual_report", args=[year])]
    assert found["procurement-plan"][0][1] == reverse("procurement:plan", args=[year])
    assert evidence(2400) == {}


def test_sitemap_and_home_slot(client, demo):
    sitemap = client.get("/sitemap.xml").content.decode()
    assert "/procurement/plan/" in sitemap and "/procurement/project/" in sitemap
    home = client.get(reverse("home")).content.decode()
    assert "ร่าง TOR ที่เปิดรับฟังความคิดเห็น" in home
    latest = (
        Announcement.objects.published().exclude(kind="draft_tor").order_by("-announced_on", "-pk").first()
    )
    assert latest.title in home


def test_demo_pages_render(client, demo):
    year = current_fiscal_year() - 1
    for url in (reverse("procurement:index"), reverse("procurement:plan", args=[year]),
                reverse("procurement:annual_report", args=[year]), reverse("procurement:monthly_index")):
        assert client.get(url).status_code == 200, url
