"""Dossiers in the Django admin are read-only: every change goes through dossiers.services, so the
history (DossierEvent) stays complete."""

from django.contrib import admin

from dossiers.models import Dossier, DossierEvent, DossierStep, RegistryLookup
from portal.admin import ReadOnlyAdminMixin


class ReadOnlyInline(admin.TabularInline):
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class StepInline(ReadOnlyInline):
    model = DossierStep
    fields = ("position", "name", "responsible_role", "agency", "due_at", "state", "handler", "completed_at")


class EventInline(ReadOnlyInline):
    model = DossierEvent
    fields = ("at", "kind", "actor", "from_state", "to_state", "note")


@admin.register(Dossier)
class DossierAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ("code", "applicant_name", "procedure_version", "centre", "state", "received_at", "due_at")
    list_filter = ("state", "channel", "centre")
    search_fields = ("code", "applicant_name", "search_name", "applicant_cccd")
    list_select_related = ("procedure_version__procedure", "centre")
    inlines = (StepInline, EventInline)


@admin.register(RegistryLookup)
class RegistryLookupAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """The audit of population database lookups: read only."""

    list_display = ("at", "user", "cccd", "outcome")
    list_filter = ("outcome",)
    search_fields = ("cccd", "user__username", "user__full_name")
    list_select_related = ("user",)
    date_hierarchy = "at"
