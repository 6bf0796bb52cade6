"""`manage.py check --deploy`: logging in with VNeID in production needs the portal's own registration with
the provider, over TLS, with its signature checked."""

from django.conf import settings
from django.core.checks import Warning, register

# The development default, committed in settings.py: anyone could use it.
DEVELOPMENT_SECRET = "dev-oidc-secret"


@register(deploy=True)
def national_identity(app_configs, **kwargs):
    if not settings.OIDC_ENABLED:
        return []
    problems = []
    if not settings.OIDC_RP_CLIENT_SECRET or settings.OIDC_RP_CLIENT_SECRET == DEVELOPMENT_SECRET:
        problems.append(Warning(
            "OIDC_RP_CLIENT_SECRET is not set or is the development default, yet VNeID login is enabled.",
            hint="Set OIDC_RP_CLIENT_ID and OIDC_RP_CLIENT_SECRET to the registration the provider issued, or "
                 "OIDC_ENABLED=false.", id="accounts.W101"))
    endpoints = [settings.OIDC_OP_TOKEN_ENDPOINT, settings.OIDC_OP_JWKS_ENDPOINT, settings.OIDC_OP_USER_ENDPOINT,
                 settings.OIDC_OP_AUTHORIZATION_ENDPOINT]
    if not settings.OIDC_VERIFY_SSL or any(not url.startswith("https://") for url in endpoints):
        problems.append(Warning(
            "The national identity provider is reached without verified TLS.",
            hint="Use the provider's https:// endpoints (OIDC_OP_URL, OIDC_OP_PUBLIC_URL) and OIDC_VERIFY_SSL=true.",
            id="accounts.W102"))
    return problems
