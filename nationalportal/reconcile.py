"""Reconciliation (DESIGN.md §6): compare what the NPSP holds with the portal's dossiers and petitions (the
national PAKN system's records) and send again the current state of every one the NPSP lacks or holds in an
older state.

The outbox guarantees delivery of what committed; this is the safety net for what it cannot see: the
NPSP losing data (a restore from backup), a message marked delivered by mistake. A record with a message
still pending or dead in the outbox is left alone: the relay (or an admin's resend) will bring the NPSP up
to date, and a fresh message would only queue behind it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import asdict, dataclass, field

from django.db import models, transaction
from django.db.models import Max

from dossiers import events as dossier_events
from dossiers.models import Dossier, DossierEvent
from feedback import events as petition_events
from feedback.models import Petition, PetitionEvent
from nationalportal import client
from outbox.models import OutboxMessage
from outbox.services import enqueue

# The NPSP is asked one slice of the period at a time, so no single answer grows with the whole period.
NPSP_SLICE = dt.timedelta(hours=6)
CHUNK = 500  # records compared per round of queries


@dataclass
class Tally:
    """The counts of one kind of record (the dossiers' are the report's own fields, as they were before
    petitions were reconciled too, so the reports kept on older jobs read the same)."""

    held: int = 0  # records the NPSP holds updated in the period
    checked: int = 0  # portal records whose last event falls in the period
    # ... that the NPSP holds nothing for updated in the period (it lacks them, or holds a state older than
    # the period: from here the two look alike, and the cure is the same)
    missing: int = 0
    stale: int = 0  # ... that the NPSP holds in an older state
    reenqueued: int = 0  # fresh messages written to the outbox
    skipped_pending: int = 0  # missing or stale, but a message of the record is still pending or dead


@dataclass
class ReconcileReport:
    since: str
    until: str
    held: int = 0
    checked: int = 0
    missing: int = 0
    stale: int = 0
    reenqueued: int = 0
    skipped_pending: int = 0
    petitions: Tally = field(default_factory=Tally)

    def as_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict) -> ReconcileReport:
        values = {name: data[name] for name in cls.__dataclass_fields__ if name in data}
        petitions = values.get("petitions")
        values["petitions"] = Tally(**{name: petitions[name] for name in Tally.__dataclass_fields__
                                       if name in petitions}) if isinstance(petitions, dict) else Tally()
        return cls(**values)


@dataclass(frozen=True)
class Side:
    """One kind of record the NPSP keeps the latest state of, and how to read and resend ours."""

    path: str  # the NPSP's listing (GET, with updated_from / updated_to)
    id_field: str  # the NPSP's name for our record's uuid
    owner: type[models.Model]
    event_model: type[models.Model]
    owner_field: str  # the event's foreign key to its record
    topic: str
    payload: Callable[[models.Model, models.Model], dict]
    related: tuple[str, ...]  # what the payload reads

    @property
    def listing(self) -> str:
        return self.path.rsplit("/", 1)[-1]


DOSSIERS = Side(path="/v1/dossiers", id_field="dossier_id", owner=Dossier, event_model=DossierEvent,
                owner_field="dossier", topic=OutboxMessage.Topic.DOSSIER_EVENT, payload=dossier_events.npsp_payload,
                related=("procedure_version__procedure", "centre__agency"))
PETITIONS = Side(path="/v1/petitions", id_field="petition_id", owner=Petition, event_model=PetitionEvent,
                 owner_field="petition", topic=OutboxMessage.Topic.PETITION_EVENT,
                 payload=petition_events.npsp_payload, related=("agency",))


def _utc(moment: dt.datetime) -> str:
    # The NPSP compares ``updated_at`` as text: our payloads carry ``at`` in UTC ISO format, so must the bounds.
    return moment.astimezone(dt.UTC).isoformat()


def npsp_held(*, since: dt.datetime, until: dt.datetime, side: Side = DOSSIERS) -> dict[str, dict]:
    """What the NPSP holds for records updated in [since, until), by their id (our record's uuid)."""
    held: dict[str, dict] = {}
    start = since
    while start < until:
        end = min(start + NPSP_SLICE, until)
        answer = client.call("GET", side.path, params={"updated_from": _utc(start), "updated_to": _utc(end)})
        for row in answer.get(side.listing, []):
            held[row[side.id_field]] = row
        start = end
    return held


def reconcile(*, since: dt.datetime, until: dt.datetime) -> ReconcileReport:
    """Compare the dossiers and the petitions whose last event falls in [since, until) with the NPSP and
    re-enqueue the ones it lacks or holds in an older state. Raises client.NpspError when the NPSP cannot
    be asked."""
    report = ReconcileReport(since=since.isoformat(), until=until.isoformat())
    # Ask the NPSP first (for both kinds, before comparing either): a message delivered meanwhile then only
    # causes a harmless extra message, never a record left behind.
    sides = ((DOSSIERS, report), (PETITIONS, report.petitions))
    held = {side.path: npsp_held(since=since, until=until, side=side) for side, _tally in sides}
    for side, tally in sides:
        tally.held = len(held[side.path])
        fk = f"{side.owner_field}_id"
        touched = list(side.event_model.objects.filter(at__gte=since, at__lt=until).values_list(fk, flat=True)
                       .distinct().order_by(fk))
        for start in range(0, len(touched), CHUNK):
            _compare(side, touched[start:start + CHUNK], held=held[side.path], since=since, until=until,
                     tally=tally)
    return report


def _latest_events(side: Side, owner_ids: list[int]) -> dict[int, int]:
    fk = f"{side.owner_field}_id"
    rows = (side.event_model.objects.filter(**{f"{fk}__in": owner_ids}).values(fk).annotate(last=Max("id"))
            .order_by())
    return {row[fk]: row["last"] for row in rows}


def _undelivered(subjects: list[str]) -> set[str]:
    # Answered from the partial index ``outbox_undelivered`` (subject, id) WHERE status <> 'delivered'.
    return set(OutboxMessage.objects.filter(subject__in=subjects).exclude(status=OutboxMessage.Status.DELIVERED)
               .values_list("subject", flat=True).distinct())


def _compare(side: Side, ids: list[int], *, held: dict, since, until, tally) -> None:
    latest = _latest_events(side, ids)
    events = side.event_model.objects.filter(pk__in=latest.values(), at__gte=since, at__lt=until).values_list(
        "pk", f"{side.owner_field}_id", f"{side.owner_field}__uuid")
    behind: list[int] = []
    for event_pk, owner_id, owner_uuid in events:
        tally.checked += 1
        npsp = held.get(str(owner_uuid))
        if npsp is not None and npsp.get("sequence", 0) >= event_pk:
            continue
        if npsp is None:
            tally.missing += 1
        else:
            tally.stale += 1
        behind.append(owner_id)
    if behind:
        _reenqueue(side, behind, tally=tally)


@transaction.atomic
def _reenqueue(side: Side, owner_ids: list[int], *, tally) -> None:
    """Under the records' row locks (which every transition takes), so the state and last event read here
    are the current ones and no transition's own message can slip in between the check and the enqueue."""
    owners = list(side.owner.objects.select_for_update(of=("self",)).filter(pk__in=owner_ids).order_by("pk")
                  .select_related(*side.related))
    waiting = _undelivered([str(owner.uuid) for owner in owners])
    latest = _latest_events(side, [owner.pk for owner in owners])
    events = side.event_model.objects.in_bulk(list(latest.values()))
    for owner in owners:
        if str(owner.uuid) in waiting:
            tally.skipped_pending += 1
            continue
        event = events[latest[owner.pk]]
        enqueue(topic=side.topic, subject=str(owner.uuid), sequence=event.pk, payload=side.payload(owner, event))
        tally.reenqueued += 1
