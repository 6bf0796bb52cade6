"""Petition API (phản ánh, kiến nghị): submission, the list and detail a user may see, public tracking by code,
the published answers, and the hotline desk's call log. Thin: reads through Petition.objects.visible_to and
feedback.disclosure, writes through feedback.services, the functions the pages call; the commands are in
feedback/api/commands.py."""

from __future__ import annotations

from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics, status
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from feedback import permissions
from feedback.api import inputs
from feedback.api.commands import CALLER_VIEW, KEY_PARAMETER
from feedback.api.common import (
    ERRORS,
    LimitedMixin,
    RateLimited,
    caller_view,
    detailed,
    petition_for,
    petition_public,
    prove,
    rate,
    reached,
    validated,
)
from feedback.api.serializers import (
    HotlineCallSerializer,
    PetitionDetailSerializer,
    PetitionListItemSerializer,
    PetitionTrackSerializer,
    PublishedAnswerSerializer,
)
from feedback.errors import FeedbackError, FeedbackErrorCode, PetitionForbidden
from feedback.models import HotlineCall, Petition
from feedback.selectors import published_answer, published_answers
from feedback.services import CallInput, PetitionInput, hotline_call_record, petition_submit
from portal.api_common import LANG_PARAMETER, ErrorSerializer, LanguageMixin


def _petition_input(data: dict, *, files=(), dossier_code: str = "") -> PetitionInput:
    version = data.get("procedure")
    return PetitionInput(
        title=data["title"], content=data["content"], kind=data["kind"], proposal=data["proposal"],
        about=data["about"], name=data["name"], address=data["address"], phone=data["phone"], email=data["email"],
        dossier_code=dossier_code, procedure=version.procedure if version else None, centre=data.get("centre"),
        official_name=data["official_name"], files=list(files),
    )


def _only_attachments(files) -> None:
    """Files travel as ``files``; one under any other name would be dropped without a word."""
    others = [name for name in files if name != "files"]
    if others:
        message = _("Send attachments as files (repeat the part for each file).")
        raise FeedbackError(message, code=FeedbackErrorCode.INVALID, extra={"errors": {n: [message] for n in others}})


@extend_schema(parameters=[LANG_PARAMETER], tags=["petitions"])
class PetitionListView(LimitedMixin, LanguageMixin, generics.GenericAPIView):
    """Phản ánh, kiến nghị: the petitions the user may see, and a new one from anyone."""

    parser_classes = [JSONParser, MultiPartParser, FormParser]
    serializer_class = PetitionListItemSerializer
    filter_backends: list = []

    def get_permissions(self):
        return [AllowAny()] if self.request.method == "POST" else [IsAuthenticated()]

    @extend_schema(operation_id="feedback_petitions_list", parameters=[inputs.PetitionFilterSerializer],
                   responses={200: PetitionListItemSerializer(many=True), 400: ErrorSerializer, 403: ErrorSerializer},
                   description="Citizens: the petitions they sent with their account, newest first. Officials: those "
                   "of their agency, those that passed through it, those about their centre or about a dossier "
                   "they may see; the hotline desk and admins all of them; the next deadline first.")
    def get(self, request):
        values = validated(inputs.PetitionFilterSerializer, request.query_params)
        petitions = Petition.objects.visible_to(request.user).select_related("agency")
        for name in ("state", "category", "klass"):
            if values[name]:
                petitions = petitions.filter(**{name: values[name]})
        if values["agency"] is not None:
            petitions = petitions.filter(agency=values["agency"])
        now = timezone.now()
        if values["overdue"] is True:
            petitions = petitions.filter(deadline_at__lt=now)
        elif values["overdue"] is False:
            petitions = petitions.filter(Q(deadline_at__isnull=True) | Q(deadline_at__gte=now))
        if request.user.is_official:
            petitions = petitions.order_by(F("deadline_at").asc(nulls_last=True), "-submitted_at", "-pk")
        page = self.paginate_queryset(petitions)
        return self.get_paginated_response(self.get_serializer(page, many=True).data)

    @extend_schema(operation_id="feedback_petitions_submit", request=inputs.PetitionSubmitSerializer,
                   responses={201: CALLER_VIEW, 400: ErrorSerializer, 429: ErrorSerializer},
                   description="Gửi phản ánh, kiến nghị. Decree 20/2008 accepts no anonymous petitions: without an "
                   "account, name, address and phone are required (400 `feedback.contact_missing`, each missing "
                   "field in extra.errors); a citizen's account fills what it knows. The petition gets its code and "
                   "deadlines at once. Submissions that pass the checks are limited per client address "
                   "(FEEDBACK_SUBMIT_RATE, counted with the online form's; 429 with Retry-After); refused ones are not "
                   "counted. Answers the detail "
                   "for an account, else the tracking representation with `petitioner`.")
    def post(self, request):
        usage = rate(request, group="feedback.submit", setting="FEEDBACK_SUBMIT_RATE", count=False)
        if reached(usage, counted=False):
            seconds = max(int(usage["time_left"]), 1)
            raise RateLimited(usage, ngettext(
                "Too many petitions were sent from your connection. Please try again in %(seconds)s second, or "
                "call the hotline.",
                "Too many petitions were sent from your connection. Please try again in %(seconds)s seconds, or "
                "call the hotline.", seconds))
        _only_attachments(request.FILES)
        data = validated(inputs.PetitionSubmitSerializer, request.data)
        user = request.user
        citizen = user if user.is_authenticated and not user.is_official else None
        petition = petition_submit(data=_petition_input(data, files=data["files"], dossier_code=data["dossier_code"]),
                                   channel=Petition.Channel.ONLINE, citizen=citizen)
        rate(request, group="feedback.submit", setting="FEEDBACK_SUBMIT_RATE", count=True)
        return caller_view(request, petition, proven=not user.is_authenticated, status_code=status.HTTP_201_CREATED)


