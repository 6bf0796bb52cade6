"""The relay: delivers outbox messages to their destinations (outbox/registry.py) in batches.

A batch is claimed with ``SELECT ... FOR UPDATE SKIP LOCKED`` so several workers share the work, and it is
sent while the rows stay locked: if the worker dies mid-batch its transaction rolls back, the rows are
pending again and will be sent again — destinations apply each idempotency key once, so nothing is lost
and nothing is applied twice. A message is claimed only when no earlier message of its subject is still
undelivered (pending, waiting for a retry, or dead), so a dossier's later state never overtakes an
earlier one. A temporary failure backs off exponentially with jitter, up to the destination's limit of
attempts; then, or on a refusal, the message is a dead letter until an admin resends it.

A destination that keeps order across many messages of one subject (the document axis: every package to one
organ, in the order of issue) sets ``ordered_runs``: a batch then holds the consecutive run of a subject's
earliest undelivered messages, which the destination sends in order; it answers "retry" for a message that
failed for now and "deferred" for the later ones of that subject it did not try."""

from __future__ import annotations

import logging
import random
import time
from collections import defaultdict
from dataclasses import dataclass
from datetime import timedelta

from django.db import transaction
from django.db.models import F, Min, Q
from django.utils import timezone

from outbox.models import OutboxMessage
from outbox.registry import Destination, PermanentFailure, TemporaryFailure, destination_for, destinations

logger = logging.getLogger(__name__)


@dataclass
class BatchResult:
    claimed: int = 0
    delivered: int = 0
    retried: int = 0
    dead: int = 0


def backoff(attempts: int, destination: Destination) -> timedelta:
    """Exponential, capped, with full jitter: retries of many messages spread out instead of stampeding."""
    ceiling = min(destination.retry_max_seconds, destination.retry_base_seconds * 2 ** max(0, attempts - 1))
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


def _runs_of_subject(rows: list[OutboxMessage]) -> list[OutboxMessage]:
    """The rows that are a prefix of their subject's undelivered messages in id order (ordered_runs topics):
    one query on the same partial index, bounded by the batch's last id."""
    if not rows:
        return []
    claimed = {row.pk for row in rows}
    undelivered = defaultdict(list)
    for subject, pk in (OutboxMessage.objects.filter(subject__in={row.subject for row in rows},
                                                      id__lte=max(claimed))
                        .exclude(status=OutboxMessage.Status.DELIVERED).order_by("id").values_list("subject", "id")):
        undelivered[subject].append(pk)
    keep = set()
    for ids in undelivered.values():
        for pk in ids:
            if pk not in claimed:
                break
            keep.add(pk)
    return [row for row in rows if row.pk in keep]


def relay_batch(*, size: int | None = None) -> BatchResult:
    """Claim, send and settle one batch; an empty result when there is nothing to send."""
    result = BatchResult()
    registered = destinations()
    if not registered:
        return result
    topics = [topic for destination in registered for topic in destination.topics]
    limit = size or max(destination.batch_size for destination in registered)
    with transaction.atomic():
        candidates = list(claimable().filter(topic__in=topics).select_for_update(skip_locked=True)
                          .order_by("id")[:limit])
        # The others stay locked (so skipped by other workers) until this transaction ends, then wait
        # for their earlier messages.
        runs = {topic for destination in registered if destination.ordered_runs for topic in destination.topics}
        rows = sorted(_first_of_subject([row for row in candidates if row.topic not in runs])
                      + _runs_of_subject([row for row in candidates if row.topic in runs]), key=lambda row: row.pk)
        for topic in topics:
            destination = destination_for(topic)
            # Each destination's own batch size; the rest of a run waits for the next batch, in order.
            group = [row for row in rows if row.topic == topic][:destination.batch_size]
            if group:
                result.claimed += len(group)
                _send(destination, topic, group, result)
    return result


def _send(destination: Destination, topic: str, rows: list[OutboxMessage], result: BatchResult) -> None:
    now = timezone.now()
    try:
        answers = destination.send(topic, rows)
    except TemporaryFailure as error:
        for row in rows:
            row.last_error = str(error)[:1000]
        _retry_later(rows, destination, now, result)
        logger.warning("%s batch of %s not delivered (%s); retrying later.", destination.name, len(rows), error)
        return
    except PermanentFailure as error:
        answers = [{"status": "rejected", "error": str(error)}] * len(rows)
    delivered, rejected, again = [], [], []
    for row, answer in zip(rows, answers, strict=True):
        status = answer.get("status")
        if status in ("applied", "duplicate"):
            delivered.append((row, answer))
        elif status == "retry":  # this message failed for now (ordered_runs destinations)
            again.append(row)
            row.last_error = str(answer.get("error") or answer)[:1000]
        elif status != "deferred":  # deferred: not tried, behind a failed one of its subject; left as it is
            rejected.append((row, answer))
    if again:
        _retry_later(again, destination, now, result)
    # One UPDATE for the whole delivered part of the batch (bulk_update's CASE per row costs ~25x more).
    OutboxMessage.objects.filter(pk__in=[row.pk for row, _answer in delivered]).update(
        status=OutboxMessage.Status.DELIVERED, delivered_at=now, last_error="", attempts=F("attempts") + 1)
    result.delivered += len(delivered)
    for row, answer in rejected:
        row.attempts += 1
        row.status, row.last_error = OutboxMessage.Status.DEAD, str(answer.get("error") or answer)[:1000]
    OutboxMessage.objects.bulk_update([row for row, _answer in rejected], ["attempts", "status", "last_error"])
    result.dead += len(rejected)


def _retry_later(rows: list[OutboxMessage], destination: Destination, now, result: BatchResult) -> None:
    """Another attempt after a backoff, or a dead letter once the destination's attempts are spent."""
    for row in rows:
        row.attempts += 1
        if row.attempts >= destination.max_attempts:
            row.status = OutboxMessage.Status.DEAD
            result.dead += 1
        else:
            row.next_attempt_at = now + backoff(row.attempts, destination)
            result.retried += 1
    OutboxMessage.objects.bulk_update(rows, ["attempts", "last_error", "status", "next_attempt_at"])


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
