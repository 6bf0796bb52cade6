"""{% national_identity_enabled as enabled %}: whether the login page offers VNeID (settings.OIDC_ENABLED)."""

from django import template
from django.conf import settings

register = template.Library()


@register.simple_tag
def national_identity_enabled() -> bool:
    return bool(settings.OIDC_ENABLED)
