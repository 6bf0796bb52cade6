"""Django admin for the catalogue: an inspection tool for the provincial admin.

Published versions, decisions and events are read-only (a change to a published procedure is a new draft,
made in the back office). Drafts can be corrected here; the forms run the same rules as the services
(procedures.rules) and the save goes through procedures.services for the bookkeeping."""

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.forms.models import BaseInlineFormSet
from django.utils.translation import gettext_lazy as _

from portal.admin import CheckedInitialMixin, ReadOnlyAdminMixin
from procedures.data import FormFieldData
from procedures.manage_forms import join_options, split_options
from procedures.models import (
    Fee,
    Field,
    FormField,
    InternalProcessStep,
    Procedure,
    ProcedureEvent,
    ProcedureVersion,
    PublicationDecision,
    RequiredComponent,
)
from procedures.rules import (
    component_errors,
    fee_errors,
    form_component_errors,
    form_field_errors,
    form_key_from_label,
    procedure_data_errors,
    step_errors,
)
from procedures.services import (
    ComponentData,
    FeeData,
    StepData,
    VersionData,
    procedure_draft_edited,
    search_text_refresh,
)

# Keys of procedure_data_errors that belong to the inlines, not to the version form.
_CHILD_KEYS = {"components", "fees", "steps", "form_fields"}
# Errors without a form field of their own go to the form as a whole.
_FORM_FIELDS = {
    "name", "name_en", "field", "agency", "level", "processing_time", "processing_time_unit", "result_type",
    "result_type_en", "cutoff_hour", "online_level", "payment_timing", "centres",
}


def _editable(request, version) -> bool:
    return request.user.is_provincial_admin and (version is None or version.is_draft)


class VersionForm(forms.ModelForm):
    class Meta:
        model = ProcedureVersion
        fields = [
            "name", "name_en", "field", "level", "agency", "result_type", "result_type_en", "legal_basis",
            "conditions", "processing_time", "processing_time_unit", "cutoff_hour", "online_level",
            "payment_timing", "channel_online", "channel_counter", "channel_post", "regardless_of_residence",
            "issues_paper_original", "centres",
        ]

    def clean(self):
        cleaned = super().clean()
        values = {name: cleaned.get(name, getattr(self.instance, name, None)) for name in _FORM_FIELDS - {"centres"}}
        data = VersionData(**values, channel_online=cleaned.get("channel_online", False),
                           channel_counter=cleaned.get("channel_counter", False),
                           channel_post=cleaned.get("channel_post", False),
                           centres=tuple(cleaned.get("centres") or ()))
        for key, messages in procedure_data_errors(code=self.instance.procedure.code, data=data).items():
            if key not in _CHILD_KEYS:
                self.add_error(key if key in _FORM_FIELDS and key in self.fields else None, messages)
        return cleaned


class _ChildFormSet(BaseInlineFormSet):
    """Checks the rows of one inline as a whole (duplicates, total duration) with the catalogue rules."""

    def kept_rows(self) -> list[dict]:
        rows = [f.cleaned_data for f in self.forms if f.cleaned_data and not f.cleaned_data.get("DELETE")]
        return sorted(rows, key=lambda row: row.get("position") or 0)

    def rule_errors(self) -> list[str]:
        raise NotImplementedError

    def clean(self):
        super().clean()
        if any(form.errors for form in self.forms):
            return
        messages = self.rule_errors()
        if messages:
            raise ValidationError(messages)


class ComponentFormSet(_ChildFormSet):
    def rule_errors(self):
        components = tuple(
            ComponentData(name=r["name"], originals=r.get("originals") or 0, copies=r.get("copies") or 0,
                          filled_by_form=bool(r.get("filled_by_form")))
            for r in self.kept_rows()
        )
        # Whether the version has an e-form is the other inline's business; judge only "at most one" here.
        return [*component_errors(components), *form_component_errors(components, has_form=True)]


class FeeFormSet(_ChildFormSet):
    def rule_errors(self):
        return fee_errors(tuple(FeeData(description=r["description"], amount=r["amount"]) for r in self.kept_rows()))


class StepFormSet(_ChildFormSet):
    def rule_errors(self):
        # self.instance carries the version form's new processing time (assigned before the inlines clean).
        legal = self.instance.processing_time
        return step_errors(
            tuple(StepData(name=r["name"], responsible_role=r["responsible_role"], duration=r["duration"])
                  for r in self.kept_rows()),
            legal=legal if legal and legal > 0 else None, unit=self.instance.processing_time_unit,
        )


