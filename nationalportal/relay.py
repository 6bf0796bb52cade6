"""The relay: delivers outbox messages to the NPSP in batches.

A batch is claimed with ``SELECT ... FOR UPDATE SKIP LOCKED`` so several workers share the work, and it is
sent while the rows stay locked: if the worker dies mid-batch its transaction rolls back, the rows are
pending again and will be sent again — the NPSP applies each idempotency key once, so nothing is lost and
nothing is applied twice. A message is claimed only when no earlier message of its subject is still
undelivered (pending, waiting for a retry, or dead), so a dossier's later state never overtakes an
earlier one."""

from __future__ import annotations

import logging
import random
import time
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import F, Min, Q
from django.utils import timezone

from nationalportal import client
from nationalportal.models import OutboxMessage

logger = logging.getLogger(__name__)

TOPIC_PATHS = {
    OutboxMessage.Topic.DOSSIER_EVENT: "/v1/dossier-events:batch",
    OutboxMessage.Topic.PROCEDURE: "/v1/procedures:batch",
}


@dataclass
class BatchResult:
    claimed: int = 0
    delivered: int = 0
    retried: int = 0
    dead: int = 0


def backoff(attempts: int) -> timedelta:
    """Exponential, capped, with full jitter: retries of many messages spread out instead of stampeding."""
    ceiling = min(settings.NPSP_RETRY_MAX_SECONDS, settings.NPSP_RETRY_BASE_SECONDS * 2 ** max(0, attempts - 1))
    return timedelta(seconds=random.uniform(ceiling / 2, ceiling))


def claimable():
    """Pending messages that are due and whose subject has no message dead or waiting for a retry (those
    subjects wait as a whole). Blocked subjects come from one uncorrelated subquery — a handful of rows
    in normal operation — so the query stays linear however stale the table's statistics are.
    ``_first_of_subject`` then drops any whose earlier message is in flight in another worker."""
    now = timezone.now()
    blocked = OutboxMessage.objects.filter(
        Q(status=OutboxMessage.Status.DEAD) | Q(status=OutboxMessage.Status.PENDING, next_attempt_at__gt=now)
    ).values("subject")
    return (OutboxMessage.objects.filter(status=OutboxMessage.Status.PENDING, next_attempt_at__lte=now)
            .exclude(subject__in=blocked))


def _first_of_subject(rows: list[OutboxMessage]) -> list[OutboxMessage]:
    """The rows that are the earliest undelivered message of their subject. One grouped query on the
    partial (subject, id) index of undelivered rows: cheap whatever the table's statistics say, where a
    correlated NOT EXISTS goes quadratic on a burst the planner has not seen yet."""
    if not rows:
        return []
    firsts = dict(
        OutboxMessage.objects.filter(subject__in={row.subject for row in rows})
        .exclude(status=OutboxMessage.Status.DELIVERED)
        .values("subject").annotate(first=Min("id")).values_list("subject", "first")
    )
    return [row for row in rows if firsts.get(row.subject) == row.pk]


def relay_batch(*, size: int | None = None) -> BatchResult:
    """Claim, send and settle one batch; an empty result when there is nothing to send."""
    result = BatchResult()
    with transaction.atomic():
        candidates = list(claimable().select_for_update(skip_locked=True).order_by("id")
                          [: size or settings.NPSP_BATCH_SIZE])
        # The others stay locked (so skipped by other workers) until this transaction ends, then wait
        # for their earlier messages.
        rows = _first_of_subject(candidates)
        result.claimed = len(rows)
        for topic, path in TOPIC_PATHS.items():
            group = [row for row in rows if row.topic == topic]
            if group:
                _send(group, path, result)
    return result


def _send(rows: list[OutboxMessage], path: str, result: BatchResult) -> None:
    now = timezone.now()
    try:
        answers = client.send_batch(path, [{"key": str(row.key), **row.payload} for row in rows])
    except client.NpspTemporaryError as error:
        for row in rows:
            row.attempts += 1
            row.last_error = str(error)[:1000]
            if row.attempts >= settings.NPSP_MAX_ATTEMPTS:
                row.status = OutboxMessage.Status.DEAD
                result.dead += 1
            else:
                row.next_attempt_at = now + backoff(row.attempts)
                result.retried += 1
        OutboxMessage.objects.bulk_update(rows, ["attempts", "last_error", "status", "next_attempt_at"])
        logger.warning("NPSP batch of %s not delivered (%s); retrying later.", len(rows), error)
        return
    except client.NpspPermanentError as error:
        answers = [{"status": "rejected", "error": str(error)}] * len(rows)
    delivered, rejected = [], []
    for row, answer in zip(rows, answers, strict=True):
        (delivered if answer.get("status") in ("applied", "duplicate") else rejected).append((row, answer))
    # One UPDATE for the whole delivered part of the batch (bulk_update's CASE per row costs ~25x more).
    OutboxMessage.objects.filter(pk__in=[row.pk for row, _answer in delivered]).update(
        status=OutboxMessage.Status.DELIVERED, delivered_at=now, last_error="", attempts=F("attempts") + 1)
    result.delivered += len(delivered)
    for row, answer in rejected:
        row.attempts += 1
        row.status, row.last_error = OutboxMessage.Status.DEAD, str(answer.get("error") or answer)[:1000]
    OutboxMessage.objects.bulk_update([row for row, _answer in rejected], ["attempts", "status", "last_error"])
    result.dead += len(rejected)


def relay_until_empty(*, max_seconds: float = 50.0) -> BatchResult:
    """Send batches until nothing is due (or the time budget is spent, so a task never runs forever)."""
    total, started = BatchResult(), time.monotonic()
    while time.monotonic() - started < max_seconds:
        batch = relay_batch()
        for name in ("claimed", "delivered", "retried", "dead"):
            setattr(total, name, getattr(total, name) + getattr(batch, name))
        if batch.claimed == 0 or batch.delivered == 0:
            break
    return total
