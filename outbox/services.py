"""Writes to the outbox: ``enqueue`` (called by the dossier and catalogue services inside their own
transaction, so a message exists exactly when the change it reports was committed) and ``outbox_resend``
(a provincial admin puts dead letters back). A relay is kicked after commit, by task name (nothing here
imports a task module); beat runs it anyway every few seconds, so a lost kick (broker down) only delays
delivery."""

from __future__ import annotations

import logging
import time
from collections.abc import Iterable

from celery import current_app
from django.core.cache import cache
from django.db import transaction
from django.db.models import F, QuerySet, Value
from django.db.models.functions import Concat, Left
from django.utils import timezone

from outbox.models import OutboxMessage
from portal.jobs import job_create, job_finish

logger = logging.getLogger(__name__)

RELAY_TASK = "outbox.relay"
RESEND_JOB = "npsp_resend"  # the kind its Job rows had before the outbox left nationalportal
AUDIT_KEYS = 1000  # the resend log keeps the keys of at most this many messages (and always the count)
CHUNK = 1000
_KICK_KEY = "nationalportal:relay-kicked"
# A steady stream of commits starts at most this many relays a second. One a second made a message committed
# just after a kick wait up to a second for the next one — half the document axis' status round trip
# (docs/performance.md); a relay that finds its messages sent already costs a few milliseconds.
KICKS_PER_SECOND = 4


def enqueue(*, topic: str, subject: str, sequence: int, payload: dict) -> OutboxMessage:
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("outbox.enqueue must run inside the transaction of the change it reports")
    message = OutboxMessage.objects.create(topic=topic, subject=subject, sequence=sequence, payload=payload)
    transaction.on_commit(kick, robust=True)
    return message


def kick() -> None:
    """Start a relay soon, at most KICKS_PER_SECOND times a second however many changes commit (a burst is a
    few batches): the first commit of each fraction of a second kicks."""
    # robust=True (callers) logs and swallows a broker that is down: the user's change is committed already,
    # and beat delivers the message when the broker is back. retry=False: fail fast rather than hold the page.
    if cache.add(f"{_KICK_KEY}:{int(time.time() * KICKS_PER_SECOND)}", 1, timeout=1):
        current_app.tasks[RELAY_TASK].apply_async(retry=False)


@transaction.atomic
def outbox_resend(*, messages: QuerySet[OutboxMessage] | Iterable[OutboxMessage], actor) -> int:
    """Put dead letters back in the queue: pending, attempts from zero, due now; the relay is kicked after
    commit. Messages that are no longer dead (resent by someone else meanwhile, or never dead) are left
    alone. Returns how many were resent; the resend is logged as a Job row (who, when, which keys)."""
    if isinstance(messages, QuerySet) and not messages.query.is_sliced:
        candidates = messages.filter(status=OutboxMessage.Status.DEAD)
    else:
        candidates = OutboxMessage.objects.filter(pk__in=[m.pk for m in messages], status=OutboxMessage.Status.DEAD)
    # Lock before changing: two admins pressing "resend all" at once resend each message once.
    rows = list(candidates.select_for_update().order_by("id").values_list("id", "key"))
    if not rows:
        return 0
    now = timezone.now()
    who = actor.get_username() if actor else "system"
    # The message's own trail (until the relay writes its next outcome over it): who resent it, and why it died.
    note = Left(Concat(Value(f"[resent {now:%Y-%m-%d %H:%M:%S} UTC by {who}] "), F("last_error")), 1000)
    for start in range(0, len(rows), CHUNK):
        ids = [row[0] for row in rows[start:start + CHUNK]]
        OutboxMessage.objects.filter(pk__in=ids).update(
            status=OutboxMessage.Status.PENDING, attempts=0, next_attempt_at=now, delivered_at=None, last_error=note)
    job = job_create(kind=RESEND_JOB, created_by=actor, total=len(rows))
    job_finish(job=job, result={"count": len(rows), "keys": [str(row[1]) for row in rows[:AUDIT_KEYS]]},
               message=f"{len(rows)} resent by {who}")
    transaction.on_commit(kick, robust=True)
    logger.info("%s resent %s dead letters", who, len(rows))
    return len(rows)
