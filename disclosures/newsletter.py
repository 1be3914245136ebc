"""Building a "ซากังราว" issue: staff pick the month's items in the admin, see the PDF, and publish
it into the catalogue's newsletter category (one document per issue, replaced when rebuilt)."""
import datetime

from django.conf import settings
from django.contrib import admin, messages
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kpp_portal import thai
from kpp_portal.models import MunicipalityProfile
from kpp_portal.notices import pdf_response, public_url, qr_data_uri
from kpp_portal.pdf import render_pdf
from kpp_portal.uploads import content_type

from .categories import ensure_default_categories
from .models import Category, Document, NewsletterIssue

# What an editor is offered to pick: the items of the last few months, not every year's.
PICK_DAYS = 100
# What publishing a rebuilt issue writes again in its catalogue document.
PUBLISHED_FIELDS = ["title", "summary", "fiscal_year", "publication_date", "is_published", "attachment"]


def issue_pdf(issue):
    # The municipality's newsletter is in Thai whatever language the editor's admin is in.
    with translation.override(settings.LANGUAGE_CODE):
        return _issue_pdf(issue)


def _issue_pdf(issue):
    return render_pdf("disclosures/newsletter_pdf.html", {
        "issue": issue, "month": thai.format_thai_month(issue.month.year, issue.month.month),
        "news": issue.news.order_by("-publish_at"),
        "announcements": issue.announcements.select_related("project").order_by("announced_on", "pk"),
        "plans": issue.plans.order_by("-fiscal_year"),
        "awards": issue.awards.select_related("project", "winning_bid").order_by("contract_date", "pk"),
        "municipality": MunicipalityProfile.current(),
        "home_url": public_url("/"), "qr": qr_data_uri(public_url("/")),
    })


@transaction.atomic
def publish(issue):
    """The issue's PDF as a published document of the newsletter category."""
    ensure_default_categories(Category)
    data = issue_pdf(issue)
    document = issue.document or Document(category=Category.objects.get(slug=Category.NEWSLETTER))
    document.title = issue.title
    document.summary = issue.editorial[:500]
    document.fiscal_year = thai.fiscal_year_of(issue.month)
    document.publication_date = timezone.localdate()
    document.is_published = True
    document.attachment.save(f"sakangrao-{thai.be_year(issue.month.year)}-{issue.month.month:02d}.pdf",
                             ContentFile(data), save=False)
    document.original_filename = document.attachment.name.rsplit("/", 1)[-1]
    document.content_type, document.file_size = content_type("pdf"), len(data)
    document.save()
    issue.document = document
    issue.save(update_fields=["document"])
    return document


def demo_issue():
    """A sample issue still being put together (the catalogue has the published samples)."""
    today = timezone.localdate()
    NewsletterIssue.objects.get_or_create(month=today.replace(day=1), defaults={
        "title": "หนังสือพิมพ์ประชาสัมพันธ์ข่าวสารเทศบาลเมืองกำแพงเพชร \"ซากังราว\" ฉบับเดือน"
                 f"{thai.format_thai_month(today.year, today.month)} (ตัวอย่าง กำลังจัดทำ)",
        "editorial": "ฉบับนี้รวบรวมข่าวกิจกรรม ประกาศจัดซื้อจัดจ้าง และผลการจัดซื้อจัดจ้างของเดือน (ตัวอย่าง)"})


class NewsletterIssueAdmin(admin.ModelAdmin):
    list_display = ("title", "month", "document")
    filter_horizontal = ("announcements", "plans", "awards", "news")
    actions = ["preview", "publish_issue"]

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        since = timezone.localdate() - datetime.timedelta(days=PICK_DAYS)
        model = db_field.related_model
        recent = {
            "announcements": lambda: model.objects.published().filter(announced_on__gte=since)
            .select_related("project"),
            "plans": lambda: model.objects.published(),
            "awards": lambda: model.objects.published().filter(contract_date__gte=since)
            .select_related("project"),
            "news": lambda: model.objects.published().filter(publish_at__date__gte=since),
        }
        if db_field.name in recent:
            kwargs["queryset"] = recent[db_field.name]()
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    @admin.action(description=gettext_lazy("ดูตัวอย่าง PDF"))
    def preview(self, request, queryset):
        issue = queryset.first()
        return pdf_response(issue_pdf(issue), f"sakangrao-{issue.pk}.pdf")

    @admin.action(description=gettext_lazy("สร้าง PDF และเผยแพร่ในหมวดหนังสือพิมพ์ซากังราว"))
    def publish_issue(self, request, queryset):
        for issue in queryset:
            # The issue and the catalogue document it writes each leave an entry in the admin
            # history, committed with the publication or not at all.
            with transaction.atomic():
                added = issue.document_id is None
                document = publish(issue)
                self.log_change(request, issue, _("สร้าง PDF และเผยแพร่ในหมวดหนังสือพิมพ์ซากังราว"))
                if added:
                    self.log_addition(request, document, [{"added": {}}])
                else:
                    self.log_change(request, document, [{"changed": {"fields": PUBLISHED_FIELDS}}])
        messages.success(request, _("เผยแพร่ %(count)s ฉบับแล้ว") % {"count": queryset.count()})


admin.site.register(NewsletterIssue, NewsletterIssueAdmin)
