"""The public centres page's search and level filter (a GET form: every value is optional)."""

from django import forms
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from units.models import ServiceCentre


class CentreFilterForm(forms.Form):
    q = forms.CharField(
        label=_("Centre, commune or ward, or address"), required=False, max_length=100,
        widget=forms.SearchInput(attrs={"placeholder": _("e.g. ha long"), "aria-describedby": "centre-search-hint"}),
    )
    level = forms.ChoiceField(
        label=_("Centre level"), required=False, choices=[("", _("All levels")), *ServiceCentre.Level.choices]
    )

    def criteria(self) -> dict[str, str | None]:
        """Keyword arguments for ``centre_list_public``. A value the form rejects (an old bookmark, a
        hand-edited link) is reported on the form and left out of the search."""
        self.is_valid()
        data = self.cleaned_data
        return {"query": (data.get("q") or "").strip(), "level": data.get("level") or None}

    def as_querydict(self) -> QueryDict:
        """The valid, non-empty values, for links that keep the filters (pagination)."""
        query = QueryDict(mutable=True)
        for name, value in self.criteria().items():
            if value:
                query["q" if name == "query" else name] = value
        return query
