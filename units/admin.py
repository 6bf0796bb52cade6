"""Django admin for the provincial admin: units, agencies, centres (hotlines adds their hotlines) and the calendar.

Calendar rows are written through units.services so that deadline computations see the change at once."""

from django import forms
from django.contrib import admin, messages
from django.utils import formats
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from portal.admin import CheckedInitialMixin
from portal.dates import date_text
from units.models import AdministrativeUnit, Agency, CalendarDay, ServiceCentre
from units.services import (
    calendar_add_missing,
    calendar_compare,
    calendar_day_delete,
    calendar_day_errors,
    calendar_day_save,
)
from units.validators import normalize_agency_code


@admin.register(AdministrativeUnit)
class AdministrativeUnitAdmin(CheckedInitialMixin, admin.ModelAdmin):
    list_display = ["code", "name", "kind", "parent"]
    list_filter = ["kind"]
    search_fields = ["code", "name", "name_en"]
    list_select_related = ["parent"]
    autocomplete_fields = ["parent"]


class AgencyForm(forms.ModelForm):
    class Meta:
        model = Agency
        fields = ["code", "name", "name_en", "parent", "unit", "is_people_committee"]

    def clean_code(self) -> str:
        # Store the short form (H27.12) whichever notation was typed, so uniqueness is checked on it.
        return normalize_agency_code(self.cleaned_data["code"])


@admin.register(Agency)
class AgencyAdmin(CheckedInitialMixin, admin.ModelAdmin):
    form = AgencyForm
    list_display = ["code", "name", "unit", "parent", "is_people_committee"]
    list_filter = ["is_people_committee", "unit__kind"]
    search_fields = ["code", "name", "name_en"]
    list_select_related = ["unit", "parent"]
    autocomplete_fields = ["parent", "unit"]


@admin.register(ServiceCentre)
class ServiceCentreAdmin(CheckedInitialMixin, admin.ModelAdmin):
    list_display = ["name", "level", "unit", "agency", "is_published"]
    list_filter = ["level", "is_published"]
    search_fields = ["name", "name_en", "slug", "address"]
    list_select_related = ["unit", "agency"]
    autocomplete_fields = ["agency", "unit"]


class CalendarYearFilter(admin.SimpleListFilter):
    title = _("year")
    parameter_name = "year"

    def lookups(self, request, model_admin):
        years = model_admin.get_queryset(request).dates("date", "year", order="DESC")
        return [(str(day.year), str(day.year)) for day in years]

    def queryset(self, request, queryset):
        if self.value():
            try:
                return queryset.filter(date__year=int(self.value()))
            except ValueError:
                return queryset.none()
        return queryset


class CalendarDayForm(forms.ModelForm):
    class Meta:
        model = CalendarDay
        fields = ["date", "kind", "name", "name_en"]

    def clean(self):
        cleaned = super().clean()
        day, kind = cleaned.get("date"), cleaned.get("kind")
        if day and kind:
            for field, messages in calendar_day_errors(day=day, kind=kind).items():
                for message in messages:
                    self.add_error(field, message)
        return cleaned


@admin.register(CalendarDay)
class CalendarDayAdmin(admin.ModelAdmin):
    form = CalendarDayForm
    list_display = ["date", "weekday", "kind", "name", "name_en"]
    list_filter = [CalendarYearFilter, "kind"]
    search_fields = ["name", "name_en"]
    actions = ["add_missing_from_package"]

    @admin.action(description=_("Add the days the holidays package knows and the calendar lacks (years of the "
                                "selected days)"))
    def add_missing_from_package(self, request, queryset):
        """The comparison of units.services.calendar_compare for the selected days' years: what it lacks is
        added; a day whose kind the admin set otherwise is kept, and said."""
        years = sorted({day.year for day in queryset.values_list("date", flat=True)})
        added = calendar_add_missing(years=years)
        kept = calendar_compare(years=years).different
        self.message_user(request, ngettext(
            "%(count)d day added for %(years)s: %(days)s.", "%(count)d days added for %(years)s: %(days)s.",
            len(added)) % {"count": len(added), "years": ", ".join(map(str, years)),
                           "days": ", ".join(f"{date_text(e.date)} {e.name}" for e in added) or "—"})
        if kept:
            self.message_user(request, _("Kept as set in the calendar, although the package differs: %(days)s.")
                              % {"days": ", ".join(f"{date_text(row.date)} {row.name}" for _e, row in kept)},
                              level=messages.WARNING)

    @admin.display(description=_("weekday"))
    def weekday(self, obj: CalendarDay) -> str:
        return formats.date_format(obj.date, "l")

    def save_model(self, request, obj, form, change):
        calendar_day_save(day=obj.date, kind=obj.kind, name=obj.name, name_en=obj.name_en, instance=obj)

    def delete_model(self, request, obj):
        calendar_day_delete(calendar_days=[obj])

    def delete_queryset(self, request, queryset):
        calendar_day_delete(calendar_days=queryset)
