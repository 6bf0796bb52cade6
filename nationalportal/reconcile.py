"""Reconciliation (DESIGN.md §6): compare what the NPSP holds with the portal's dossiers and send again the
current state of every dossier the NPSP lacks or holds in an older state.

The outbox guarantees delivery of what committed; this is the safety net for what it cannot see: the
NPSP losing data (a restore from backup), a message marked delivered by mistake. A dossier with a message
still pending or dead in the outbox is left alone: the relay (or an admin's resend) will bring the NPSP up
to date, and a fresh message would only queue behind it."""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass

from django.db import transaction
from django.db.models import Max

from dossiers.events import npsp_payload
from dossiers.models import Dossier, DossierEvent
from nationalportal import client
from outbox.models import OutboxMessage
from outbox.services import enqueue

# The NPSP is asked one slice of the period at a time, so no single answer grows with the whole period.
NPSP_SLICE = dt.timedelta(hours=6)
CHUNK = 500  # dossiers compared per round of queries


@dataclass
class ReconcileReport:
    since: str
    until: str
    held: int = 0  # dossiers the NPSP holds updated in the period
    checked: int = 0  # portal dossiers whose last event falls in the period
    # ... that the NPSP holds nothing for updated in the period (it lacks them, or holds a state older than
    # the period: from here the two look alike, and the cure is the same)
    missing: int = 0
    stale: int = 0  # ... that the NPSP holds in an older state
    reenqueued: int = 0  # fresh messages written to the outbox
    skipped_pending: int = 0  # missing or stale, but a message of the dossier is still pending or dead

    def as_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict) -> ReconcileReport:
        return cls(**{name: data[name] for name in cls.__dataclass_fields__ if name in data})

    @property
    def differing(self) -> int:
        return self.missing + self.stale


def _utc(moment: dt.datetime) -> str:
    # The NPSP compares ``updated_at`` as text: our payloads carry ``at`` in UTC ISO format, so must the bounds.
    return moment.astimezone(dt.UTC).isoformat()


def npsp_held(*, since: dt.datetime, until: dt.datetime) -> dict[str, dict]:
    """What the NPSP holds for dossiers updated in [since, until), by dossier id (our dossier's uuid)."""
    held: dict[str, dict] = {}
    start = since
    while start < until:
        end = min(start + NPSP_SLICE, until)
        answer = client.call("GET", "/v1/dossiers", params={"updated_from": _utc(start), "updated_to": _utc(end)})
        for row in answer.get("dossiers", []):
            held[row["dossier_id"]] = row
        start = end
    return held


def reconcile(*, since: dt.datetime, until: dt.datetime) -> ReconcileReport:
    """Compare the dossiers whose last event falls in [since, until) with the NPSP and re-enqueue the ones it
    lacks or holds in an older state. Raises client.NpspError when the NPSP cannot be asked."""
    report = ReconcileReport(since=since.isoformat(), until=until.isoformat())
    # Ask the NPSP first: a message delivered meanwhile then only causes a harmless extra message, never
    # a dossier left behind.
    held = npsp_held(since=since, until=until)
    report.held = len(held)
    touched = list(DossierEvent.objects.filter(at__gte=since, at__lt=until).values_list("dossier_id", flat=True)
                   .distinct().order_by("dossier_id"))
    for start in range(0, len(touched), CHUNK):
        _compare(touched[start:start + CHUNK], held=held, since=since, until=until, report=report)
    return report


def _latest_events(dossier_ids: list[int]) -> dict[int, int]:
    rows = (DossierEvent.objects.filter(dossier_id__in=dossier_ids).values("dossier_id").annotate(last=Max("id"))
            .order_by())
    return {row["dossier_id"]: row["last"] for row in rows}


def _undelivered(subjects: list[str]) -> set[str]:
    # Answered from the partial index ``outbox_undelivered`` (subject, id) WHERE status <> 'delivered'.
    return set(OutboxMessage.objects.filter(subject__in=subjects).exclude(status=OutboxMessage.Status.DELIVERED)
               .values_list("subject", flat=True).distinct())


def _compare(ids: list[int], *, held: dict, since, until, report: ReconcileReport) -> None:
    latest = _latest_events(ids)
    events = DossierEvent.objects.filter(pk__in=latest.values(), at__gte=since, at__lt=until).select_related(
        "dossier")
    behind: list[int] = []
    for event in events:
        report.checked += 1
        npsp = held.get(str(event.dossier.uuid))
        if npsp is not None and npsp.get("sequence", 0) >= event.pk:
            continue
        if npsp is None:
            report.missing += 1
        else:
            report.stale += 1
        behind.append(event.dossier_id)
    if behind:
        _reenqueue(behind, report=report)


@transaction.atomic
def _reenqueue(dossier_ids: list[int], *, report: ReconcileReport) -> None:
    """Under the dossiers' row locks (which every transition takes), so the state and last event read here
    are the current ones and no transition's own message can slip in between the check and the enqueue."""
    dossiers = list(Dossier.objects.select_for_update(of=("self",)).filter(pk__in=dossier_ids).order_by("pk")
                    .select_related("procedure_version__procedure", "centre__agency"))
    waiting = _undelivered([str(d.uuid) for d in dossiers])
    latest = _latest_events([d.pk for d in dossiers])
    events = DossierEvent.objects.in_bulk(list(latest.values()))
    for dossier in dossiers:
        if str(dossier.uuid) in waiting:
            report.skipped_pending += 1
            continue
        event = events[latest[dossier.pk]]
        enqueue(topic=OutboxMessage.Topic.DOSSIER_EVENT, subject=str(dossier.uuid), sequence=event.pk,
                       payload=npsp_payload(dossier, event))
        report.reenqueued += 1
