from django.contrib import admin

from .models import ServiceShortcut


@admin.register(ServiceShortcut)
class ServiceShortcutAdmin(admin.ModelAdmin):
    list_display = ["title", "url", "keywords", "order", "is_active"]
    list_editable = ["order", "is_active"]
    search_fields = ["title", "keywords"]
