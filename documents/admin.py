from django import forms
from django.contrib import admin
from django.forms.models import BaseInlineFormSet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from documents.access_warnings import membership_change
from documents.models import DocumentType, OrgUnit, Register, UnitMembership
from portal.admin import CheckedInitialMixin

CONFIRM = "confirm_access_change"


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


class MembershipFormSet(BaseInlineFormSet):
    """The unit's officials. Each must work for the unit's agency; a change of who is in the unit or heads
    it changes what they see, so it is listed and saved only once the admin ticks the confirmation
    (Appendix VI: warn about permission changes until confirmed)."""

    def clean(self):
        super().clean()
        if any(self.errors):
            return
        unit, changes = self.instance, []
        for form in self.forms:
            if not form.has_changed() or not hasattr(form, "cleaned_data"):
                continue
            user = form.cleaned_data.get("user")
            deleted = self.can_delete and self._should_delete_form(form)
            if user is not None and not deleted and unit.agency_id and user.agency_id != unit.agency_id:
                form.add_error("user", _("%(name)s does not work for %(agency)s.") % {
                    "name": user, "agency": unit.agency})
                continue
            stored = form.instance if form.instance.pk else None
            before = UnitMembership.objects.filter(pk=stored.pk).select_related("user").first() if stored else None
            if before is not None and (user is None or before.user_id != user.pk or deleted):
                changes.append(membership_change(user=before.user, unit=unit, was_member=True,
                                                 was_head=before.is_head, member=False, head=False))
                before = None
            if user is not None and not deleted:
                changes.append(membership_change(
                    user=user, unit=unit, was_member=before is not None, was_head=bool(before and before.is_head),
                    member=True, head=bool(form.cleaned_data.get("is_head"))))
        changes = [change for change in changes if change]
        if changes and self.data.get(CONFIRM) not in ("on", "true", "1"):
            raise forms.ValidationError([
                _("These changes change what officials may see:"), *changes,
                _("Tick “I confirm this change of access” and save again to apply them.")], code=CONFIRM)


class UnitMembershipInline(admin.TabularInline):
    model = UnitMembership
    formset = MembershipFormSet
    extra = 1
    autocomplete_fields = ("user",)


class OrgUnitForm(forms.ModelForm):
    confirm_access_change = forms.BooleanField(
        label=gettext_lazy("I confirm this change of access"), required=False,
        help_text=gettext_lazy("Needed when officials join or leave the unit or its head changes: saving first "
                               "lists what they will gain or lose."))

    class Meta:
        model = OrgUnit
        fields = ("agency", "code", "name", "name_en", "is_active")

    def clean(self):
        cleaned = super().clean()
        moving = self.instance.pk and "agency" in self.changed_data and self.instance.memberships.exists()
        if moving and not cleaned.get(CONFIRM):
            raise forms.ValidationError(_("The unit's officials belong to its agency: moving it to another agency "
                                          "takes their access with it. Tick “I confirm this change of access” "
                                          "and save again."), code=CONFIRM)
        return cleaned


@admin.register(OrgUnit)
class OrgUnitAdmin(CheckedInitialMixin, admin.ModelAdmin):
    form = OrgUnitForm
    list_display = ("name", "code", "agency", "is_active")
    list_filter = ("is_active",)
    list_select_related = ("agency",)
    search_fields = ("name", "code", "agency__name")
    autocomplete_fields = ("agency",)
    fields = ("agency", "code", "name", "name_en", "is_active", CONFIRM)
    inlines = [UnitMembershipInline]
