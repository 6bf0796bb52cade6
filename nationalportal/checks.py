"""`manage.py check --deploy`: the province's key for signing requests to the NPSP must be set in production."""

from django.conf import settings
from django.core.checks import Warning, register

# The development default, committed in settings.py: anyone could sign requests with it.
DEVELOPMENT_SECRET = "dev-npsp-secret"


@register(deploy=True)
def npsp_secret(app_configs, **kwargs):
    if not settings.NPSP_SECRET:
        return [Warning("NPSP_SECRET is not set: the National Public Service Portal will refuse every request "
                        "the outbox relay signs, and nothing is synchronised.",
                        hint="Set NPSP_SECRET to the secret the NPSP issued for NPSP_KEY_ID (see .env.example).",
                        id="nationalportal.W001")]
    if settings.NPSP_SECRET == DEVELOPMENT_SECRET:
        return [Warning("NPSP_SECRET is the development default, which is public in the source code.",
                        hint="Set NPSP_SECRET to the secret the NPSP issued for NPSP_KEY_ID.",
                        id="nationalportal.W002")]
    return []
