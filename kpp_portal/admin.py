from django.contrib import admin

from .models import MunicipalityProfile


@admin.register(MunicipalityProfile)
class MunicipalityProfileAdmin(admin.ModelAdmin):
    fieldsets = (
        (None, {"fields": ("name_th", "name_en", "short_name", "logo")}),
        ("ติดต่อ", {"fields": ("address", "phone", "fax", "email", "website", "opening_hours", "map_url")}),
        ("สื่อสังคมออนไลน์", {"fields": ("facebook_url", "line_url", "youtube_url")}),
        ("ช่องทางร้องเรียน", {"fields": ("damrongtham_phone", "damrongtham_text", "complaint_box_text",
                                        "postal_text", "complaint_manual_adopted_on")}),
        ("คุ้มครองข้อมูลส่วนบุคคล", {"fields": ("data_protection_contact", "data_protection_email")}),
    )

    def has_add_permission(self, request):
        return not MunicipalityProfile.objects.exists()

    def has_delete_permission(self, request, obj=None):
        return False
