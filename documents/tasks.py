"""Celery tasks of documents: thin, by primary key, quiet when the row is gone."""

from celery import shared_task

from documents.models import Document


@shared_task(name="documents.outgoing_notify", acks_late=True, autoretry_for=(OSError,), retry_backoff=True,
             retry_jitter=True, max_retries=5, time_limit=60)
def outgoing_notify(document_id: int, what: str, copies: list[int] | None = None) -> None:
    from documents.notifications import outgoing_notify as notify

    document = Document.objects.select_related("document_type", "agency").filter(pk=document_id).first()
    if document is not None:
        notify(document=document, what=what, copies=copies or [])
