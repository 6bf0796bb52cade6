"""``/api/v1/documents/``, the outgoing flow: create a draft (``outgoing/``), revise it, replace or correct an
issued document (each a new draft linked to it), and one explicit endpoint per command of the registry of
documents.outgoing_actions. Each answers with the document's representation; the services check who may
act (403 ``document.forbidden``; 404 for a document the user may not see) and whether the state allows it
(409 ``document.bad_state``, ``document.frozen``)."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import status
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.permissions import IsAuthenticated
from rest_framework.views import APIView

from documents.api import outgoing_inputs as inputs
from documents.api.common import (
    ERRORS,
    document_get_for,
    document_response,
    require_documents_official,
    validated,
)
from documents.api.serializers import DocumentDetailSerializer
from documents.errors import DocumentError, DocumentErrorCode
from documents.models import Document
from documents.outgoing_actions import Action
from documents.services import outgoing as services
from portal.api_common import LANG_PARAMETER, LanguageMixin

PARSERS = [JSONParser, MultiPartParser, FormParser]


def _valid(serializer):
    """The serializer, validated; its errors as a DocumentError (400 ``document.invalid``), as ``validated``."""
    if not serializer.is_valid():
        validated(type(serializer), serializer.initial_data)
    return serializer


def _linked(user, uuid, *, direction: str, field: str) -> Document | None:
    if uuid is None:
        return None
    try:
        document = document_get_for(user, uuid)
    except DocumentError:
        document = None
    if document is None or document.direction != direction:
        raise DocumentError(f"{field}: no such document.", code=DocumentErrorCode.INVALID,
                            extra={"errors": {field: ["No such document."]}})
    return document


@extend_schema(parameters=[LANG_PARAMETER], tags=["outgoing documents"])
class OutgoingCreateView(LanguageMixin, APIView):
    permission_classes = [IsAuthenticated]
    parser_classes = PARSERS

    @extend_schema(operation_id="documents_outgoing_create", request=inputs.OutgoingCreateSerializer,
                   responses={201: DocumentDetailSerializer, **ERRORS},
                   description="Dự thảo văn bản đi: a draft of the user's agency. The body is `file` (a PDF or a Word "
                   ".docx, converted to PDF; multipart, with `recipients` as a JSON string) or `body` (text, one "
                   "paragraph a line, composed in the Decree 30 Appendix I layout). `reply_to` links the incoming "
                   "document it answers; `replaces` / `corrects` an issued one (Art. 18.3).")
    def post(self, request):
        require_documents_official(request.user)
        serializer = _valid(inputs.OutgoingCreateSerializer(data=request.data))
        values = serializer.resolved(request.user)
        data = serializer.validated_data
        links = {
            "reply_to": _linked(request.user, data.get("reply_to"), direction="incoming", field="reply_to"),
            "replaces": _linked(request.user, data.get("replaces"), direction="outgoing", field="replaces"),
            "corrects": _linked(request.user, data.get("corrects"), direction="outgoing", field="corrects"),
        }
        document = services.outgoing_create(actor=request.user, **values, **links)
        return document_response(request, document.uuid, status_code=status.HTTP_201_CREATED)


@extend_schema(parameters=[LANG_PARAMETER], tags=["outgoing documents"])
class FollowUpView(LanguageMixin, APIView):
    """Replace or correct an issued document: a new draft pointing at it."""

    permission_classes = [IsAuthenticated]
    parser_classes = PARSERS
    link = "replaces"

    def post(self, request, uuid):
        earlier = document_get_for(request.user, uuid)
        serializer = _valid(inputs.OutgoingDraftSerializer(data=request.data))
        document = services.outgoing_create(actor=request.user, **serializer.resolved(request.user),
                                            **{self.link: earlier})
        return document_response(request, document.uuid, status_code=status.HTTP_201_CREATED)


ReplaceView = extend_schema_view(post=extend_schema(
    operation_id="documents_outgoing_replace", request=inputs.OutgoingDraftSerializer,
    responses={201: DocumentDetailSerializer, **ERRORS},
    description="Văn bản thay thế (Art. 18.3, an error of content): a new draft of the same kind that replaces "
    "the issued document; when it is issued, the replaced one's trail says so. Input as for a new draft."))(
    type("ReplaceView", (FollowUpView,), {"link": "replaces"}))
CorrectView = extend_schema_view(post=extend_schema(
    operation_id="documents_outgoing_correct", request=inputs.OutgoingDraftSerializer,
    responses={201: DocumentDetailSerializer, **ERRORS},
    description="Công văn đính chính (Art. 18.3, an error of form or procedure): a new draft (a công văn) that "
    "corrects the issued document. Input as for a new draft."))(
    type("CorrectView", (FollowUpView,), {"link": "corrects"}))


@extend_schema(parameters=[LANG_PARAMETER], tags=["outgoing documents"])
class ReviseView(LanguageMixin, APIView):
    permission_classes = [IsAuthenticated]
    parser_classes = PARSERS

    @extend_schema(operation_id="documents_outgoing_revise", request=inputs.OutgoingReviseSerializer,
                   responses={200: DocumentDetailSerializer, **ERRORS},
                   description="The drafter changes a draft or one sent back (draft|sent_back): the details given "
                   "change, `recipients` replace the list, and a new `file` or `body` is a new version (a composed "
                   "draft is laid out anew with its new details).")
    def post(self, request, uuid):
        document = document_get_for(request.user, uuid)
        serializer = _valid(inputs.OutgoingReviseSerializer(data=request.data))
        given = set(serializer.validated_data)
        values = _revise_values(serializer, request.user, document, given)
        services.outgoing_revise(document=document, actor=request.user, **values)
        return document_response(request, uuid)


def _revise_values(serializer, user, document: Document, given: set) -> dict:
    """The details given, looked up; the others stay as they are."""
    filled = dict(serializer.validated_data)
    filled.setdefault("document_type", document.document_type.code)
    filled.setdefault("subject", document.subject)
    filled.setdefault("signer", document.signer.username if document.signer_id else "")
    filled.setdefault("recipients", [])
    resolved = serializer.resolved(user, filled)
    values = {name: resolved[name] for name in ("document_type", "subject", "signer", "drafting_unit", "urgency",
                                                "secrecy", "due_date", "authority_line", "description",
                                                "recipients") if name in given}
    values["body"] = resolved["body"] if "body" in given else None
    values["upload"] = resolved["upload"]
    values["note"] = filled.get("note") or ""
    return values


@extend_schema(parameters=[LANG_PARAMETER], tags=["outgoing documents"])
class OutgoingCommand(LanguageMixin, APIView):
    permission_classes = [IsAuthenticated]
    parser_classes = PARSERS
    action: Action

    def post(self, request, uuid):
        document = document_get_for(request.user, uuid)
        if document.direction != Document.Direction.OUTGOING:
            raise DocumentError("This command is for outgoing documents.", code=DocumentErrorCode.BAD_STATE)
        serializer = _valid(self.action.serializer(data=request.data))
        values = dict(serializer.validated_data)
        if self.action.name == "number":
            values = serializer.resolved(document)
        elif self.action.name == "issue":
            values = {}
        self.action.perform(document=document, user=request.user, values=values)
        return document_response(request, uuid)


def command_view(action: Action) -> type[OutgoingCommand]:
    view = type(f"Outgoing{action.name.title().replace('_', '')}Command", (OutgoingCommand,),
                {"action": action, "__doc__": action.description})
    return extend_schema_view(post=extend_schema(
        operation_id=f"documents_outgoing_{action.name}", request=action.serializer,
        responses={200: DocumentDetailSerializer, **ERRORS}, description=action.description,
    ))(view)
