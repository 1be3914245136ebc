"""Back office for content editors. Every admin write leaves Django's LogEntry (who, when, which
fields); page texts additionally keep full versions that citizens can open."""
from django.conf import settings
from django.contrib import admin, messages
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from kpp_portal import thai

from .forms import NewsItemAdminForm, PersonAdminForm
from .models import Division, NewsCategory, NewsItem, Page, PageReference, PageVersion, Person, Question


def _thumbnail(obj):
    picture = obj.picture
    if not picture:
        return "—"
    smallest = picture.sizes[0]
    return format_html('<img src="{}" alt="" width="80">', picture.storage.url(smallest["name"]))


@admin.register(Division)
class DivisionAdmin(admin.ModelAdmin):
    list_display = ("name", "kind", "parent", "head_position", "order")
    list_filter = ("kind",)
    list_select_related = ("parent",)
    search_fields = ("name", "head_position")
    list_editable = ("order",)


@admin.register(Person)
class PersonAdmin(admin.ModelAdmin):
    form = PersonAdminForm
    list_display = ("position", "name", "body", "term_start", "term_end", "phone", "email", "photo", "order")
    list_filter = ("body",)
    search_fields = ("position", "name")
    list_editable = ("order",)
    readonly_fields = ("current_photo",)
    fields = ("body", "position", "name", "term_start", "term_end", "phone", "email", "note", "order",
              "current_photo", "picture_upload", "picture_remove")

    @admin.display(description=_("ภาพ"))
    def photo(self, obj):
        return _thumbnail(obj)

    @admin.display(description=_("ภาพปัจจุบัน"))
    def current_photo(self, obj):
        return _thumbnail(obj)


class PageVersionInline(admin.TabularInline):
    model = PageVersion
    fields = ("title", "created_at", "created_by")
    readonly_fields = fields
    extra = 0
    can_delete = False
    show_change_link = False

    def has_add_permission(self, request, obj=None):
        return False


class PageReferenceInline(admin.TabularInline):
    model = PageReference
    extra = 0


@admin.register(Page)
class PageAdmin(admin.ModelAdmin):
    list_display = ("title", "kind", "is_published", "updated_at")
    readonly_fields = ("updated_at",)
    inlines = [PageReferenceInline, PageVersionInline]

    def view_on_site(self, obj):
        return obj.get_absolute_url() if obj.is_published else obj.get_preview_url()

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        obj.record_version(request.user)


@admin.register(NewsCategory)
class NewsCategoryAdmin(admin.ModelAdmin):
    list_display = ("name", "slug", "order")
    prepopulated_fields = {"slug": ("name",)}


@admin.register(NewsItem)
class NewsItemAdmin(admin.ModelAdmin):
    form = NewsItemAdminForm
    list_display = ("title", "category", "publish_at", "expire_at", "status_label", "picture_column")
    list_filter = ("category", ("publish_at", admin.DateFieldListFilter))
    list_select_related = ("category",)
    search_fields = ("title", "summary", "body")
    date_hierarchy = "publish_at"
    readonly_fields = ("current_picture", "created_at", "updated_at")
    fieldsets = (
        (None, {"fields": ("title", "slug", "category", "summary", "body")}),
        (_("ภาพประกอบ"), {"fields": ("current_picture", "picture_upload", "picture_remove", "image_alt")}),
        (_("กำหนดเวลา"), {"fields": ("publish_at", "expire_at", "created_at", "updated_at")}),
    )

    def view_on_site(self, obj):
        return obj.get_absolute_url() if obj.is_public() else obj.get_preview_url()

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        # "Saved" alone left an editor wondering why the item is not on the site yet.
        if obj.publish_at and obj.publish_at > timezone.now():
            self.message_user(request, _("ข่าวนี้จะแสดงบนเว็บไซต์ตั้งแต่ %(when)s") % {
                "when": thai.format_thai_date(obj.publish_at, long=True, with_time=True)}, messages.INFO)
        elif obj.publish_at is None:
            self.message_user(request, _("ข่าวนี้ยังเป็นฉบับร่าง ไม่แสดงบนเว็บไซต์จนกว่าจะกำหนดเวลาเผยแพร่"),
                              messages.INFO)

    @admin.display(description=_("สถานะ"))
    def status_label(self, obj):
        return obj.status

    @admin.display(description=_("ภาพ"))
    def picture_column(self, obj):
        return _thumbnail(obj)

    @admin.display(description=_("ภาพปัจจุบัน"))
    def current_picture(self, obj):
        return _thumbnail(obj)


class OverdueFilter(admin.SimpleListFilter):
    title = _("สถานะคำตอบ")
    parameter_name = "state"

    def lookups(self, request, model_admin):
        return [
            ("overdue", _("ยังไม่ตอบ เกิน %(days)s วัน") % {"days": settings.QA_UNANSWERED_DAYS}),
            ("unanswered", _("ยังไม่ตอบ")),
            ("unpublished", _("ตอบแล้ว รออนุมัติเผยแพร่")),
            ("public", _("เผยแพร่แล้ว")),
        ]

    def queryset(self, request, queryset):
        if self.value() == "overdue":
            return queryset.overdue()
        if self.value() == "unanswered":
            return queryset.unanswered()
        if self.value() == "unpublished":
            return queryset.exclude(answer="").filter(is_published=False)
        if self.value() == "public":
            return queryset.public()
        return queryset


@admin.register(Question)
class QuestionAdmin(admin.ModelAdmin):
    list_display = ("short_question", "asker_name", "created_at", "waiting", "is_published")
    list_filter = (OverdueFilter, "is_published")
    search_fields = ("question", "answer", "asker_name")
    readonly_fields = ("created_at", "answered_at", "answered_by")
    fields = ("asker_name", "question", "created_at", "answer", "is_published", "answered_at", "answered_by")

    @admin.display(description=_("คำถาม"))
    def short_question(self, obj):
        return str(obj)

    @admin.display(description=_("รอคำตอบ"))
    def waiting(self, obj):
        if obj.answer:
            return _("ตอบแล้ว")
        days = (timezone.now() - obj.created_at).days
        if obj.is_overdue():
            label = _("เกินกำหนด: รอมา %(days)s วัน") % {"days": days}
            return format_html('<strong class="errornote">{}</strong>', label)
        return _("รอมา %(days)s วัน") % {"days": days}

    def save_model(self, request, obj, form, change):
        obj.record_answer(request.user)
        super().save_model(request, obj, form, change)
