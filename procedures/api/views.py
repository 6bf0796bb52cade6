"""Public catalogue API: procedures in force (by national code) and their fields. Read-only."""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import generics, viewsets

from portal.api_common import LANG_PARAMETER, ErrorSerializer, LanguageMixin
from procedures.api.filters import ProcedureFilter
from procedures.api.serializers import (
    FieldWithCountSerializer,
    ProcedureDetailSerializer,
    ProcedureListSerializer,
)
from procedures.selectors import catalogue_search, field_choices, procedure_detail

CODE_PARAMETER = OpenApiParameter(
    "code", OpenApiTypes.STR, OpenApiParameter.PATH, description="National procedure code, e.g. 1.001234."
)


@extend_schema(parameters=[LANG_PARAMETER], tags=["procedures"])
@extend_schema_view(
    list=extend_schema(responses={200: ProcedureListSerializer(many=True), 400: ErrorSerializer}),
    retrieve=extend_schema(
        parameters=[CODE_PARAMETER],
        description="One procedure in force, by its national code: required components, fees, the internal "
        "process steps, the publication decision and the centres that receive it (with their hotlines).",
        responses={200: ProcedureDetailSerializer, 404: ErrorSerializer},
    ),
)
class ProcedureViewSet(LanguageMixin, viewsets.ReadOnlyModelViewSet):
    """Administrative procedures in force today, with the content of their current version."""

    lookup_field = "code"
    # National codes contain dots (1.001234.000.00.00.H27).
    lookup_value_regex = r"[^/]+"
    filterset_class = ProcedureFilter

    def get_queryset(self):
        return catalogue_search()

    def get_serializer_class(self):
        return ProcedureDetailSerializer if self.action == "retrieve" else ProcedureListSerializer

    def get_object(self):
        return procedure_detail(code=self.kwargs["code"])


@extend_schema(parameters=[LANG_PARAMETER], tags=["procedures"])
class FieldListView(LanguageMixin, generics.ListAPIView):
    """Fields (lĩnh vực) that have at least one procedure in force, with how many."""

    serializer_class = FieldWithCountSerializer
    filter_backends: list = []

    def get_queryset(self):
        return field_choices()
