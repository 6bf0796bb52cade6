"""Celery tasks of the signatures app: thin wrappers over its services, run by beat."""

import datetime as dt

from celery import shared_task
from django.conf import settings

from signatures import services


@shared_task(name="signatures.crl_publish", acks_late=True, time_limit=120)
def crl_publish() -> int:
    """A fresh CRL for each CA well before the current one ends (every revocation publishes one at once);
    nothing before ca_init."""
    return services.crls_refresh(margin=_margin())


def _margin() -> dt.timedelta:
    # Beat runs every 6 hours: publish when less than half the CRL's life is left.
    return dt.timedelta(hours=max(settings.SIGNATURES_CRL_HOURS // 2, 1))


@shared_task(name="signatures.remind_expiring", acks_late=True, time_limit=300)
def remind_expiring() -> int:
    return services.certificates_remind_expiring()
