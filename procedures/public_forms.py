"""The public catalogue's search and filter form (a GET form: every value is optional)."""

from django import forms
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from portal.collation import vietnamese
from procedures.models import ProcedureVersion
from procedures.selectors import catalogue_search, field_choices
from units.models import Agency


class CatalogueFilterForm(forms.Form):
    q = forms.CharField(
        label=_("Search"), required=False, max_length=200,
        widget=forms.SearchInput(attrs={"placeholder": _("e.g. dang ky khai sinh or 1.001193")}),
    )
    field = forms.ChoiceField(label=_("Field"), required=False)
    level = forms.ChoiceField(
        label=_("Level"), required=False, choices=[("", _("All levels")), *ProcedureVersion.Level.choices]
    )
    agency = forms.ChoiceField(label=_("Implementing agency"), required=False)
    online_level = forms.ChoiceField(
        label=_("Online service"), required=False,
        choices=[("", _("Any online level")), *ProcedureVersion.OnlineLevel.choices],
    )

    def __init__(self, data: QueryDict):
        super().__init__(data)
        self.fields["field"].choices = [("", _("All fields"))] + [
            (field.code, field.display_name) for field in field_choices()
        ]
        # Only agencies that implement a procedure in force: an option that can only return nothing
        # would be a trap.
        in_force = catalogue_search().values("agency")
        agencies = Agency.objects.filter(pk__in=in_force).order_by(vietnamese("name"))
        self.fields["agency"].choices = [("", _("All agencies"))] + [
            (agency.code, agency.display_name) for agency in agencies
        ]

    def criteria(self) -> dict[str, str | None]:
        """Keyword arguments for ``catalogue_search``. A value that is not one of the choices (an old
        bookmark, a hand-edited link) is reported on the form and left out of the search."""
        self.is_valid()
        data = self.cleaned_data
        return {
            "query": (data.get("q") or "").strip(),
            "field": data.get("field") or None,
            "level": data.get("level") or None,
            "agency": data.get("agency") or None,
            "online_level": data.get("online_level") or None,
        }

    def as_querydict(self) -> QueryDict:
        """The valid, non-empty values, for links that keep the filters (pagination)."""
        query = QueryDict(mutable=True)
        for name, value in self.criteria().items():
            if value:
                query["q" if name == "query" else name] = value
        return query
