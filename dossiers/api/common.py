"""Pieces the dossier API views share: input checking in the dossier error shape, the dossier's
representation after a command, and the documented error responses."""

from __future__ import annotations

from django.utils.translation import gettext as _
from rest_framework import status
from rest_framework.response import Response

from dossiers.api.serializers import DossierDetailSerializer
from dossiers.errors import DossierError, DossierErrorCode
from dossiers.selectors import dossier_get_for
from portal.api_common import ErrorSerializer

ERRORS = {400: ErrorSerializer, 403: ErrorSerializer, 404: ErrorSerializer, 409: ErrorSerializer}


def validated(serializer_class, data, *, partial: bool = False) -> dict:
    """The serializer's validated data, or a DossierError (400, code ``dossier.invalid``) with every field's
    problems in ``extra.errors``: the same shape as the services' own field errors."""
    serializer = serializer_class(data=data, partial=partial)
    if not serializer.is_valid():
        raise DossierError(
            _("Please check these fields: %(fields)s.") % {"fields": ", ".join(map(str, serializer.errors))},
            code=DossierErrorCode.INVALID, extra={"errors": serializer.errors},
        )
    return serializer.validated_data


def dossier_response(request, uuid, *, status_code: int = status.HTTP_200_OK) -> Response:
    dossier = dossier_get_for(user=request.user, uuid=uuid)
    return Response(DossierDetailSerializer(dossier, context={"request": request}).data, status=status_code)
