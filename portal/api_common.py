"""Pieces every public API view shares: ``?lang=`` and the documented error shape.

``?lang=en`` / ``?lang=vi`` is the same choice as Accept-Language, but in the URL, so a link or a cache
key can carry it."""

from django.utils import translation
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter
from rest_framework import serializers

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


class ErrorSerializer(serializers.Serializer):
    """What portal.api.exception_handler returns for every error (schema only)."""

    code = serializers.CharField(help_text='Stable machine-readable code, e.g. "catalogue.not_found".')
    message = serializers.CharField(help_text="Message for the user, in the request's language.")
    extra = serializers.DictField(help_text='Details, e.g. {"errors": {"field": ["message"]}}.')
