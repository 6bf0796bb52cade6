"""Celery tasks of documents: thin, by primary key, quiet when the row is gone or already done."""

from __future__ import annotations

from celery import shared_task

from documents.models import Document
from documents.services.incoming import incoming_check
from documents.services.reminders import assignments_remind
from documents.services.workfiles import workfiles_remind_deposit

# The arrivals a safety-net run checks at most (the commit of each delivery asks for its own check).
CHECK_BATCH = 50


@shared_task(name="documents.check_arrival", acks_late=True, time_limit=120)
def check_arrival(document_id: int) -> None:
    """Check an arrival's integrity and signatures (Art. 21.2) once it is in the recipient's queue."""
    document = Document.objects.filter(pk=document_id, state=Document.State.ARRIVED, check_status="").first()
    if document is not None:
        incoming_check(document=document)


@shared_task(name="documents.check_arrivals", acks_late=True, time_limit=600)
def check_arrivals() -> int:
    """Check the arrivals whose own check never ran (a broker that was down when they arrived)."""
    pending = list(Document.objects.filter(state=Document.State.ARRIVED, check_status="")
                   .order_by("arrival_at", "id").values_list("pk", flat=True)[:CHECK_BATCH])
    for document_id in pending:
        check_arrival(document_id)
    return len(pending)


@shared_task(name="documents.remind_deadlines", acks_late=True, time_limit=300)
def remind_deadlines() -> int:
    """E-mail handlers a working day before their deadline and once it has passed (each once)."""
    return assignments_remind()


@shared_task(name="documents.remind_deposit", acks_late=True, time_limit=300)
def remind_deposit() -> int:
    """Work files due for deposit in the archive within 30 days: their keeper and clerks are told once."""
    return workfiles_remind_deposit()


@shared_task(name="documents.outgoing_notify", acks_late=True, autoretry_for=(OSError,), retry_backoff=True,
             retry_jitter=True, max_retries=5, time_limit=60)
def outgoing_notify(document_id: int, what: str, copies: list[int] | None = None) -> None:
    from documents.notifications import outgoing_notify as notify

    document = Document.objects.select_related("document_type", "agency").filter(pk=document_id).first()
    if document is not None:
        notify(document=document, what=what, copies=copies or [])