@extend_schema(parameters=[LANG_PARAMETER, KEY_PARAMETER], tags=["petitions"])
class PetitionDetailView(LanguageMixin, APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(operation_id="feedback_petitions_retrieve",
                   responses={200: PetitionDetailSerializer, 403: ErrorSerializer, 404: ErrorSerializer},
                   description="One petition with its deadlines, countdown, history and the commands the user may "
                   "send now. 404 also for a petition that is not the user's to see.")
    def get(self, request, code):
        petition = detailed(Petition.objects).get(pk=petition_for(request.user, code).pk)
        return Response(PetitionDetailSerializer(petition, context={"request": request}).data)


@extend_schema(parameters=[LANG_PARAMETER, KEY_PARAMETER], tags=["petition tracking"])
class TrackView(LimitedMixin, LanguageMixin, APIView):
    """Theo dõi phản ánh: anyone holding the code."""

    permission_classes = [AllowAny]
    authentication_classes: list = []  # public and read-only: no session is read

    @extend_schema(operation_id="feedback_track", parameters=[inputs.TrackSerializer],
                   responses={200: PetitionTrackSerializer, 400: ErrorSerializer, 403: ErrorSerializer,
                              404: ErrorSerializer, 429: ErrorSerializer},
                   description="The progress of a petition by its code: state, agency, dates, the next deadline and "
                   "the working days left; no personal data, and no texts but the masked ones once published. With "
                   "the phone number it was sent with (`phone`), also what the petitioner sent and was written. "
                   "Limited per client address (FEEDBACK_LOOKUP_RATE, counted with the tracking page's; 429 with "
                   "Retry-After).")
    def get(self, request, code):
        usage = rate(request, group="feedback.track", setting="FEEDBACK_LOOKUP_RATE", count=True)
        if reached(usage, counted=True):
            seconds = max(int(usage["time_left"]), 1)
            raise RateLimited(usage, ngettext(
                "Too many lookups from your connection. Please try again in %(seconds)s second.",
                "Too many lookups from your connection. Please try again in %(seconds)s seconds.", seconds))
        values = validated(inputs.TrackSerializer, request.query_params)
        petition = petition_public(code)
        if values["phone"]:
            prove(request, petition, values["phone"])
        petition = detailed(Petition.objects).get(pk=petition.pk)
        context = {"request": request, "proven": bool(values["phone"])}
        return Response(PetitionTrackSerializer(petition, context=context).data)


@extend_schema(parameters=[LANG_PARAMETER], tags=["published answers"])
class PublishedListView(LanguageMixin, generics.GenericAPIView):
    permission_classes = [AllowAny]
    authentication_classes: list = []
    serializer_class = PublishedAnswerSerializer
    filter_backends: list = []

    @extend_schema(operation_id="feedback_published_list", parameters=[inputs.PublishedFilterSerializer],
                   responses={200: PublishedAnswerSerializer(many=True), 400: ErrorSerializer},
                   description="The published answers, newest first, with personal data masked; searchable without "
                   "diacritics (`q`).")
    def get(self, request):
        values = validated(inputs.PublishedFilterSerializer, request.query_params)
        agency = values["agency"]
        # The public page's search (feedback.selectors), with every field the representation reads.
        petitions = published_answers(query=values["q"], category=values["category"],
                                      agency=agency.code if agency else "").defer(None)
        page = self.paginate_queryset(petitions)
        return self.get_paginated_response(self.get_serializer(page, many=True).data)


@extend_schema(parameters=[LANG_PARAMETER, OpenApiParameter("code", str, OpenApiParameter.PATH,
                                                            description="The petition's code.")],
               tags=["published answers"])
class PublishedDetailView(LanguageMixin, APIView):
    permission_classes = [AllowAny]
    authentication_classes: list = []

    @extend_schema(operation_id="feedback_published_retrieve",
                   responses={200: PublishedAnswerSerializer, 404: ErrorSerializer},
                   description="One published answer (masked texts only). 404 for a petition not published.")
    def get(self, request, code):
        petition = published_answer(code)
        return Response(PublishedAnswerSerializer(petition, context={"request": request}).data)


def _desk(user) -> None:
    if not permissions.is_hotline_desk(user):
        raise PetitionForbidden(_("Only hotline officers and admins work the hotline desk."),
                                code=FeedbackErrorCode.FORBIDDEN)


@extend_schema(parameters=[LANG_PARAMETER], tags=["hotline desk"])
class CallListView(LanguageMixin, generics.GenericAPIView):
    """Sổ ghi cuộc gọi: the hotline desk's call log (hotline officers and admins)."""

    permission_classes = [IsAuthenticated]
    parser_classes = [JSONParser]
    serializer_class = HotlineCallSerializer
    filter_backends: list = []

    @extend_schema(operation_id="feedback_calls_list", parameters=[inputs.CallFilterSerializer],
                   responses={200: HotlineCallSerializer(many=True), 400: ErrorSerializer, 403: ErrorSerializer},
                   description="Calls, the latest first, by period, outcome and caller's number.")
    def get(self, request):
        _desk(request.user)
        values = validated(inputs.CallFilterSerializer, request.query_params)
        calls = HotlineCall.objects.select_related("hotline", "officer", "dossier", "petition")
        if values["date_from"]:
            calls = calls.filter(started_at__date__gte=values["date_from"])
        if values["date_to"]:
            calls = calls.filter(started_at__date__lte=values["date_to"])
        if values["outcome"]:
            calls = calls.filter(outcome=values["outcome"])
        if values["phone"]:
            calls = calls.filter(caller_phone__contains=values["phone"])
        page = self.paginate_queryset(calls)
        return self.get_paginated_response(self.get_serializer(page, many=True).data)

    @extend_schema(operation_id="feedback_calls_create", request=inputs.CallInputSerializer,
                   responses={201: HotlineCallSerializer, **ERRORS},
                   description="The officer writes a call down: the caller's number, what they said, the dossier "
                   "they asked about (its state comes back in `dossier`), and the outcome — answered at once, "
                   "referred, no action, or a petition opened for them (`petition`, filed through the hotline "
                   "channel in the same transaction; its contact defaults to the caller's number and name).")
    def post(self, request):
        _desk(request.user)
        data = validated(inputs.CallInputSerializer, request.data)
        opened = data["petition"]
        call = hotline_call_record(
            officer=request.user,
            call=CallInput(caller_phone=data["caller_phone"], summary=data["summary"], outcome=data["outcome"],
                           caller_name=data["caller_name"], response=data["response"],
                           dossier_code=data["dossier_code"], hotline=data["hotline"], started_at=data["started_at"]),
            petition=_petition_input(opened, dossier_code=data["dossier_code"]) if opened else None,
        )
        call = HotlineCall.objects.select_related("hotline", "officer", "dossier", "petition").get(pk=call.pk)
        return Response(HotlineCallSerializer(call, context={"request": request}).data,
                        status=status.HTTP_201_CREATED)
