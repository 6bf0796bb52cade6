"""Sync figures: events per second delivered to the mock NPSP, and the lag from commit to the NPSP's
acknowledgement under a steady load. The batched side is the product as deployed: a real Celery worker
(solo pool, one process) running the ``outbox.relay`` task against the mock over HTTP."""

from __future__ import annotations

import datetime as dt
import sqlite3
import statistics
import time
import uuid
from pathlib import Path

import requests
from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone

from nationalportal import client
from nationalportal.destination import TOPIC_PATHS
from outbox import relay
from outbox import services as outbox
from outbox.models import OutboxMessage

PATH = TOPIC_PATHS[OutboxMessage.Topic.DOSSIER_EVENT]
SUBJECTS = 5_000  # the backlog: 4 events for each of 5,000 dossiers, interleaved as they would be in time


def payload(index: int, subject: str, sequence: int) -> dict:
    at = timezone.now().isoformat()
    return {"dossier_id": subject, "code": f"000.10.10.H49-250701-{index % 10000:04d}", "sequence": sequence,
            "kind": "step_completed", "state": "in_progress", "at": at, "procedure_code": "1.001000",
            "agency_code": "000.10.10.H49", "channel": "online", "received_at": at, "due_at": at}


def _subject(index: int, *, base: int = 0) -> str:
    """Each figure has its own dossiers (``base``), so one's sequences never look out of order to another."""
    return str(uuid.UUID(int=base + index % SUBJECTS + 1))


def per_event_requests(*, max_events: int, max_seconds: float) -> dict:
    """Baseline: a loop sending each event in its own signed request (keep-alive session), no database."""
    latencies, started = [], time.monotonic()
    for index in range(max_events):
        if time.monotonic() - started > max_seconds:
            break
        message = {"key": str(uuid.uuid4()), **payload(index, _subject(index, base=1_000_000), index + 1)}
        sent = time.perf_counter()
        [answer] = client.send_batch(PATH, [message])
        latencies.append(time.perf_counter() - sent)
        if answer["status"] != "applied":
            raise RuntimeError(f"the mock did not apply a baseline event: {answer}")
    elapsed = time.monotonic() - started
    return {"events": len(latencies), "seconds": elapsed, "events_per_s": len(latencies) / elapsed,
            "request_p50_ms": statistics.median(latencies) * 1000, "request_p95_ms": _pct(latencies, 95) * 1000}


def relay_unbatched(*, events: int, max_seconds: float) -> dict:
    """Second baseline: the product's own relay with a batch of one (claim, send, settle per event), in
    this process — what delivery would cost without batching but with its guarantees."""
    _enqueue_backlog(events, offset=2_000_000, base=2_000_000)
    started, delivered = time.monotonic(), 0
    while delivered < events and time.monotonic() - started < max_seconds:
        result = relay.relay_batch(size=1)
        if result.claimed == 0:
            break
        delivered += result.delivered
    elapsed = time.monotonic() - started
    OutboxMessage.objects.filter(status=OutboxMessage.Status.PENDING).delete()  # what the time budget left
    return {"events": delivered, "seconds": elapsed, "events_per_s": delivered / elapsed}


def _enqueue_backlog(count: int, *, offset: int = 0, base: int = 0) -> None:
    now = timezone.now()
    rows = [OutboxMessage(topic=OutboxMessage.Topic.DOSSIER_EVENT, subject=_subject(i, base=base),
                          sequence=offset + i, payload=payload(i, _subject(i, base=base), offset + i),
                          created_at=now, next_attempt_at=now)
            for i in range(count)]
    OutboxMessage.objects.bulk_create(rows, batch_size=2000)
    # A backlog that built up over time has been analysed by autovacuum; one bulk insert has not, and with
    # the statistics of an empty table the claim query's anti-join goes quadratic (docs/performance.md).
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE nationalportal_outboxmessage")


