"""`manage.py check --deploy`: the secrets that protect signing keys must be set in production."""

from django.conf import settings
from django.core.checks import Warning, register


@register(deploy=True)
def signing_secrets(app_configs, **kwargs):
    return [
        Warning(f"{name} is not set: the signature keys cannot be opened, so nothing can be signed.",
                hint=f"Set {name} in the environment (see .env.example); never change it afterwards.",
                id=f"signatures.W00{number}")
        for number, name in enumerate(("SIGNATURES_CA_PASSPHRASE", "SIGNATURES_TOKEN_PEPPER"), start=1)
        if not getattr(settings, name)
    ]
