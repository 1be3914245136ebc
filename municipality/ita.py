"""OIT evidence from the about pages, news and the Q&A board (topics structure … social).

Only what a citizen can open today is listed; five queries whatever the amount of content
(the identity record comes from the cache)."""
from django.urls import reverse
from django.utils.translation import gettext as _

from kpp_portal.models import MunicipalityProfile

from .models import Division, NewsItem, Page, Person, Question


def evidence(fiscal_year):
    found = {}
    if Division.objects.exists():
        found["structure"] = [(_("โครงสร้างหน่วยงาน"), reverse("municipality:structure"))]
    if Person.objects.exists():
        found["executives"] = [(_("ผู้บริหารและสมาชิกสภาเทศบาล"), reverse("municipality:executives"))]
    for kind, title in Page.objects.filter(is_published=True).values_list("kind", "title"):
        found[kind] = [(title, reverse(f"municipality:{kind}"))]
    profile = MunicipalityProfile.current()
    if profile.address and profile.phone:
        found["contact"] = [(_("ข้อมูลการติดต่อ"), reverse("municipality:contact"))]
    if NewsItem.objects.published().in_fiscal_year(fiscal_year).exists():
        found["news"] = [(_("ข่าวประชาสัมพันธ์"), reverse("municipality:news"))]
    if Question.objects.public().exists():
        found["qa"] = [(_("กระดานถาม-ตอบ (Q&A)"), reverse("municipality:questions"))]
    if profile.facebook_url or profile.line_url or profile.youtube_url:
        found["social"] = [(_("สื่อสังคมออนไลน์ของเทศบาล"), reverse("municipality:social"))]
    return found
