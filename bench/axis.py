"""The national document axis figures (issue 13 §5), against the mock axis (``python -m axis.mock``, its own
process) over HTTP:

- **exchange throughput**: documents issued to the ministry (000.00.00.G09), each a signed ~200 KB PDF,
  packed as edXML with the agency's XML signature and posted by ONE Celery worker (solo pool) running the
  outbox relay, as deployed; against a plain loop in the bench's process that packs the same messages the
  same way (``axis.packing.pack_document``: the document's rows, the file read and its SHA-256 checked,
  the edXML, the XML signature) and posts each (``axis.client.send``) — no outbox, no Celery, nothing
  settled. The ministry checks every package (signature, PDF) but answers none during this figure;
- **status round trip**: documents issued one by one at a steady rate, each by ``outgoing_issue`` in its
  own transaction (the relay kicked on commit, as in production), with the worker and beat running
  (``axis.pull`` every AXIS_PULL_EVERY_SECONDS=1) and the ministry answering at once (every status delay
  0): from the commit of the issue to the recipient's "registered" (03) on the sender's side — the
  time of its trail event, written in the transaction that applies the status."""

from __future__ import annotations

import os
import statistics
import time
import uuid
from pathlib import Path

import requests
from django.conf import settings
from django.db import connection

from axis import client, connections, packing
from bench.axis_world import MINISTRY, AxisWorld, issue
from bench.processes import Processes
from documents.models import Document, DocumentEvent, Recipient
from outbox.models import OutboxMessage

TOPIC = OutboxMessage.Topic.DOCUMENT_EXCHANGE
NEVER = {"01": None, "03": None, "04": None, "05": None, "06": None}  # the ministry answers nothing


class MockAdmin:
    """The mock axis's admin calls the bench needs (axis/mock/server.py)."""

    def __init__(self, url: str, token: str):
        self.url, self.headers = url, {"X-Axis-Admin": token}

    def call(self, method: str, path: str, values: dict | None = None) -> dict:
        response = requests.request(method, self.url + path, json=values, headers=self.headers, timeout=10)
        response.raise_for_status()
        return response.json()

    def stats(self) -> dict:
        return self.call("GET", "/admin/stats")

    def reset(self) -> None:
        self.call("POST", "/admin/reset")

    def silence(self) -> None:
        self.call("POST", "/admin/behaviour", {"organ": MINISTRY, "delays": NEVER})

    def settle(self, *, timeout: float = 60.0) -> float:
        """Wait until the ministry has taken (checked) every package posted so far, so what it still does for
        one figure does not load the next; the seconds it took."""
        started = time.monotonic()
        while self.stats()["unacknowledged"] and time.monotonic() - started < timeout:
            time.sleep(0.2)
        return time.monotonic() - started


def cpu_seconds(pid: int | None = None) -> float:
    """CPU time (user + system) a process has used so far, from /proc (this process when ``pid`` is None)."""
    if pid is None:
        return time.process_time()
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


class CpuMeter:
    """CPU milliseconds per package of the portal's side and of the mock: what a figure costs whatever else
    the machine runs (the wall clock is shared with it)."""

    def __init__(self, *, portal: int | None, mock: int):
        self.pids = {"portal": portal, "mock": mock}
        self.began = {name: cpu_seconds(pid) for name, pid in self.pids.items()}
        self.load = os.getloadavg()[0]

    def per(self, count: int) -> dict:
        used = {f"{name}_cpu_ms": (cpu_seconds(pid) - self.began[name]) * 1000 / max(count, 1)
                for name, pid in self.pids.items()}
        return {**used, "load_average": self.load}


def register(world: AxisWorld) -> None:
    """The agency registered with the axis as an organ, once, before either side is timed."""
    connections.connection_register(world.agency)


def messages_of(documents: list[Document]) -> list[OutboxMessage]:
    return list(OutboxMessage.objects.filter(topic=TOPIC, payload__document__in=[str(d.uuid) for d in documents])
                .order_by("id"))


