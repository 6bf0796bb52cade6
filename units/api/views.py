"""Public API of service centres: ``/api/v1/centres/`` and ``/api/v1/centres/{slug}/``."""

from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import viewsets

from portal.api_common import LANG_PARAMETER, ErrorSerializer, LanguageMixin
from units.api.serializers import CentreSerializer
from units.selectors import centre_detail_public, centre_list_public


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
        return centre_list_public()

    def get_object(self):
        return centre_detail_public(slug=self.kwargs["slug"])
