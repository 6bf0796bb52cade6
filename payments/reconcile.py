"""Reconciliation of pending payments: a payment nobody heard about (the callback lost, the browser closed)
is settled by asking the platform. Beat runs it (``payments-reconcile``); it stops at the first sign that
the platform is down and tries again at the next run."""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import asdict, dataclass

from django.conf import settings
from django.utils import timezone

from payments import client
from payments.models import Payment
from payments.services import payment_sync

logger = logging.getLogger(__name__)


@dataclass
class Report:
    checked: int = 0
    settled: int = 0
    still_pending: int = 0
    platform_down: bool = False

    def as_dict(self) -> dict:
        return asdict(self)


def payments_reconcile(*, now: dt.datetime | None = None, limit: int = 500) -> Report:
    now = now or timezone.now()
    report = Report()
    quiet_after = now - dt.timedelta(seconds=settings.PAYMENT_RECONCILE_AFTER_SECONDS)
    pending = (Payment.objects.filter(state=Payment.State.PENDING, created_at__lte=quiet_after)
               .exclude(payment_url="").order_by("created_at")[:limit])
    for payment in pending:
        report.checked += 1
        try:
            updated = payment_sync(payment, secret=settings.PAYMENT_SECRET)
        except client.PlatformDown as error:
            logger.warning("payment reconciliation stopped: the platform is unavailable (%s)", error)
            report.platform_down = True
            break
        if updated.is_pending:
            report.still_pending += 1
        else:
            report.settled += 1
    return report
