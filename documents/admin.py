from django.contrib import admin

from documents.models import DocumentType, OrgUnit, Register, UnitMembership
from portal.admin import CheckedInitialMixin


@admin.register(DocumentType)
class DocumentTypeAdmin(CheckedInitialMixin, admin.ModelAdmin):
    list_display = ("name", "abbreviation", "name_en", "position", "is_active")
    list_editable = ("position", "is_active")
    search_fields = ("name", "name_en", "abbreviation")


@admin.register(Register)
class RegisterAdmin(CheckedInitialMixin, admin.ModelAdmin):
    list_display = ("name", "agency", "direction", "secret", "is_active")
    list_filter = ("direction", "secret", "is_active")
    search_fields = ("name", "agency__name")
    autocomplete_fields = ("agency",)
    filter_horizontal = ("types",)


class UnitMembershipInline(admin.TabularInline):
    model = UnitMembership
    extra = 1
    autocomplete_fields = ("user",)


@admin.register(OrgUnit)
class OrgUnitAdmin(CheckedInitialMixin, admin.ModelAdmin):
    list_display = ("name", "code", "agency", "is_active")
    list_filter = ("is_active",)
    search_fields = ("name", "code", "agency__name")
    autocomplete_fields = ("agency",)
    inlines = [UnitMembershipInline]
