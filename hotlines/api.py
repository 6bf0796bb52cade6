"""Public hotlines API: ``/api/v1/hotlines/`` (wired from units/api/urls.py)."""

from django.utils.translation import gettext_lazy as _
from django_filters import rest_framework as filters
from drf_spectacular.utils import extend_schema
from rest_framework import generics, serializers

from hotlines.models import Hotline
from hotlines.selectors import hotline_list_public
from portal.api_common import LANG_PARAMETER, LanguageMixin


class HotlineSerializer(serializers.ModelSerializer):
    display_label = serializers.CharField(read_only=True, help_text="The label in the active language.")
    display_number = serializers.CharField(read_only=True, help_text="The number grouped for reading aloud.")
    centre = serializers.SlugRelatedField(
        slug_field="slug", read_only=True, allow_null=True, help_text="Slug of the centre; null province-wide."
    )

    class Meta:
        model = Hotline
        fields = ["number", "display_number", "label", "label_en", "display_label", "centre"]
        read_only_fields = fields


class HotlineFilter(filters.FilterSet):
    centre = filters.CharFilter(
        method="filter_centre", label=_("Centre"), help_text="Only the hotlines of the centre with this slug."
    )

    class Meta:
        model = Hotline
        fields = ["centre"]

    def filter_centre(self, queryset, name, value):
        return queryset.filter(centre__slug=value)


@extend_schema(parameters=[LANG_PARAMETER], tags=["hotlines"])
class HotlineListView(LanguageMixin, generics.ListAPIView):
    """Public hotlines: the province-wide numbers first, then those of each published centre."""

    serializer_class = HotlineSerializer
    filterset_class = HotlineFilter

    def get_queryset(self):
        return hotline_list_public()
