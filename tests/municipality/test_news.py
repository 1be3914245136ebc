import datetime
import xml.etree.ElementTree as ET

import pytest
import time_machine
from django.urls import reverse

from municipality.models import NewsCategory, NewsItem

from .conftest import NOW

pytestmark = pytest.mark.django_db
DAY = datetime.timedelta(days=1)


@time_machine.travel(NOW, tick=False)
def test_published_follows_publish_and_expire_times(make_news):
    live = make_news("ข่าวที่เผยแพร่แล้ว", publish_at=NOW - DAY)
    make_news("ข่าวฉบับร่าง", publish_at=None)
    make_news("ข่าวตั้งเวลา", publish_at=NOW + DAY)
    make_news("ข่าวหมดอายุ", publish_at=NOW - 3 * DAY, expire_at=NOW - DAY)
    ending = make_news("ข่าวใกล้หมดอายุ", publish_at=NOW - DAY, expire_at=NOW + DAY)
    assert set(NewsItem.objects.published()) == {live, ending}


def test_scheduled_news_appears_at_its_time_and_goes_at_expiry(client, make_news):
    item = make_news("ข่าวตั้งเวลา", publish_at=NOW + datetime.timedelta(hours=2),
                     expire_at=NOW + 3 * DAY)
    with time_machine.travel(NOW, tick=False):
        assert client.get(item.get_absolute_url()).status_code == 404
        assert "ข่าวตั้งเวลา" not in client.get(reverse("municipality:news")).content.decode()
        assert "ข่าวตั้งเวลา" not in client.get("/").content.decode()
    with time_machine.travel(NOW + datetime.timedelta(hours=2, seconds=1), tick=False):
        assert client.get(item.get_absolute_url()).status_code == 200
        assert "ข่าวตั้งเวลา" in client.get(reverse("municipality:news")).content.decode()
        assert "ข่าวตั้งเวลา" in client.get("/").content.decode()
    with time_machine.travel(NOW + 3 * DAY, tick=False):
        assert client.get(item.get_absolute_url()).status_code == 404


@time_machine.travel(NOW, tick=False)
def test_list_and_detail_show_buddhist_era_dates(client, make_news):
    item = make_news("ประชุมสภา", publish_at=NOW - DAY, slug="council-meeting")
    listing = client.get(reverse("municipality:news")).content.decode()
    assert "24 พฤศจิกายน 2569" in listing
    detail = client.get(item.get_absolute_url())
    assert detail.status_code == 200
    assert "24 พฤศจิกายน 2569" in detail.content.decode()
    assert item.get_absolute_url() == f"/news/{item.pk}-council-meeting/"


@time_machine.travel(NOW, tick=False)
def test_detail_redirects_to_canonical_address(client, make_news):
    item = make_news(slug="right-slug")
    response = client.get(f"/news/{item.pk}-wrong-slug/")
    assert response.status_code == 301 and response["Location"] == item.get_absolute_url()
    assert client.get(f"/news/{item.pk}/").status_code == 301


@time_machine.travel(NOW, tick=False)
def test_news_text_with_html_is_shown_as_text(client, make_news):
    item = make_news('<script>alert("x")</script>', body="<b>ตัวหนา</b>")
    page = client.get(item.get_absolute_url()).content.decode()
    assert '<script>alert("x")</script>' not in page
    assert "&lt;script&gt;" in page and "&lt;b&gt;ตัวหนา&lt;/b&gt;" in page


@time_machine.travel(NOW, tick=False)
def test_category_filter_and_bad_parameters(client, make_news):
    other = NewsCategory.objects.create(name="ประกาศ", slug="announcements")
    make_news("ข่าวกิจกรรมหนึ่ง")
    make_news("ประกาศหนึ่ง", category=other)
    page = client.get(reverse("municipality:news"), {"category": "announcements"}).content.decode()
    assert "ประกาศหนึ่ง" in page and "ข่าวกิจกรรมหนึ่ง" not in page
    unknown = client.get(reverse("municipality:news"), {"category": "<nope>"})
    assert unknown.status_code == 200 and "ไม่พบหมวดข่าวที่เลือก" in unknown.content.decode()
    assert client.get(reverse("municipality:news"), {"page": "abc"}).status_code == 200
    assert client.get(reverse("municipality:news"), {"page": "999"}).status_code == 200


