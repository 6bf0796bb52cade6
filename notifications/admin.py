from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from notifications.models import Notification, Preference


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    """Read-only: the outbox is written by events and the sender. A one-time code never shows in clear."""

    list_display = ("created_at", "channel", "template", "recipient", "state", "attempts", "sent_at", "delivered_at")
    list_filter = ("state", "channel", "template")
    search_fields = ("key", "provider_id")
    ordering = ("-created_at",)
    exclude = ("text", "phone", "email", "data")
    readonly_fields = ("key", "channel", "template", "user", "recipient", "subject", "shown_text", "secret", "dossier_id",
                       "petition_id", "state", "attempts", "last_error", "provider_id", "segments", "created_at",
                       "sent_at", "delivered_at")

    @admin.display(description=_("recipient"))
    def recipient(self, obj: Notification) -> str:
        return obj.masked_recipient

    @admin.display(description=_("text"))
    def shown_text(self, obj: Notification) -> str:
        return obj.shown_text

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Preference)
class PreferenceAdmin(admin.ModelAdmin):
    list_display = ("user", "sms", "zalo", "email", "updated_at")
    raw_id_fields = ("user",)
