"""Django admin for hotlines: numbers are stored normalized (digits only, +84 read as 0)."""

from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from hotlines.models import Hotline
from portal.admin import CheckedInitialMixin
from portal.phones import normalize_phone
from units.admin import ServiceCentreAdmin
from units.models import ServiceCentre


class HotlineForm(forms.ModelForm):
    class Meta:
        model = Hotline
        fields = ["number", "label", "label_en", "centre", "is_active", "position"]

    def clean_number(self) -> str:
        return normalize_phone(self.cleaned_data["number"])

    def clean(self):
        cleaned = super().clean()
        number = cleaned.get("number")
        # NULLs are distinct in the unique (centre, number) constraint, so province-wide numbers need this.
        if number and "centre" in self.fields and cleaned.get("centre") is None:
            others = Hotline.objects.filter(centre__isnull=True, number=number).exclude(pk=self.instance.pk)
            if others.exists():
                self.add_error("number", _("This number is already a province-wide hotline."))
        return cleaned


class HotlineInline(admin.TabularInline):
    """A centre's hotlines, edited on the centre's page (units admin)."""

    model = Hotline
    form = HotlineForm
    fields = ["number", "label", "label_en", "is_active", "position"]
    extra = 0


@admin.register(Hotline)
class HotlineAdmin(CheckedInitialMixin, admin.ModelAdmin):
    form = HotlineForm
    list_display = ["label", "display_number", "centre", "is_active", "position"]
    list_display_links = ["label"]
    list_editable = ["is_active", "position"]
    list_filter = ["is_active", ("centre", admin.EmptyFieldListFilter), "centre__level"]
    search_fields = ["label", "label_en", "number", "centre__name"]
    list_select_related = ["centre"]
    autocomplete_fields = ["centre"]
    ordering = ["centre__name", "position", "id"]

    @admin.display(description=_("number"), ordering="number")
    def display_number(self, obj: Hotline) -> str:
        return obj.display_number


# A centre's hotlines are edited on its page: the centre's admin (units) gains the inline here, above it.
admin.site.unregister(ServiceCentre)


@admin.register(ServiceCentre)
class ServiceCentreWithHotlinesAdmin(ServiceCentreAdmin):
    inlines = [*ServiceCentreAdmin.inlines, HotlineInline]
