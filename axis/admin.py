"""The axis in the Django admin, read-only: what the axis wrote (messages received, the directory) and the
connections are records, not settings; the readiness board (/axis/) is where admins act."""

from django.contrib import admin

from axis.models import Connection, Organ, ReceivedMessage
from portal.admin import CheckedInitialMixin


class ReadOnly(CheckedInitialMixin, admin.ModelAdmin):
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Connection)
class ConnectionAdmin(ReadOnly):
    list_display = ["agency", "registered_at", "last_success_at", "last_error_at"]
    list_select_related = ["agency"]


@admin.register(ReceivedMessage)
class ReceivedMessageAdmin(ReadOnly):
    list_display = ["received_at", "agency", "kind", "status_code", "sender_id", "edxml_id", "outcome"]
    list_filter = ["outcome", "kind"]
    list_select_related = ["agency"]
    search_fields = ["edxml_id", "sender_id", "sender_name", "message_id"]
    raw_id_fields = ["document"]


@admin.register(Organ)
class OrganAdmin(ReadOnly):
    list_display = ["organ_id", "name", "external", "valid_from", "valid_to"]
    list_filter = ["external"]
    search_fields = ["organ_id", "code", "name"]
