"""Dossier API: the public lookup by code, the list and detail a user may see, a citizen's online
draft and an officer's counter intake. Thin: reads through dossiers.selectors, writes through
dossiers.services, the same functions the web pages call."""

from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics, status
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from rest_framework.views import APIView

from dossiers.api import inputs
from dossiers.api.common import ERRORS, dossier_response, validated
from dossiers.api.files import component_uploads, public_component_keys
from dossiers.api.serializers import (
    DossierDetailSerializer,
    DossierListItemSerializer,
    LookupSerializer,
    lookup_representation,
)
from dossiers.errors import DossierError, DossierErrorCode, DossierNotFound
from dossiers.lookups import public_lookup
from dossiers.selectors import (
    DossierFilters,
    desk_queue,
    dossier_filter,
    dossier_get_for,
    dossier_list_for_citizen,
    dossier_list_for_official,
)
from dossiers.services import dossier_create_at_counter, dossier_draft_delete, dossier_draft_save
from portal.api_common import LANG_PARAMETER, ErrorSerializer, LanguageMixin, PlainGetMixin, json_response
from portal.ratelimit import usage as rate_usage

FILES_HELP = (" Each required component's file is a multipart part named component_<position> (the position "
              "the catalogue API lists), checked by content: PDF, JPEG or PNG.")


def lookup_rate(group, request) -> str:
    return settings.DOSSIER_LOOKUP_RATE


@extend_schema(parameters=[LANG_PARAMETER], tags=["dossier lookup"])
class DossierLookupView(LanguageMixin, PlainGetMixin, APIView):
    """Tra cứu hồ sơ: anyone holding a dossier's code sees its progress, without personal data; with the last
    four digits of the applicant's CCCD or phone, also the masked name."""

    permission_classes = [AllowAny]
    # Public and read-only, and the busiest endpoint: no session to look up, JSON only, and GET answered
    # without DRF's request and response (see docs/performance.md).
    authentication_classes: list = []
    renderer_classes = [JSONRenderer]

    @extend_schema(
        operation_id="dossiers_lookup",
        parameters=[OpenApiParameter("code", OpenApiTypes.STR, OpenApiParameter.QUERY, required=True,
                                     description="The code on the receipt slip, e.g. 000.01.49.H49-250701-0001."),
                    OpenApiParameter("last_digits", OpenApiTypes.STR, OpenApiParameter.QUERY, required=False,
                                     description="The last four digits of the applicant's CCCD or phone number: "
                                     "with them, `applicant` holds the masked name (else null). Attempts are "
                                     "limited per dossier.")],
        responses={200: LookupSerializer, 404: ErrorSerializer, 429: ErrorSerializer},
        description="Progress of a dossier by its code. Limited per client address (429 with Retry-After).",
    )
    def get(self, request):
        # A Django request for GET (PlainGetMixin), DRF's for HEAD: both read the same way.
        usage = rate_usage(request, group="dossiers.lookup", key="ip", rate=lookup_rate, increment=True)
        if usage is not None and usage["should_limit"]:
            seconds = max(int(usage["time_left"]), 1)
            message = ngettext("Too many lookups from your connection. Please try again in %(seconds)s second.",
                               "Too many lookups from your connection. Please try again in %(seconds)s seconds.",
                               seconds) % {"seconds": seconds}
            return json_response({"code": DossierErrorCode.RATE_LIMITED, "message": message,
                                  "extra": {"retry_after": seconds}},
                                 status=status.HTTP_429_TOO_MANY_REQUESTS, headers={"Retry-After": str(seconds)})
        try:
            visitor = public_lookup(request, user=None, code=request.GET.get("code", ""),
                                    last_digits=request.GET.get("last_digits", ""))
        except DossierNotFound as error:
            return json_response(error.as_dict(), status=error.status_code)
        return json_response(lookup_representation(visitor))


