"""Celery tasks of documents: thin, calling the services; run by beat (portal/settings.py)."""

from celery import shared_task

from documents.services.workfiles import workfiles_remind_deposit


@shared_task(name="documents.remind_deposit", acks_late=True, time_limit=300)
def remind_deposit() -> int:
    """Work files due for deposit in the archive within 30 days: their keeper and clerks are told once."""
    return workfiles_remind_deposit()
