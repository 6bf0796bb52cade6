"""Forms of the catalogue back office (provincial admins)."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from procedures.models import ProcedureVersion


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
