"""The incoming flow's commands (văn bản đến, Decree 30/2020 art. 20–24), one POST each: receive a paper
document (multipart), register, return, direct, assign, comment, complete. Each answers with the document's
representation; the services check who may act (403 ``document.forbidden``), whether the state allows it (409
``document.bad_state``), and the input (400 with ``extra.errors`` by field)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import status
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.permissions import IsAuthenticated
from rest_framework.views import APIView

from documents.api import inputs_incoming as inputs
from documents.api.common import (
    ERRORS,
    document_get_for,
    document_response,
    require_documents_official,
    validated,
)
from documents.api.serializers import DocumentDetailSerializer
from documents.errors import DocumentError, DocumentErrorCode
from documents.models import Assignment, Document
from documents.services import handling, incoming
from documents.services.handling import DirectionLine
from documents.uploads import check_pdf
from portal.api_common import LANG_PARAMETER, LanguageMixin


def _assignment(document: Document, pk: int | None, field: str = "assignment") -> Assignment | None:
    if pk is None:
        return None
    found = Assignment.objects.filter(document=document, pk=pk).first()
    if found is None:
        message = _("No such assignment on this document.")
        raise DocumentError(message, code=DocumentErrorCode.INVALID, extra={"errors": {field: [message]}})
    return found


def _register(document, user, values):
    incoming.incoming_register(document=document, clerk=user, **values)


def _refuse(document, user, values):
    incoming.incoming_refuse(document=document, clerk=user, **values)


def _direct(document, user, values):
    lines = [DirectionLine(**line) for line in values["lines"]]
    handling.incoming_direct(document=document, actor=user, note=values["note"], lines=lines,
                             on_behalf_of=values["on_behalf_of"])


def _assign(document, user, values):
    handling.incoming_assign(document=document, head=user, **{**values, "assignment": _assignment(
        document, values["assignment"])})


def _comment(document, user, values):
    handling.incoming_comment(document=document, actor=user, **values)


def _complete(document, user, values):
    handling.incoming_complete(document=document, actor=user, result=values["result"],
                               assignment=_assignment(document, values["assignment"]))


@dataclass(frozen=True)
class Command:
    name: str
    serializer: type
    perform: Any
    description: str


COMMANDS = (
    Command("register", inputs.RegisterInput, _register,
            "Vào sổ văn bản đến: the next incoming number (số đến) of the register for this year. 409 "
            "document.duplicate when the same sender's number, symbol and date are registered (send "
            "confirm_duplicate), 409 document.signature_invalid when the integrity check failed (return it), "
            "400 document.wrong_register."),
    Command("return", inputs.RefuseInput, _refuse,
            "Return the document to its sender with a reason (art. 21.2): it failed its check or is misaddressed. "
            "The sender's recipient row shows \"refused\" with the reason."),
    Command("direct", inputs.DirectInput, _direct,
            "Phiếu giải quyết văn bản đến (art. 23.4): the leader's direction, one lead, co-operating units or "
            "officials and ones for information, a deadline for each (a date or working days). A clerk records "
            "a leader's direction with on_behalf_of."),
    Command("assign", inputs.AssignInput, _assign,
            "The head of a unit given the document assigns the unit's part to one of its officials, by a deadline "
            "no later than the unit's."),
    Command("comment", inputs.CommentInput, _comment,
            "A handler's comment or proposal; the first handler's action puts the document in progress."),
    Command("complete", inputs.CompleteInput, _complete,
            "The handler's part is done, with what was done; when the lead's part is done, the document is."),
)


@extend_schema(parameters=[LANG_PARAMETER], tags=["document commands"])
class IncomingCommandView(LanguageMixin, APIView):
    permission_classes = [IsAuthenticated]
    parser_classes = [JSONParser, FormParser, MultiPartParser]
    command: Command

    def post(self, request, uuid):
        document = document_get_for(request.user, uuid)
        values = validated(self.command.serializer, request.data, context={"agency_id": request.user.agency_id})
        self.command.perform(document, request.user, values)
        return document_response(request, uuid)


def command_view(command: Command) -> type[IncomingCommandView]:
    view = type(f"Incoming{command.name.title()}Command", (IncomingCommandView,),
                 {"command": command, "__doc__": command.description})
    return extend_schema_view(post=extend_schema(
        operation_id=f"documents_incoming_{command.name}", request=command.serializer,
        responses={200: DocumentDetailSerializer, **ERRORS}, description=command.description,
    ))(view)


@extend_schema(parameters=[LANG_PARAMETER], tags=["document commands"])
class ReceiveView(LanguageMixin, APIView):
    """Receive a paper document: the clerk's scan (PDF) and its metadata; it arrives in the agency's list to
    register, checked for integrity and signatures."""

    permission_classes = [IsAuthenticated]
    parser_classes = [MultiPartParser, FormParser]

    @extend_schema(operation_id="documents_incoming_receive", request={"multipart/form-data": inputs.ReceiveInput},
                   responses={201: DocumentDetailSerializer, **ERRORS},
                   description="A document received on paper, scanned to PDF (multipart/form-data). 201 with the "
                   "document in state arrived; register it with the register command.")
    def post(self, request):
        require_documents_official(request.user)
        values = dict(validated(inputs.ReceiveInput, request.data, context={"agency_id": request.user.agency_id}))
        checked = check_pdf(values.pop("file"), label=_("Scanned document (PDF)"))
        document = incoming.incoming_receive_paper(clerk=request.user, file=checked, **values)
        return document_response(request, document.uuid, status_code=status.HTTP_201_CREATED)
