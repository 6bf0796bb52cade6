"""Celery tasks of dossiers: thin, by primary key, quiet when the row is gone."""

from celery import shared_task

from dossiers.models import DossierEvent
from dossiers.notifications import event_notify


@shared_task(name="dossiers.notify", acks_late=True, autoretry_for=(OSError,), retry_backoff=True,
             retry_jitter=True, max_retries=5, time_limit=60)
def dossier_notify(event_id: int) -> None:
    """No longer started (the notifications outbox sends the e-mail); kept for messages already queued."""
    event = DossierEvent.objects.select_related("dossier__procedure_version", "dossier__centre").filter(
        pk=event_id).first()
    if event is not None:
        event_notify(event=event)
