"""`manage.py check --deploy`: the secret shared with the payment platform must be set in production (without
it, every callback would be refused and nobody could pay; with the public default, anyone could forge one)."""

from django.conf import settings
from django.core.checks import Warning, register

DEVELOPMENT_SECRET = "dev-payment-secret"


@register(deploy=True)
def payment_secret(app_configs, **kwargs):
    if not settings.PAYMENT_SECRET:
        return [Warning("PAYMENT_SECRET is not set: online payments cannot start and every callback is refused.",
                        hint="Set PAYMENT_SECRET to the secret the payment platform issued for PAYMENT_MERCHANT_ID.",
                        id="payments.W001")]
    if settings.PAYMENT_SECRET == DEVELOPMENT_SECRET:
        return [Warning("PAYMENT_SECRET is the development default, which is public in the source code: anyone "
                        "could forge a payment confirmation.",
                        hint="Set PAYMENT_SECRET to the secret the payment platform issued.", id="payments.W002")]
    return []
