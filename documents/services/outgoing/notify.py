"""Who is told by email that an outgoing document waits for them, once the change commits (a Celery task, so
a slow mail server never holds a document back). Urgent documents say so first in the subject."""

from __future__ import annotations

from django.db import transaction

from documents.models import Document


def after_commit(document: Document, what: str, *, copies: list[int] | None = None) -> None:
    from documents.tasks import outgoing_notify

    pk, copies = document.pk, list(copies or [])
    transaction.on_commit(lambda: outgoing_notify.delay(pk, what, copies), robust=True)
