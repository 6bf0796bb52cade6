"""Pieces every public API view shares: ``?lang=`` and the documented error shape.

``?lang=en`` / ``?lang=vi`` is the same choice as Accept-Language, but in the URL, so a link or a cache
key can carry it."""

from django.http import HttpResponse
from django.utils import translation
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter
from rest_framework import serializers
from rest_framework.renderers import JSONRenderer

LANG_PARAMETER = OpenApiParameter(
    "lang", OpenApiTypes.STR, OpenApiParameter.QUERY, enum=["vi", "en"],
    description="Language of the display_* fields and messages; overrides the Accept-Language header.",
)


class LanguageMixin:
    """Serve the request in the language named by ``?lang`` when it is one the portal speaks."""

    def dispatch(self, request, *args, **kwargs):
        try:
            language = translation.get_supported_language_variant((request.GET.get("lang") or "").lower())
        except LookupError:
            return super().dispatch(request, *args, **kwargs)
        with translation.override(language):
            response = super().dispatch(request, *args, **kwargs)
        response.headers["Content-Language"] = language
        return response


class PlainGetMixin:
    """GET answered by the view's ``get(request)`` with no DRF request, negotiation or response around it, for
    the busiest public read-only endpoints, where that machinery costs as much as the view's own work
    (docs/performance.md). ``get`` returns a Django response (``json_response``); what it raises is not
    turned into the error shape. The other methods (HEAD, OPTIONS, the 405s) and the schema stay DRF's."""

    def dispatch(self, request, *args, **kwargs):
        if request.method != "GET":
            return super().dispatch(request, *args, **kwargs)
        response = self.get(request, *args, **kwargs)
        response["Allow"] = ", ".join(self.allowed_methods)  # as DRF's answers have it
        return response


def json_response(data, *, status: int = 200, headers: dict | None = None) -> HttpResponse:
    """The bytes and content type DRF's JSONRenderer gives ``Response(data)`` on these endpoints."""
    return HttpResponse(JSONRenderer().render(data), content_type="application/json", status=status,
                        headers=headers)


class ErrorSerializer(serializers.Serializer):
    """What portal.api.exception_handler returns for every error (schema only)."""

    code = serializers.CharField(help_text='Stable machine-readable code, e.g. "catalogue.not_found".')
    message = serializers.CharField(help_text="Message for the user, in the request's language.")
    extra = serializers.DictField(help_text='Details, e.g. {"errors": {"field": ["message"]}}.')