def worker_throughput(*, events: int, max_seconds: float, log=print) -> dict:
    """Batched: ``events`` rows inserted in bulk, then one kick; a real worker drains them. Timed from the
    kick to the moment the last row is marked delivered (polled every 50 ms)."""
    from outbox.tasks import outbox_relay

    _enqueue_backlog(events)
    pending = OutboxMessage.objects.filter(status=OutboxMessage.Status.PENDING)
    started = time.monotonic()
    outbox_relay.apply_async()
    last_count, last_change, kicks = events, started, 1
    while (left := pending.count()) and time.monotonic() - started < max_seconds:
        now = time.monotonic()
        if left != last_count:
            last_count, last_change = left, now
        elif now - last_change > 1.0:  # the task's own time budget ran out: kick again, as beat would
            outbox_relay.apply_async()
            kicks, last_change = kicks + 1, now
        time.sleep(0.05)
    elapsed = time.monotonic() - started
    delivered = OutboxMessage.objects.filter(status=OutboxMessage.Status.DELIVERED, sequence__lt=1_000_000).count()
    if delivered < events:
        log(f"  ! only {delivered} of {events} events delivered within {max_seconds} s")
    return {"events": delivered, "seconds": elapsed, "events_per_s": delivered / elapsed, "kicks": kicks,
            "batch_size": settings.NPSP_BATCH_SIZE}


def steady_lag(*, rate: float, seconds: float, mock_db: Path, drain_seconds: float = 30.0, log=print) -> dict:
    """A producer commits ``rate`` events a second (each ``outbox.enqueue`` in its own transaction, so the
    product's after-commit kick runs) for ``seconds``; a real worker and beat deliver them. Lag is the
    mock's receipt time minus the commit time (same clock), and delivered_at - created_at as the portal
    records it."""
    committed: dict[str, float] = {}
    total = int(rate * seconds)
    started = time.monotonic()
    for index in range(total):
        delay = started + index / rate - time.monotonic()
        if delay > 0:
            time.sleep(delay)
        subject = str(uuid.UUID(int=10_000_000 + index))
        with transaction.atomic():
            message = outbox.enqueue(topic=OutboxMessage.Topic.DOSSIER_EVENT, subject=subject, sequence=1,
                                     payload=payload(index, subject, 1))
        committed[str(message.key)] = time.time()
    produced = time.monotonic() - started
    mine = OutboxMessage.objects.filter(key__in=list(committed))
    deadline = time.monotonic() + drain_seconds
    while mine.exclude(status=OutboxMessage.Status.DELIVERED).exists() and time.monotonic() < deadline:
        time.sleep(0.1)
    rows = list(mine.filter(status=OutboxMessage.Status.DELIVERED).values_list("key", "created_at", "delivered_at"))
    portal_lags = [(d - c) / dt.timedelta(seconds=1) for _k, c, d in rows]
    with sqlite3.connect(mock_db) as db:
        received = dict(db.execute("SELECT key, received_at FROM messages"))
    npsp_lags = [received[k] - t for k, t in committed.items() if k in received]
    if len(rows) < total:
        log(f"  ! {total - len(rows)} of {total} events not delivered within {drain_seconds} s after the producer")
    return {"events": total, "delivered": len(rows), "producer_seconds": produced, "rate": total / produced,
            "npsp_p50_s": _pct(npsp_lags, 50), "npsp_p95_s": _pct(npsp_lags, 95), "npsp_max_s": max(npsp_lags),
            "portal_p50_s": _pct(portal_lags, 50), "portal_p95_s": _pct(portal_lags, 95)}


def mock_stats(url: str, token: str) -> dict:
    return requests.get(f"{url}/admin/stats", headers={"X-NPSP-Admin": token}, timeout=5).json()


def mock_reset(url: str, token: str) -> None:
    requests.post(f"{url}/admin/reset", headers={"X-NPSP-Admin": token}, timeout=5).raise_for_status()


def _pct(values: list[float], percentile: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    return ordered[min(len(ordered) - 1, round(percentile / 100 * (len(ordered) - 1)))]
