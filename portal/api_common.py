"""Pieces every public API view shares: ``?lang=`` and the documented error shape.

``?lang=en`` / ``?lang=vi`` is the same choice as Accept-Language, but in the URL, so a link or a cache
key can carry it."""

from django.http import HttpResponse
from django.utils import translation
from django.utils.functional import lazy
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter
from rest_framework import serializers
from rest_framework.renderers import JSONRenderer

from portal.errors import error_code_enums

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


def error_codes_description() -> str:
    """The ``code`` field's description: every registered code, from the enumerations themselves."""
    lines = ["Stable machine-readable code, one of:", ""]
    for codes in error_code_enums():
        app = codes.__module__.partition(".")[0]
        lines.append(f"- {app}: " + ", ".join(f"`{code}`" for code in codes))
    lines += ["", "Errors the API framework answers itself (authentication, permissions, an unknown address, "
              "a malformed request) carry its own codes, e.g. `not_authenticated`, `permission_denied`, "
              "`not_found`, `method_not_allowed`, `parse_error`."]
    return "\n".join(lines)


class ErrorSerializer(serializers.Serializer):
    """What portal.api.exception_handler returns for every error (schema only)."""

    # Lazy: the apps register their codes at start-up, after this module is imported.
    code = serializers.CharField(help_text=lazy(error_codes_description, str)())
    message = serializers.CharField(help_text="Message for the user, in the request's language.")
    extra = serializers.DictField(help_text='Details, e.g. {"errors": {"field": ["message"]}}.')