@extend_schema(parameters=[LANG_PARAMETER], tags=["dossiers"])
class DossierListView(LanguageMixin, generics.GenericAPIView):
    """Hồ sơ: the dossiers the user may see (a citizen their own, an official those of their centre and
    agency), and a citizen's new draft."""

    permission_classes = [IsAuthenticated]
    filter_backends: list = []
    parser_classes = [MultiPartParser, FormParser, JSONParser]
    serializer_class = DossierListItemSerializer

    @extend_schema(operation_id="dossiers_list", parameters=[inputs.DossierFilterSerializer],
                   responses={200: DossierListItemSerializer(many=True), 400: ErrorSerializer, 403: ErrorSerializer},
                   description="Citizens: their own dossiers (drafts too), last changed first. Officials: the "
                   "dossiers of their centre and agency, soonest due first, or one queue of the one-stop desk "
                   "(`queue`).")
    def get(self, request):
        values = validated(inputs.DossierFilterSerializer, request.query_params)
        filters = DossierFilters(query=values["q"], state=values["state"], procedure=values["procedure"],
                                 received_from=values["received_from"], received_to=values["received_to"],
                                 due=values["due"])
        if values["queue"]:
            if not request.user.is_official:
                message = _("Queues are the one-stop desk's: only officials may ask for one.")
                raise DossierError(message, code=DossierErrorCode.INVALID, extra={"errors": {"queue": [message]}})
            dossiers = desk_queue(user=request.user, queue=values["queue"], filters=filters)
        elif request.user.is_official:
            dossiers = dossier_list_for_official(user=request.user, filters=filters)
        else:
            dossiers = dossier_filter(dossier_list_for_citizen(user=request.user), filters)
        page = self.paginate_queryset(dossiers)
        return self.get_paginated_response(self.get_serializer(page, many=True).data)

    @extend_schema(operation_id="dossiers_create_draft", request=inputs.DraftCreateSerializer,
                   responses={201: DossierDetailSerializer, **ERRORS},
                   description="A citizen saves a new online draft (nothing is checked for completeness until "
                   "it is submitted)." + FILES_HELP)
    def post(self, request):
        data = validated(inputs.DraftCreateSerializer, request.data)
        version = data["procedure"]
        with public_component_keys(version):
            dossier = dossier_draft_save(
                citizen=request.user, version=version, centre=data["centre"],
                applicant=inputs.ApplicantFieldsSerializer.applicant(data), description=data["description"],
                uploads=component_uploads(version, request.FILES), form_data=data.get("form_data"),
            )
        return dossier_response(request, dossier.uuid, status_code=status.HTTP_201_CREATED)


@extend_schema(parameters=[LANG_PARAMETER], tags=["dossiers"])
class DossierDetailView(LanguageMixin, APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(operation_id="dossiers_retrieve", responses={200: DossierDetailSerializer, 403: ErrorSerializer,
                                                               404: ErrorSerializer},
                   description="One dossier with its steps, current files (download links) and history, and the "
                   "commands the user may send now. 404 also for a dossier that is not the user's to see.")
    def get(self, request, uuid):
        return dossier_response(request, uuid)


@extend_schema(parameters=[LANG_PARAMETER], tags=["dossiers"])
class DraftUpdateView(LanguageMixin, APIView):
    permission_classes = [IsAuthenticated]
    parser_classes = [MultiPartParser, FormParser, JSONParser]

    @extend_schema(operation_id="dossiers_draft_update", request=inputs.DraftUpdateSerializer,
                   responses={200: DossierDetailSerializer, **ERRORS},
                   description="The applicant changes their draft; fields left out keep their value, a file "
                   "sent replaces the component's current one." + FILES_HELP)
    def post(self, request, uuid):
        dossier = dossier_get_for(user=request.user, uuid=uuid)
        data = validated(inputs.DraftUpdateSerializer, request.data, partial=True)
        current = {"applicant_name": dossier.applicant_name, "applicant_cccd": dossier.applicant_cccd,
                   "applicant_phone": dossier.applicant_phone, "applicant_email": dossier.applicant_email,
                   "applicant_address": dossier.applicant_address, "description": dossier.description}
        values = {**current, **data}
        version = dossier.procedure_version
        with public_component_keys(version):
            dossier_draft_save(
                citizen=request.user, version=version, centre=data.get("centre", dossier.centre),
                applicant=inputs.ApplicantFieldsSerializer.applicant(values), description=values["description"],
                uploads=component_uploads(version, request.FILES), dossier=dossier,
                form_data=data.get("form_data"),
            )
        return dossier_response(request, uuid)

    @extend_schema(operation_id="dossiers_draft_delete", request=None,
                   responses={204: None, 403: ErrorSerializer, 404: ErrorSerializer, 409: ErrorSerializer},
                   description="The applicant deletes their draft and its files (never sent, so nobody else has "
                   "seen it). A submitted dossier is not deleted (409): it may be withdrawn.")
    def delete(self, request, uuid):
        dossier = dossier_get_for(user=request.user, uuid=uuid)
        dossier_draft_delete(dossier=dossier, citizen=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)


@extend_schema(parameters=[LANG_PARAMETER], tags=["dossiers"])
class CounterIntakeView(LanguageMixin, APIView):
    permission_classes = [IsAuthenticated]
    parser_classes = [MultiPartParser, FormParser, JSONParser]

    @extend_schema(operation_id="dossiers_counter_create", request=inputs.CounterCreateSerializer,
                   responses={201: DossierDetailSerializer, **ERRORS},
                   description="A one-stop officer files a walk-in applicant's dossier at their centre. It gets "
                   "its code at once and is received (due date, steps, receipt slip), unless `await_check` leaves it "
                   "awaiting the completeness check (submitted)." + FILES_HELP)
    def post(self, request):
        data = validated(inputs.CounterCreateSerializer, request.data)
        version = data["procedure"]
        with public_component_keys(version):
            dossier = dossier_create_at_counter(
                officer=request.user, version=version, applicant=inputs.ApplicantFieldsSerializer.applicant(data),
                description=data["description"], uploads=component_uploads(version, request.FILES),
                await_check=data["await_check"],
                form_data=data.get("form_data") or {},
            )
        return dossier_response(request, dossier.uuid, status_code=status.HTTP_201_CREATED)
