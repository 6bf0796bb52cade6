"""One explicit endpoint per petition action (feedback.actions.ACTIONS), POST
``/api/v1/feedback/petitions/{code}/{action}/``: its input serializer is generated from the action's Field specs
(as the officials' page builds its form from them), it calls the action's service, and it answers with the
petition's new representation. The services check who may act (403 ``feedback.forbidden``) and whether the
state allows it (409 ``feedback.bad_state``...).

The citizen's actions (supply-info, rate, reopen) are also open to a caller without an account who gives the
petition's phone number (``phone``): the proof the decree's channels rely on, limited per petition."""

from __future__ import annotations

import inspect

from django.utils.text import format_lazy
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    PolymorphicProxySerializer,
    extend_schema,
    extend_schema_view,
)
from rest_framework import serializers
from rest_framework.exceptions import NotAuthenticated
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.views import APIView

from feedback.actions import ACTIONS, Action, Field, Input
from feedback.api.common import (
    ERRORS,
    KEY_HELP,
    LimitedMixin,
    caller_view,
    petition_for,
    petition_public,
    prove,
    validated,
)
from feedback.api.inputs import LINE_MAX, LONG_TEXT_MAX, TEXT, OptionalAgency, UsernameField
from feedback.api.serializers import PetitionDetailSerializer, PetitionTrackSerializer
from portal.api_common import LANG_PARAMETER, ErrorSerializer, LanguageMixin

KEY_PARAMETER = OpenApiParameter("code", OpenApiTypes.STR, OpenApiParameter.PATH, description=KEY_HELP)
# What a command (or a submission) answers: the petition as the caller may read it.
CALLER_VIEW = PolymorphicProxySerializer(
    component_name="PetitionForCaller", serializers=[PetitionDetailSerializer, PetitionTrackSerializer],
    resource_type_field_name=None,
)
CITIZEN_HELP = ("The petitioner's action (the hotline desk and the agency's intake officials may also send "
                "information for them). Answers the petition as the caller may read it: the detail for an account "
                "that may see it; the tracking representation, with `petitioner`, for a caller who gave the phone "
                "number.")
PROOF_HELP = ("Without an account (or for a petition sent without one): the phone number the petition was sent "
              "with, as proof that it is the caller's. Attempts are limited per petition (FEEDBACK_PHONE_RATE, with the "
              "tracking page's; 429).")


def _help(spec: Field):
    return format_lazy("{}{}{}", spec.label, ". " if spec.help else "", spec.help)


def input_field(spec: Field) -> serializers.Field:
    """The API's field for one of an action's Field specs."""
    optional = {} if spec.required else {"required": False}
    if spec.kind in (Input.TEXT, Input.LONG_TEXT):
        limit = spec.max_length or (LINE_MAX if spec.kind == Input.TEXT else LONG_TEXT_MAX)
        extra = {} if spec.required else TEXT
        return serializers.CharField(max_length=limit, help_text=_help(spec), **extra)
    if spec.kind == Input.CHOICE:
        extra = {} if spec.required else TEXT
        return serializers.ChoiceField(choices=list(spec.choices), help_text=_help(spec), **extra)
    if spec.kind == Input.HANDLER:
        return UsernameField(max_length=150, allow_null=not spec.required, **optional,
                             help_text=format_lazy("{}: {}", _help(spec), "the username of an official of the "
                                                   "petition's agency."))
    if spec.kind == Input.AGENCY:
        return OptionalAgency(max_length=40, allow_null=not spec.required, **optional,
                              help_text=format_lazy("{}: {}", _help(spec), "the agency's electronic code."))
    if spec.kind == Input.BOOLEAN:
        initial = bool(spec.initial) if spec.initial is not None else False
        return serializers.BooleanField(required=False, default=initial, help_text=_help(spec))
    raise ValueError(f"No API field for {spec.kind!r}")  # a new Input kind needs its field here


def input_serializer(action: Action) -> type[serializers.Serializer]:
    fields = {spec.name: input_field(spec) for spec in action.fields}
    if action.for_citizen:
        fields["phone"] = serializers.CharField(max_length=20, help_text=PROOF_HELP, **TEXT)
    name = "Petition" + action.name.title().replace("_", "")
    return type(name, (serializers.Serializer,), fields)


def _phone_given(data) -> bool:
    return isinstance(data, dict) and bool(str(data.get("phone") or "").strip())


@extend_schema(parameters=[LANG_PARAMETER, KEY_PARAMETER], tags=["petition commands"])
class PetitionCommand(LimitedMixin, LanguageMixin, APIView):
    permission_classes = [IsAuthenticated]
    parser_classes = [JSONParser, FormParser, MultiPartParser]
    action: Action
    serializer: type[serializers.Serializer]

    def post(self, request, code):
        proof = self.action.for_citizen and _phone_given(request.data)
        if proof:
            petition = petition_public(code)
        elif not request.user.is_authenticated:
            raise NotAuthenticated(_("Log in, or give the phone number the petition was sent with."))
        else:
            petition = petition_for(request.user, code)
        values = dict(validated(self.serializer, request.data, context={"petition": petition}))
        phone = values.pop("phone", "")
        if proof:
            prove(request, petition, phone)
            if "proof" in inspect.signature(self.action.service).parameters:
                values["proof"] = True
        petition = self.action.perform(petition=petition, user=None if proof else request.user, values=values)
        return caller_view(request, petition, proven=proof)


def command_view(action: Action) -> type[PetitionCommand]:
    attributes = {"action": action, "serializer": input_serializer(action)}
    if action.for_citizen:
        attributes["permission_classes"] = [AllowAny]
    view = type(f"{action.name.title().replace('_', '')}Command", (PetitionCommand,), attributes)
    description = action.intro or action.label
    responses = {200: PetitionDetailSerializer, **ERRORS}
    if action.for_citizen:
        responses = {200: CALLER_VIEW, **ERRORS, 429: ErrorSerializer}
        description = format_lazy("{} {}", description, CITIZEN_HELP)
    return extend_schema_view(post=extend_schema(
        operation_id=f"feedback_petitions_{action.name}", request=attributes["serializer"], responses=responses,
        summary=action.label, description=description,
    ))(view)


def command_views() -> list[tuple[Action, type[PetitionCommand]]]:
    return [(action, command_view(action)) for action in ACTIONS]
