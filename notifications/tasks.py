"""Celery tasks of notifications: thin, by primary key, quiet when the row is gone or already sent."""

from __future__ import annotations

from celery import shared_task
from django.conf import settings

from notifications import deadlines, services
from notifications.gateways import GatewayTemporaryError


@shared_task(name="notifications.send", bind=True, acks_late=True, autoretry_for=(GatewayTemporaryError,),
             retry_backoff=2, retry_backoff_max=600, retry_jitter=True, max_retries=settings.NOTIFY_MAX_RETRIES,
             time_limit=120)
def notification_send(self, notification_id: int) -> None:
    services.notification_deliver(notification_id=notification_id, last_try=self.request.retries >= self.max_retries)


@shared_task(name="notifications.sweep", acks_late=True, time_limit=120)
def notifications_sweep() -> int:
    return services.stuck_resend(older_than_seconds=settings.NOTIFY_STUCK_SECONDS)


@shared_task(name="notifications.deadlines", acks_late=True, time_limit=600)
def notifications_deadlines() -> int:
    return deadlines.remind()
