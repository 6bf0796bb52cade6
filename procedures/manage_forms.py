"""Forms of the catalogue back office (provincial admins)."""

import re

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.text import nfc
from procedures.data import FORM_FIELD_ATTRIBUTES, FormFieldData
from procedures.models import FormField, ProcedureVersion
from procedures.rules import MAX_FORM_FIELDS, MAX_TEXT_LIMIT, form_key_from_label


class ManageSearchForm(forms.Form):
    q = forms.CharField(label=_("Name or code"), required=False, max_length=200, widget=forms.SearchInput)
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("Drafts and published")), *ProcedureVersion.Status.choices]
    )

    def criteria(self) -> dict[str, str]:
        self.is_valid()
        return {"query": (self.cleaned_data.get("q") or "").strip(), "status": self.cleaned_data.get("status") or ""}


class ImportForm(forms.Form):
    # Name, size and content are checked by the import service, which reports them like any other problem.
    file = forms.FileField(
        label=_("Excel workbook (.xlsx)"),
        widget=forms.ClearableFileInput(
            attrs={"accept": ".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}
        ),
    )


class _DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self):
        super().__init__(format="%Y-%m-%d")


class PublishForm(forms.Form):
    """Which drafts to publish, and the decision (quyết định công bố) they are published under."""

    codes = forms.MultipleChoiceField(
        label=_("Drafts to publish"), widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one draft to publish.")},
    )
    number = forms.CharField(label=_("Decision number"), max_length=60,
                             widget=forms.TextInput(attrs={"placeholder": _("e.g. 1234/QĐ-UBND")}))
    signed_on = forms.DateField(label=_("Signed on"), widget=_DateInput())
    signer = forms.CharField(label=_("Signer"), max_length=150)
    signer_position = forms.CharField(label=_("Signer's position"), max_length=150, required=False)
    effective_from = forms.DateField(label=_("Effective from"), widget=_DateInput())

    def __init__(self, *args, draft_codes: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["codes"].choices = [(code, code) for code in draft_codes]
        self.fields["effective_from"].initial = timezone.localdate()


# ---- The e-form editor (tờ khai điện tử) -------------------------------------------------------------------

def split_options(text: str) -> tuple[str, ...]:
    """ "Nam; Nữ" or one option per line -> ("Nam", "Nữ"). Commas stay inside an option."""
    return tuple(part.strip() for part in re.split(r"[;\n]", nfc(text or "")) if part.strip())


def join_options(options) -> str:
    return "; ".join(options or ())


class FormFieldForm(forms.Form):
    """One question of the e-form. Only types are checked here; the catalogue's rules (procedures.rules)
    judge the definition as a whole when it is saved."""

    field_order = ["label", "label_en", "key", "type", "section", "section_en", "options", "options_en", "help_text",
                   "help_text_en", "position", "required", "max_length", "not_future", "min_value", "max_value"]
    position = forms.IntegerField(label=_("Order"), min_value=1, max_value=999, required=False,
                                  widget=forms.NumberInput(attrs={"class": "input--short"}))
    section = forms.CharField(label=_("Section"), max_length=200, required=False)
    section_en = forms.CharField(label=_("Section (English)"), max_length=200, required=False)
    key = forms.CharField(label=_("Key"), max_length=40, required=False,
                          help_text=_("Lower-case letters without diacritics, digits and _; made from the label "
                                      "when empty."))
    label = forms.CharField(label=_("Label"), max_length=300, required=False)
    label_en = forms.CharField(label=_("Label (English)"), max_length=300, required=False)
    type = forms.ChoiceField(label=_("Type"), choices=FormField.Type.choices, initial=FormField.Type.TEXT)
    required = forms.BooleanField(label=_("Required"), required=False, initial=True)
    options = forms.CharField(label=_("Options"), required=False, widget=forms.Textarea(attrs={"rows": 2}),
                              help_text=_("Choice fields only: the options separated by semicolons, e.g. Nam; Nữ."))
    options_en = forms.CharField(label=_("Options (English)"), required=False,
                                 widget=forms.Textarea(attrs={"rows": 2}))
    help_text = forms.CharField(label=_("Help text"), max_length=500, required=False)
    help_text_en = forms.CharField(label=_("Help text (English)"), max_length=500, required=False)
    max_length = forms.IntegerField(label=_("Maximum length"), min_value=1, max_value=MAX_TEXT_LIMIT,
                                    required=False, help_text=_("Text fields only (characters)."))
    min_value = forms.DecimalField(label=_("Minimum"), max_digits=15, decimal_places=2, required=False)
    max_value = forms.DecimalField(label=_("Maximum"), max_digits=15, decimal_places=2, required=False)
    not_future = forms.BooleanField(label=_("Not after today"), required=False,
                                    help_text=_("Date fields only: e.g. a date of birth."))

    @classmethod
    def initial_for(cls, field: FormField) -> dict:
        values = {name: getattr(field, name) for name in FORM_FIELD_ATTRIBUTES}
        values.update(position=field.position, options=join_options(field.options),
                      options_en=join_options(field.options_en))
        return values

    def is_blank(self) -> bool:
        data = self.cleaned_data
        return not any((data.get("key") or "", data.get("label") or "", data.get("section") or "",
                        data.get("options") or ""))

    def data_value(self) -> FormFieldData:
        data = self.cleaned_data
        key = (data.get("key") or "").strip() or form_key_from_label(data.get("label") or "")
        return FormFieldData(
            key=key, label=data.get("label") or "", label_en=data.get("label_en") or "",
            section=data.get("section") or "", section_en=data.get("section_en") or "", type=data["type"],
            required=bool(data.get("required")), options=split_options(data.get("options")),
            options_en=split_options(data.get("options_en")), help_text=data.get("help_text") or "",
            help_text_en=data.get("help_text_en") or "", max_length=data.get("max_length"),
            min_value=data.get("min_value"), max_value=data.get("max_value"), not_future=bool(data.get("not_future")),
        )


class _FormFieldFormSet(forms.BaseFormSet):
    def kept(self) -> list[FormFieldForm]:
        """The rows to save, by their order (rows without one keep their place at the end)."""
        rows = [form for form in self.forms if form.cleaned_data and not form.cleaned_data.get("DELETE")
                and not form.is_blank()]
        return sorted(rows, key=lambda form: (form.cleaned_data.get("position") or 10_000, self.forms.index(form)))

    def definition(self) -> tuple[FormFieldData, ...]:
        return tuple(form.data_value() for form in self.kept())


FormFieldFormSet = forms.formset_factory(FormFieldForm, formset=_FormFieldFormSet, extra=3, can_delete=True,
                                         max_num=MAX_FORM_FIELDS, absolute_max=MAX_FORM_FIELDS + 3,
                                         validate_max=True)


class FormComponentForm(forms.Form):
    """Which paper of the procedure the e-form stands for (the applicant does not attach it)."""

    component = forms.TypedChoiceField(label=_("Paper filled in with the e-form"), coerce=int, empty_value=None,
                                       required=False)

    def __init__(self, *args, components, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["component"].choices = [("", _("None: the e-form is an addition to the papers")),
                                            *((c.position, f"{c.position}. {c.name}") for c in components)]
