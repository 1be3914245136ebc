from django.contrib import admin

from .images import PictureAdminForm
from .models import MunicipalityProfile


class MunicipalityProfileAdminForm(PictureAdminForm):
    class Meta:
        model = MunicipalityProfile
        fields = "__all__"


@admin.register(MunicipalityProfile)
class MunicipalityProfileAdmin(admin.ModelAdmin):
    form = MunicipalityProfileAdminForm
    fieldsets = (
        (None, {"fields": ("name_th", "name_en", "short_name", "picture_upload", "picture_remove")}),
        ("ติดต่อ", {"fields": ("address", "phone", "fax", "email", "website", "opening_hours", "map_url")}),
        ("สื่อสังคมออนไลน์", {"fields": ("facebook_url", "line_url", "youtube_url")}),
        ("ช่องทางร้องเรียน", {"fields": ("damrongtham_phone", "damrongtham_text", "complaint_box_text", "postal_text")}),
    )

    def has_add_permission(self, request):
        return not MunicipalityProfile.objects.exists()

    def has_delete_permission(self, request, obj=None):
        return False
