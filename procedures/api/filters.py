"""Query parameters of ``/api/v1/procedures/``; each one delegates to procedures.selectors.catalogue_filter
so the API, the public pages and the back office filter the same way."""

from django.utils.translation import gettext_lazy as _
from django_filters import rest_framework as filters

from procedures.models import ProcedureVersion
from procedures.selectors import catalogue_filter, catalogue_order

# Query parameter -> keyword of catalogue_filter.
_ARGUMENTS = {"q": "query", "field": "field", "level": "level", "agency": "agency", "online_level": "online_level",
              "centre": "centre"}


class ProcedureFilter(filters.FilterSet):
    q = filters.CharFilter(
        method="filter_catalogue", label=_("Search"),
        help_text="Words to find in the code, name or field, without regard to case, diacritics or the i/y "
                  'spelling ("dang ki khai sinh" finds "Đăng ký khai sinh"). Every word must match except '
                  'function words such as "cho", "con", "của", "và". Results with the most of the words in '
                  "their code or name (Vietnamese or English) come first, then by name.",
    )
    field = filters.CharFilter(method="filter_catalogue", label=_("Field"), help_text="Code of the field.")
    level = filters.ChoiceFilter(
        method="filter_catalogue", choices=ProcedureVersion.Level.choices, label=_("Level")
    )
    agency = filters.CharFilter(
        method="filter_catalogue", label=_("Agency"),
        help_text="Electronic identification code of the implementing agency, e.g. H22.10.",
    )
    online_level = filters.ChoiceFilter(
        method="filter_catalogue", choices=ProcedureVersion.OnlineLevel.choices, label=_("Online service level")
    )
    centre = filters.CharFilter(
        method="filter_catalogue", label=_("Centre"), help_text="Slug of a centre that receives the procedure."
    )

    class Meta:
        model = ProcedureVersion
        fields = list(_ARGUMENTS)

    def filter_catalogue(self, queryset, name, value):
        queryset = catalogue_filter(queryset, **{_ARGUMENTS[name]: value})
        return catalogue_order(queryset, query=value) if name == "q" else queryset