def plain_loop(messages: list[OutboxMessage], *, max_seconds: float, mock_pid: int) -> dict:
    """Baseline: pack each message as the destination does and post it with a key of its own (so the
    product's own post later is not a duplicate); nothing is read from or written to the outbox."""
    meter = CpuMeter(portal=None, mock=mock_pid)
    latencies, started, signers = [], time.monotonic(), packing.Signers()  # the key opened once, as a loop would
    for message in messages:
        if time.monotonic() - started > max_seconds:
            break
        began = time.perf_counter()
        data, _recipient = packing.pack_document(message.payload, signers=signers)
        answer = client.send(data, message_id=uuid.uuid4().hex)
        latencies.append(time.perf_counter() - began)
        if answer.get("status") != "accepted":
            raise RuntimeError(f"the mock axis did not accept a baseline package: {answer}")
    elapsed = time.monotonic() - started
    return {"packages": len(latencies), "seconds": elapsed, "packages_per_s": len(latencies) / elapsed,
            "package_bytes": len(data), "post_p50_ms": statistics.median(latencies) * 1000,
            "post_p95_ms": _pct(latencies, 95) * 1000, **meter.per(len(latencies))}


def worker_throughput(messages: list[OutboxMessage], *, max_seconds: float, worker_pid: int, mock_pid: int,
                      log=print) -> dict:
    """The product: the messages pending in the outbox, one kick, a real worker draining them. Timed from
    the kick to the moment the last one is delivered (polled every 50 ms); kicked again after five seconds
    without progress (a batch settles at its end), as beat would when the task's own time budget ran out."""
    from outbox.tasks import outbox_relay

    with connection.cursor() as cursor:  # as autovacuum would have after a day of issuing
        cursor.execute("ANALYZE nationalportal_outboxmessage")
    pending = OutboxMessage.objects.filter(pk__in=[m.pk for m in messages], status=OutboxMessage.Status.PENDING)
    total = len(messages)
    meter = CpuMeter(portal=worker_pid, mock=mock_pid)
    started = time.monotonic()
    outbox_relay.apply_async()
    last_count, last_change, kicks = total, started, 1
    while (left := pending.count()) and time.monotonic() - started < max_seconds:
        now = time.monotonic()
        if left != last_count:
            last_count, last_change = left, now
        elif now - last_change > 5.0:
            outbox_relay.apply_async()
            kicks, last_change = kicks + 1, now
        time.sleep(0.05)
    elapsed = time.monotonic() - started
    delivered = OutboxMessage.objects.filter(pk__in=[m.pk for m in messages],
                                             status=OutboxMessage.Status.DELIVERED).count()
    dead = OutboxMessage.objects.filter(pk__in=[m.pk for m in messages], status=OutboxMessage.Status.DEAD)
    if delivered < total:
        log(f"  ! only {delivered} of {total} packages delivered within {max_seconds} s; "
            f"dead: {list(dead.values_list('last_error', flat=True)[:3])}")
    sent = Recipient.objects.filter(document__uuid__in=[m.payload["document"] for m in messages],
                                    status=Recipient.Status.SENT).count()
    return {"packages": delivered, "seconds": elapsed, "packages_per_s": delivered / elapsed, "kicks": kicks,
            "recipients_sent": sent, "batch_size": settings.AXIS_BATCH_SIZE, **meter.per(delivered)}