class FormFieldAdminForm(forms.ModelForm):
    """Options typed as "Nam; Nữ" rather than JSON."""

    options = forms.CharField(label=_("Options"), required=False, widget=forms.Textarea(attrs={"rows": 2}),
                              help_text=_("Choice fields only: the options separated by semicolons, e.g. Nam; Nữ."))
    options_en = forms.CharField(label=_("Options (English)"), required=False,
                                 widget=forms.Textarea(attrs={"rows": 2}))

    class Meta:
        model = FormField
        fields = ["position", "section", "section_en", "key", "label", "label_en", "type", "required", "options",
                  "options_en", "help_text", "help_text_en", "max_length", "min_value", "max_value", "not_future"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["key"].required = False
        if self.instance.pk:
            self.initial["options"] = join_options(self.instance.options)
            self.initial["options_en"] = join_options(self.instance.options_en)

    def clean_options(self):
        return list(split_options(self.cleaned_data.get("options")))

    def clean_options_en(self):
        return list(split_options(self.cleaned_data.get("options_en")))

    def clean(self):
        cleaned = super().clean()
        if not (cleaned.get("key") or "").strip() and cleaned.get("label"):
            cleaned["key"] = form_key_from_label(cleaned["label"])
            self.instance.key = cleaned["key"]
        return cleaned


class FormFieldFormSet(_ChildFormSet):
    def rule_errors(self):
        return form_field_errors(tuple(
            FormFieldData(
                key=r.get("key") or "", label=r.get("label") or "", label_en=r.get("label_en") or "",
                section=r.get("section") or "", section_en=r.get("section_en") or "", type=r.get("type") or "",
                required=bool(r.get("required")), options=tuple(r.get("options") or ()),
                options_en=tuple(r.get("options_en") or ()), help_text=r.get("help_text") or "",
                help_text_en=r.get("help_text_en") or "", max_length=r.get("max_length"),
                min_value=r.get("min_value"), max_value=r.get("max_value"), not_future=bool(r.get("not_future")),
            )
            for r in self.kept_rows()
        ))


class _ChildInline(admin.TabularInline):
    extra = 0

    def has_add_permission(self, request, obj=None):
        return _editable(request, obj) and obj is not None

    def has_change_permission(self, request, obj=None):
        return _editable(request, obj) and obj is not None

    def has_delete_permission(self, request, obj=None):
        return _editable(request, obj) and obj is not None


class ComponentInline(_ChildInline):
    model = RequiredComponent
    formset = ComponentFormSet
    fields = ["position", "name", "name_en", "originals", "copies", "is_mandatory", "filled_by_form", "form_file"]


class FeeInline(_ChildInline):
    model = Fee
    formset = FeeFormSet
    fields = ["position", "description", "description_en", "amount"]


class StepInline(_ChildInline):
    model = InternalProcessStep
    formset = StepFormSet
    fields = ["position", "name", "name_en", "responsible_role", "responsible_agency", "duration", "drafts_result"]
    autocomplete_fields = ["responsible_agency"]


class FormFieldInline(_ChildInline, admin.StackedInline):
    """Tờ khai điện tử: one block per question, collapsed like a form builder's list."""

    model = FormField
    template = "admin/edit_inline/stacked.html"
    form = FormFieldAdminForm
    formset = FormFieldFormSet
    fieldsets = [
        (None, {"fields": [("position", "key", "type", "required"), ("label", "label_en"), ("section", "section_en")]}),
        (_("Options, help and limits"), {"classes": ["collapse"], "fields": [
            ("options", "options_en"), ("help_text", "help_text_en"), ("max_length", "min_value", "max_value",
                                                                       "not_future")]}),
    ]


@admin.register(ProcedureVersion)
class ProcedureVersionAdmin(CheckedInitialMixin, admin.ModelAdmin):
    form = VersionForm
    list_display = ["procedure", "number", "name", "status", "field", "level", "effective_from", "decision"]
    list_filter = ["status", "level", "online_level", "field"]
    search_fields = ["procedure__code", "name", "name_en", "search_text"]
    list_select_related = ["procedure", "field", "decision"]
    autocomplete_fields = ["agency", "centres"]
    inlines = [ComponentInline, FeeInline, StepInline, FormFieldInline]
    date_hierarchy = "effective_from"
    _always_readonly = ["procedure", "number", "status", "decision", "effective_from", "published_at",
                        "published_by"]

    def get_readonly_fields(self, request, obj=None):
        if obj is not None and not _editable(request, obj):
            return [f.name for f in self.model._meta.get_fields() if f.concrete and not f.auto_created
                    and f.name != "search_text"]
        return self._always_readonly

    def has_add_permission(self, request):
        return False  # new procedures and versions come from the back office or the Excel import

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and _editable(request, obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and obj is not None and _editable(request, obj)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        procedure_draft_edited(version=form.instance, actor=request.user)


class VersionLinkInline(admin.TabularInline):
    model = ProcedureVersion
    fields = ["number", "name", "status", "effective_from", "decision"]
    readonly_fields = fields
    show_change_link = True
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Procedure)
class ProcedureAdmin(admin.ModelAdmin):
    list_display = ["code", "result_template", "created_at"]
    search_fields = ["code", "versions__name"]
    fields = ["code", "result_template"]
    readonly_fields = ["code"]
    inlines = [VersionLinkInline]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Field)
class FieldAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "name_en"]
    search_fields = ["code", "name", "name_en"]

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if change and {"name", "name_en"} & set(form.changed_data):
            search_text_refresh(field=obj)


@admin.register(PublicationDecision)
class PublicationDecisionAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["number", "signed_on", "signer", "signer_position", "created_by"]
    search_fields = ["number", "signer"]
    list_select_related = ["created_by"]
    date_hierarchy = "signed_on"


@admin.register(ProcedureEvent)
class ProcedureEventAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["at", "procedure", "version", "kind", "actor"]
    list_filter = ["kind"]
    search_fields = ["procedure__code"]
    list_select_related = ["procedure", "version__procedure", "actor"]
    date_hierarchy = "at"
