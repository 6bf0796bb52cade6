"""Shared API pieces: pagination and the one exception handler."""

from django.core.exceptions import ValidationError as DjangoValidationError
from rest_framework import status
from rest_framework.pagination import PageNumberPagination
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from portal.errors import ApplicationError, PortalErrorCode


class Pagination(PageNumberPagination):
    page_size_query_param = "page_size"
    max_page_size = 100


def exception_handler(exc, context):
    if isinstance(exc, ApplicationError):
        return Response(exc.as_dict(), status=exc.status_code)
    if isinstance(exc, DjangoValidationError):
        extra = exc.message_dict if hasattr(exc, "error_dict") else {"non_field_errors": exc.messages}
        return Response(
            {"code": PortalErrorCode.INVALID, "message": " ".join(exc.messages), "extra": extra},
            status=status.HTTP_400_BAD_REQUEST,
        )
    response = drf_exception_handler(exc, context)
    if response is not None and isinstance(response.data, dict) and "code" not in response.data:
        detail = response.data.get("detail")
        code = getattr(detail, "code", None) or (PortalErrorCode.INVALID if response.status_code == 400
                                                   else PortalErrorCode.ERROR)
        message = str(detail) if detail is not None else _first_message(response.data)
        extra = {} if detail is not None else response.data
        response.data = {"code": code, "message": message, "extra": extra}
    elif response is not None and isinstance(response.data, list):
        response.data = {"code": PortalErrorCode.INVALID, "message": " ".join(map(str, response.data)),
                         "extra": {}}
    return response


def _first_message(data) -> str:
    for field, errors in data.items():
        first = errors[0] if isinstance(errors, list) and errors else errors
        return f"{field}: {first}" if field != "non_field_errors" else str(first)
    return ""