@time_machine.travel(NOW, tick=False)
def test_pagination_keeps_category(client, make_news, category, settings):
    settings.PAGE_SIZE = 10
    for number in range(12):
        make_news(f"ข่าวที่ {number}", publish_at=NOW - (number + 1) * DAY)
    page = client.get(reverse("municipality:news"), {"category": "activities"}).content.decode()
    assert "หน้า 1 จาก 2" in page
    assert "?category=activities&amp;page=2" in page


@time_machine.travel(NOW, tick=False)
def test_newsletter_issues_are_linked(client):
    page = client.get(reverse("municipality:news")).content.decode()
    assert "/disclosures/?category=newsletter" in page and "ซากังราว" in page


@time_machine.travel(NOW, tick=False)
def test_feeds_list_only_published_news(client, make_news):
    make_news("ข่าวในฟีด")
    make_news("ข่าวอนาคต", publish_at=NOW + DAY)
    rss = client.get(reverse("municipality:news_rss"))
    assert rss.status_code == 200 and rss["Content-Type"].startswith("application/rss+xml")
    titles = [node.text for node in ET.fromstring(rss.content).iter("item/title")] or [
        node.findtext("title") for node in ET.fromstring(rss.content).iter("item")
    ]
    assert titles == ["ข่าวในฟีด"]
    atom = client.get(reverse("municipality:news_atom"))
    assert atom["Content-Type"].startswith("application/atom+xml")
    assert "ข่าวในฟีด" in atom.content.decode() and "ข่าวอนาคต" not in atom.content.decode()


@pytest.mark.parametrize("count", [3, 30])
def test_news_list_queries_do_not_grow(client, make_news, count, django_assert_max_num_queries, photo_upload):
    with time_machine.travel(NOW, tick=False):
        for number in range(count):
            item = make_news(f"ข่าว {number}", publish_at=NOW - (number + 1) * DAY)
        item.set_picture(photo_upload)
        item.image_alt = "ภาพ"
        item.save()
        client.get("/")  # warm the identity-record cache like any running site
        with django_assert_max_num_queries(4):
            response = client.get(reverse("municipality:news"))
        assert response.status_code == 200


@time_machine.travel(NOW, tick=False)
def test_preview_is_for_content_editors_only(client, make_news, editor, refused_staff, outsider_superuser):
    from tests.conftest import PASSWORD

    draft = make_news("ร่างข่าวลับ", publish_at=None)
    url = draft.get_preview_url()
    anonymous = client.get(url)
    assert anonymous.status_code == 302 and "/admin/login/" in anonymous["Location"]
    assert client.get(draft.get_absolute_url()).status_code == 404

    client.login(username=refused_staff.username, password=PASSWORD)
    assert client.get(url).status_code == 403
    client.login(username=outsider_superuser.username, password=PASSWORD)
    assert client.get(url).status_code == 403

    client.login(username=editor.username, password=PASSWORD)
    response = client.get(url)
    assert response.status_code == 200
    assert "ร่างข่าวลับ" in response.content.decode() and "ตัวอย่างก่อนเผยแพร่" in response.content.decode()
    assert "no-cache" in response.get("Cache-Control", "") or "max-age=0" in response.get("Cache-Control", "")


def test_expiry_before_publication_is_refused(category):
    from django.core.exceptions import ValidationError

    item = NewsItem(title="ข่าว", body="x", category=category, publish_at=NOW, expire_at=NOW - DAY)
    with pytest.raises(ValidationError) as error:
        item.full_clean()
    assert "expire_at" in error.value.message_dict