def exchange(messages: list[OutboxMessage], *, processes: Processes, mock: MockAdmin, log=print) -> dict:
    """The exchange throughput: the plain loop, the worker relaying the same messages, the plain loop again
    (the baseline brackets the product, so a change in what else the machine runs shows in both); the
    ministry takes every package before the next figure starts."""
    mock.silence()
    mock_pid = processes.pid("axis-mock")
    before = _plain(messages, "before", mock_pid=mock_pid, mock=mock, log=log)
    processes.worker(name="axis-worker")
    log(f"exchange throughput: the same {len(messages)} messages in the outbox, one Celery worker (solo) relaying")
    relayed = worker_throughput(messages, max_seconds=90, worker_pid=processes.pid("axis-worker"), mock_pid=mock_pid,
                                log=log)
    log(f"  {relayed['packages_per_s']:.1f} packages/s ({relayed['packages']} packages, {relayed['kicks']} kick(s); "
        f"{_cpu(relayed, 'in the worker')})")
    mock.settle()
    after = _plain(messages, "after", mock_pid=mock_pid, mock=mock, log=log)
    baseline = (before["packages_per_s"] + after["packages_per_s"]) / 2
    return {"relayed": relayed, "plain_loops": [before, after], "baseline_per_s": baseline,
            "ratio": relayed["packages_per_s"] / baseline, "mock_stats": mock.stats()}


def _plain(messages: list[OutboxMessage], when: str, *, mock_pid: int, mock: MockAdmin, log) -> dict:
    log(f"exchange throughput: baseline {when}, the {len(messages)} packages packed and posted in a plain loop")
    figure = plain_loop(messages, max_seconds=60, mock_pid=mock_pid)
    log(f"  {figure['packages_per_s']:.1f} packages/s ({figure['packages']} packages of {figure['package_bytes']:,} "
        f"bytes, p50 {figure['post_p50_ms']:.0f} ms each; {_cpu(figure, 'here')})")
    mock.settle()
    return figure


def _cpu(figure: dict, where: str) -> str:
    return (f"CPU a package: {figure['portal_cpu_ms']:.1f} ms {where}, {figure['mock_cpu_ms']:.1f} ms in the mock; "
            f"load {figure['load_average']:.1f}")


def round_trip(world: AxisWorld, documents: list[Document], *, rate: float, worker_pid: int, mock_pid: int,
               drain_seconds: float = 20.0, log=print) -> dict:
    """Issue ``documents`` at ``rate`` a second, each in its own transaction; then wait (at most
    ``drain_seconds``) for every recipient to have reached "registered". Lags from each commit (wall
    clock, after the service returned) to the recipient's "sent", "received" and "registered" events."""
    committed: dict[int, float] = {}
    meter = CpuMeter(portal=worker_pid, mock=mock_pid)
    started = time.monotonic()
    for index, document in enumerate(documents):
        delay = started + index / rate - time.monotonic()
        if delay > 0:
            time.sleep(delay)
        issue(world, document)
        committed[document.pk] = time.time()
    produced = time.monotonic() - started
    steps = DocumentEvent.objects.filter(document_id__in=list(committed), kind=DocumentEvent.Kind.RECIPIENT_STATUS)
    registered = steps.filter(data__to=Recipient.Status.REGISTERED)
    deadline = time.monotonic() + drain_seconds
    while registered.count() < len(committed) and time.monotonic() < deadline:
        time.sleep(0.2)
    lags: dict[str, list[float]] = {"sent": [], "received": [], "registered": []}
    for document_id, to, at in steps.filter(data__to__in=list(lags)).values_list("document_id", "data__to", "at"):
        lags[to].append(at.timestamp() - committed[document_id])
    done = len(lags["registered"])
    if done < len(committed):
        log(f"  ! {len(committed) - done} of {len(committed)} documents not registered within {drain_seconds} s "
            f"after the last issue")
    figures = {"documents": len(committed), "registered": done, "producer_seconds": produced,
               "rate": len(committed) / produced, **meter.per(len(committed))}
    for name, values in lags.items():
        figures.update({f"{name}_p50_s": _pct(values, 50), f"{name}_p95_s": _pct(values, 95),
                        f"{name}_max_s": max(values, default=float("nan"))})
    return figures


def leftovers() -> int:
    """Messages of other destinations still pending (an earlier part's), which the relay would try too."""
    return OutboxMessage.objects.filter(status=OutboxMessage.Status.PENDING).exclude(topic=TOPIC).count()


def _pct(values: list[float], percentile: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    return ordered[min(len(ordered) - 1, round(percentile / 100 * (len(ordered) - 1)))]
