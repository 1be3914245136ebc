from django.contrib import admin

from .models import Subscriber, Subscription


class SubscriptionInline(admin.TabularInline):
    model = Subscription
    fields = ["topic", "value", "label", "frequency", "created_at", "confirmed_at"]
    readonly_fields = fields
    extra = 0


@admin.register(Subscriber)
class SubscriberAdmin(admin.ModelAdmin):
    """Read and delete only: a subscription exists because its address confirmed it."""

    list_display = ["email", "created_at"]
    search_fields = ["email"]
    fields = ["email", "created_at"]
    readonly_fields = fields
    inlines = [SubscriptionInline]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
