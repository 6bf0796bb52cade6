"""Celery tasks of petitions: thin, by primary key, quiet when the row is gone."""

from celery import shared_task

from feedback import notifications
from feedback.models import PetitionEvent
from feedback.services.escalation import petitions_escalate


def _event(event_id: int) -> PetitionEvent | None:
    return PetitionEvent.objects.select_related("petition__agency").filter(pk=event_id).first()


@shared_task(name="feedback.notify", acks_late=True, autoretry_for=(OSError,), retry_backoff=True,
             retry_jitter=True, max_retries=5, time_limit=60)
def petition_notify(event_id: int) -> None:
    """No longer started (the notifications outbox sends the e-mail); kept for messages already queued."""
    event = _event(event_id)
    if event is not None:
        notifications.event_notify(event=event)


@shared_task(name="feedback.escalation_notify", acks_late=True, autoretry_for=(OSError,), retry_backoff=True,
             retry_jitter=True, max_retries=5, time_limit=60)
def escalation_notify(event_id: int) -> None:
    event = _event(event_id)
    if event is not None:
        notifications.escalation_notify(event=event)


@shared_task(name="feedback.escalate", acks_late=True, time_limit=600)
def escalate() -> int:
    return petitions_escalate()
