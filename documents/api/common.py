"""Pieces the document API views share: input checking in the document error shape, fetching a document
the user may see (recording the view), its representation after a command, the documented errors."""

from __future__ import annotations

from django.utils.translation import gettext as _
from rest_framework import status
from rest_framework.response import Response

from accounts.models import User
from documents import events, permissions
from documents.api.serializers import DocumentDetailSerializer
from documents.errors import DocumentError, DocumentErrorCode, DocumentForbidden, DocumentNotFound
from documents.models import Document
from portal.api_common import ErrorSerializer

ERRORS = {400: ErrorSerializer, 403: ErrorSerializer, 404: ErrorSerializer, 409: ErrorSerializer}


def validated(serializer_class, data, *, context: dict | None = None) -> dict:
    serializer = serializer_class(data=data, context=context or {})
    if not serializer.is_valid():
        raise DocumentError(
            _("Please check these fields: %(fields)s.") % {"fields": ", ".join(map(str, serializer.errors))},
            code=DocumentErrorCode.INVALID, extra={"errors": serializer.errors},
        )
    return serializer.validated_data


def require_documents_official(user: User) -> None:
    if not (user.is_official and user.role != User.Role.ADMIN and user.agency_id):
        raise DocumentForbidden(_("Official documents are for the officials of an agency."),
                                code=DocumentErrorCode.FORBIDDEN)


def document_get_for(user: User, uuid, *, record_view: bool = False) -> Document:
    require_documents_official(user)
    document = permissions.visible_to(user).filter(uuid=uuid).first()
    if document is None:
        raise DocumentNotFound(_("No such document."), code=DocumentErrorCode.NOT_FOUND)
    if record_view:
        events.viewed(document, actor=user, what="api")
    return document


def document_response(request, uuid, *, status_code: int = status.HTTP_200_OK) -> Response:
    document = document_get_for(request.user, uuid)
    return Response(DocumentDetailSerializer(document, context={"request": request}).data, status=status_code)
