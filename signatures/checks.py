"""`manage.py check --deploy`: the secrets that protect signing keys must be set, and strong, in production."""

from django.conf import settings
from django.core.checks import Warning, register

SECRETS = ("SIGNATURES_CA_PASSPHRASE", "SIGNATURES_TOKEN_PEPPER")
# The development defaults, committed in settings.py.
DEVELOPMENT_VALUES = {"dev-only-ca-passphrase", "dev-only-token-pepper"}
# A passphrase guessed offline against a copy of the database opens every key: at least this long.
MIN_LENGTH = 16


@register(deploy=True)
def signing_secrets(app_configs, **kwargs):
    warnings = []
    for number, name in enumerate(SECRETS, start=1):
        value = getattr(settings, name)
        if not value:
            warnings.append(Warning(
                f"{name} is not set: the signature keys cannot be opened, so nothing can be signed.",
                hint=f"Set {name} in the environment (see .env.example); never change it afterwards.",
                id=f"signatures.W00{number}"))
        elif len(value) < MIN_LENGTH or value in DEVELOPMENT_VALUES:
            warnings.append(Warning(
                f"{name} is shorter than {MIN_LENGTH} characters or the public development default: whoever "
                "copies the database could guess it and open the signature keys.",
                hint=f"Set a random {name} of at least {MIN_LENGTH} characters before the CA is created "
                     "(e.g. `python -c 'import secrets; print(secrets.token_urlsafe(32))'`).",
                id=f"signatures.W00{number + 2}"))
    return warnings
