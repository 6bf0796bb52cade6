"""Forms of the work file pages. They translate the request into the services' arguments; the services judge
the values (documents.services.workfiles) and their field errors are put back on the fields."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from documents.models import OrgUnit, WorkFile
from documents.selectors.workfiles import RIGHTS_OPEN, RIGHTS_RESTRICTED
from documents.services.workfiles import PERMANENT
from portal.forms import ServiceErrorsMixin

# Common retention periods (Circular 10/2022/TT-BNV sets them per kind of file); any "NN năm" is accepted.
MAINTENANCE_SUGGESTIONS = ("05 năm", "10 năm", "20 năm", "50 năm", "70 năm", PERMANENT)


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self):
        super().__init__(format="%Y-%m-%d")


class WorkFileForm(ServiceErrorsMixin, forms.Form):
    """Opening a file, or changing its details."""

    notation = forms.CharField(label=_("File number"), max_length=20,
                               help_text=_("Its number in the agency's list of files for the year, e.g. 05 or VX.05. "
                                           "The file code is agency code.year.number."))
    year = forms.IntegerField(label=_("Year"), min_value=1900, max_value=2999)
    title = forms.CharField(label=_("Title"), max_length=500, widget=forms.Textarea(attrs={"rows": 2}))
    maintenance = forms.CharField(label=_("Retention period"), max_length=30, initial="10 năm",
                                  help_text=_("“Vĩnh viễn” or a number of years, e.g. “05 năm”, “10 năm”."),
                                  widget=forms.TextInput(attrs={"list": "maintenance-suggestions"}))
    rights = forms.ChoiceField(label=_("Access rights"), initial=RIGHTS_RESTRICTED, choices=(
        (RIGHTS_RESTRICTED, _("Restricted (Hạn chế): its keeper, the unit's head, the clerk and the leaders")),
        (RIGHTS_OPEN, _("Open (Công khai): every official of the agency")),
    ))
    unit = forms.ModelChoiceField(label=_("Unit"), queryset=OrgUnit.objects.none(), required=False)
    start_date = forms.DateField(label=_("Start date"), required=False, widget=DateInput())
    language = forms.CharField(label=_("Language"), max_length=50, initial="Tiếng Việt")
    description = forms.CharField(label=_("Description"), max_length=500, required=False,
                                  widget=forms.Textarea(attrs={"rows": 2}))
    capital_construction = forms.BooleanField(
        label=_("Capital construction file (deposited within 3 months of the final settlement)"), required=False)

    def __init__(self, *args, agency_id: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = OrgUnit.objects.filter(agency_id=agency_id, is_active=True)
        if not self.is_bound and "year" not in self.initial:
            self.initial["year"] = timezone.localdate().year
            self.initial.setdefault("start_date", timezone.localdate())

    @staticmethod
    def initial_of(work_file: WorkFile) -> dict:
        return {field: getattr(work_file, field) for field in (
            "notation", "year", "title", "maintenance", "rights", "unit", "start_date", "language", "description",
            "capital_construction")}

    def values(self) -> dict:
        return dict(self.cleaned_data)


class CloseForm(ServiceErrorsMixin, forms.Form):
    end_date = forms.DateField(label=_("End date"), required=False, widget=DateInput(),
                               help_text=_("The day the matter ended; today if left empty."))


class DocumentChoiceForm(forms.Form):
    """A document named by its identifier (adding it to a file, taking it out)."""

    document = forms.UUIDField()

    def cleaned_uuid(self):
        """The identifier, or None when the value is not one."""
        return self.cleaned_data["document"] if self.is_valid() else None


class CatalogueForm(forms.Form):
    """The filters of the list of files; a bad value is reported and ignored."""

    year = forms.IntegerField(label=_("Year"), min_value=1900, max_value=2999, required=False)
    state = forms.ChoiceField(label=_("State"), required=False,
                              choices=(("", _("Any state")), *WorkFile.State.choices))
    mine = forms.BooleanField(label=_("Only the files I keep"), required=False)
    q = forms.CharField(label=_("Title or number"), max_length=100, required=False)
    format = forms.ChoiceField(required=False, choices=(("xlsx", "Excel"), ("pdf", "PDF")))

    def filters(self) -> dict:
        data = self.cleaned_data if self.is_valid() else {
            name: self.cleaned_data.get(name) for name in self.fields if name not in self.errors}
        return {"year": data.get("year"), "state": data.get("state") or "", "mine": bool(data.get("mine")),
                "query": (data.get("q") or "").strip()}
