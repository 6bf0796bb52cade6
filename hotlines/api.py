"""Public API of the province's contact points: ``/api/v1/hotlines/`` and the service centres with their
hotlines, ``/api/v1/centres/`` and ``/api/v1/centres/{slug}/`` (routes: hotlines/api_urls.py)."""

from django.utils.translation import gettext_lazy as _
from django_filters import rest_framework as filters
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import generics, serializers, viewsets

from hotlines.models import Hotline
from hotlines.selectors import hotline_list_public, with_hotlines
from portal.api_common import LANG_PARAMETER, ErrorSerializer, LanguageMixin
from units.api.serializers import CentreBaseSerializer
from units.models import ServiceCentre
from units.selectors import centre_detail_public, centre_list_public


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


class CentreSerializer(CentreBaseSerializer):
    hotlines = HotlineSerializer(many=True, read_only=True, help_text="Active hotlines of this centre.")

    class Meta(CentreBaseSerializer.Meta):
        fields = [*CentreBaseSerializer.Meta.fields[:-1], "hotlines", "procedures_url"]
        read_only_fields = fields


@extend_schema(parameters=[LANG_PARAMETER], tags=["centres"])
@extend_schema_view(
    retrieve=extend_schema(
        description="One published centre by its short name (slug).",
        responses={200: CentreSerializer, 404: ErrorSerializer},
    )
)
class CentreViewSet(LanguageMixin, viewsets.ReadOnlyModelViewSet):
    """Published public administration service centres: address, opening hours, contact and hotlines."""

    serializer_class = CentreSerializer
    lookup_field = "slug"
    filter_backends: list = []

    def get_queryset(self):
        return with_hotlines(centre_list_public())

    def get_object(self) -> ServiceCentre:
        return centre_detail_public(slug=self.kwargs["slug"], centres=with_hotlines(centre_list_public()))
