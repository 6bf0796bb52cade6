"""Django admin of petitions: the handling times per category are the admin's to set; petitions, their
history and the call log are kept by the services and only read here."""

from django.contrib import admin

from feedback.models import HandlingTime, HotlineCall, Petition, PetitionEvent
from portal.admin import CheckedInitialMixin, ReadOnlyAdminMixin


@admin.register(HandlingTime)
class HandlingTimeAdmin(CheckedInitialMixin, admin.ModelAdmin):
    list_display = ["category", "working_days"]


class PetitionEventInline(ReadOnlyAdminMixin, admin.TabularInline):
    model = PetitionEvent
    fields = ["at", "kind", "actor", "agency", "from_state", "to_state", "on_time", "note"]
    readonly_fields = fields
    extra = 0


@admin.register(Petition)
class PetitionAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["code", "title", "state", "agency", "category", "submitted_at", "deadline_at",
                    "escalation_level"]
    list_filter = ["state", "klass", "category", "channel"]
    search_fields = ["code", "title"]
    list_select_related = ["agency"]
    inlines = [PetitionEventInline]


@admin.register(HotlineCall)
class HotlineCallAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["started_at", "caller_phone", "officer", "outcome", "petition"]
    list_filter = ["outcome"]
    search_fields = ["caller_phone", "summary"]
    list_select_related = ["officer", "petition"]
