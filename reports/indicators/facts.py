"""A received dossier as Decision 766 sees it (indicator 2.1's national rule, ../shared/domain/indicators-766.md):

- it **ends** at the first of: its result ready (Đã xử lý xong), its closing (returned, stopped, withdrawn), or
  — while it waits for a supplement asked for during processing and not yet given — the moment that supplement
  was asked for;
- it ended **on time** when that moment is no later than its due date. The due date already carries the
  citizen's supplement time (dossiers.deadlines moves it by the pause when the citizen answers), so that time
  is deducted; more than one supplement asked for during processing makes it late whatever the dates;
- while open, it is late at the end of any day on or after its due date (``late_from``); with more than one
  supplement asked for, from its receipt on.

Figures are "as now known": a supplement answered later takes back the end it made, so a past period's figures
may change as the dossiers behind them move on, as the NPSP's do when it recomputes from what was synced.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, fields

from django.db.models import Q
from django.utils import timezone

from dossiers.models import Dossier, DossierEvent, DossierFile, Rating
from feedback.models import Petition
from outbox.models import OutboxMessage
from procedures.models import Fee


@dataclass(frozen=True)
class Fact:
    centre_id: int
    agency_id: int
    unit_id: int
    procedure_id: int
    channel: str
    received_on: dt.date
    ended_on: dt.date | None
    ended_on_time: bool
    ended_seconds: int
    late_from: dt.date | None
    supplements: int
    synced: bool
    identity: bool
    fee_bearing: bool
    paid_online: bool
    resolved: bool
    paper: bool
    result_file: bool
    digitised: bool
    complained: bool

    def row_values(self) -> dict:
        return {f.name: getattr(self, f.name) for f in fields(self)}


FACT_FIELDS = tuple(f.name for f in fields(Fact))

ENDED_STATES = (Dossier.State.RETURNED, Dossier.State.STOPPED, Dossier.State.WITHDRAWN)


def _day(moment: dt.datetime) -> dt.date:
    return timezone.localdate(moment)


def facts_for(dossier_ids) -> dict[int, Fact | None]:
    """The fact of each dossier (None: not received, so not counted), read in a fixed number of queries."""
    dossier_ids = list(dossier_ids)
    found: dict[int, Fact | None] = dict.fromkeys(dossier_ids)
    dossiers = list(
        Dossier.objects.filter(pk__in=dossier_ids, received_at__isnull=False)
        .select_related("centre", "procedure_version")
        .only("pk", "uuid", "state", "channel", "received_at", "due_at", "paused_at", "result_ready_at",
              "closed_at", "result_file", "applicant_identity_verified", "registry_fields", "centre__agency_id",
              "centre__unit_id", "procedure_version__procedure_id", "procedure_version__agency_id",
              "procedure_version__issues_paper_original", "procedure_version_id")
    )
    if not dossiers:
        return found
    ids = [d.pk for d in dossiers]
    supplements: dict[int, list[dt.datetime]] = defaultdict(list)
    received_event: dict[int, int] = {}
    paid: set[int] = set()
    events = (DossierEvent.objects.filter(dossier_id__in=ids)
              .filter(Q(kind=DossierEvent.Kind.SUPPLEMENT_REQUESTED, from_state__in=Dossier.PROCESSING_STATES)
                      | Q(kind__in=[DossierEvent.Kind.RECEIVED, DossierEvent.Kind.PAID]))
              .order_by("at", "pk").values_list("dossier_id", "kind", "at", "pk"))
    for dossier_id, kind, at, pk in events:
        if kind == DossierEvent.Kind.SUPPLEMENT_REQUESTED:
            supplements[dossier_id].append(at)
        elif kind == DossierEvent.Kind.RECEIVED:
            received_event.setdefault(dossier_id, pk)
        else:
            paid.add(dossier_id)
    uuids = {str(d.uuid): d.pk for d in dossiers if d.pk in received_event}
    synced = {
        uuids[subject] for subject, sequence in OutboxMessage.objects.filter(
            topic=OutboxMessage.Topic.DOSSIER_EVENT, status=OutboxMessage.Status.DELIVERED, subject__in=list(uuids),
        ).values_list("subject", "sequence")
        if received_event.get(uuids[subject]) == sequence
    }
    versions = {d.procedure_version_id for d in dossiers}
    fee_versions = set(Fee.objects.filter(version_id__in=versions, amount__gt=0).values_list("version_id", flat=True))
    with_papers = set(DossierFile.objects.filter(dossier_id__in=ids, kind=DossierFile.Kind.UPLOAD, is_current=True)
                      .values_list("dossier_id", flat=True))
    complained = set(Rating.objects.filter(dossier_id__in=ids, score=Rating.Score.NOT_SATISFIED)
                     .values_list("dossier_id", flat=True))
    complained |= set(Petition.objects.filter(dossier_id__in=ids).values_list("dossier_id", flat=True))
    for dossier in dossiers:
        found[dossier.pk] = _fact(
            dossier, supplements=supplements[dossier.pk], synced=dossier.pk in synced,
            fee_bearing=dossier.procedure_version_id in fee_versions, paid=dossier.pk in paid,
            with_papers=dossier.pk in with_papers, complained=dossier.pk in complained,
        )
    return found


def _end(dossier: Dossier, supplements: list[dt.datetime]) -> dt.datetime | None:
    if dossier.result_ready_at:
        return dossier.result_ready_at
    if dossier.state in ENDED_STATES:
        return dossier.closed_at
    if dossier.state == Dossier.State.SUPPLEMENT_REQUESTED and supplements:
        return supplements[-1]  # waiting for the citizen: ended when asked (late if asked before)
    return None


def _fact(dossier: Dossier, *, supplements, synced, fee_bearing, paid, with_papers, complained) -> Fact:
    version = dossier.procedure_version
    end = _end(dossier, supplements)
    repeated = len(supplements) > 1
    received_on = _day(dossier.received_at)
    on_time = end is not None and not repeated and (dossier.due_at is None or end <= dossier.due_at)
    if repeated:
        late_from = received_on
    else:
        late_from = _day(dossier.due_at) if dossier.due_at else None
    resolved = dossier.result_ready_at is not None
    result_file = resolved and bool(dossier.result_file)
    return Fact(
        centre_id=dossier.centre_id, agency_id=version.agency_id, unit_id=dossier.centre.unit_id,
        procedure_id=version.procedure_id, channel=dossier.channel, received_on=received_on,
        ended_on=_day(end) if end else None, ended_on_time=on_time,
        ended_seconds=max(0, int((end - dossier.received_at).total_seconds())) if end else 0,
        late_from=late_from, supplements=len(supplements), synced=synced,
        identity=dossier.applicant_identity_verified or bool(dossier.registry_fields),
        fee_bearing=fee_bearing, paid_online=fee_bearing and paid, resolved=resolved,
        paper=version.issues_paper_original, result_file=result_file,
        digitised=result_file and with_papers, complained=end is not None and complained,
    )


def contributions(fact: Fact | None) -> list[tuple[dt.date, str, int]]:
    """What the fact adds to the days' measures: (day, measure, amount)."""
    if fact is None:
        return []
    out = [(fact.received_on, "received", 1)]
    received_flags = {
        "received_online": fact.channel == Dossier.Channel.ONLINE, "received_post": fact.channel == Dossier.Channel.POST,
        "synced": fact.synced, "identity": fact.identity, "fee_bearing": fact.fee_bearing,
        "paid_online": fact.paid_online,
    }
    out += [(fact.received_on, name, 1) for name, flag in received_flags.items() if flag]
    if fact.ended_on is not None:
        ended_flags = {
            "ended": True, "ended_on_time": fact.ended_on_time, "resolved": fact.resolved,
            "resolved_paper": fact.resolved and fact.paper, "resolved_paper_file": fact.result_file and fact.paper,
            "digitised": fact.digitised, "complained": fact.complained,
        }
        out += [(fact.ended_on, name, 1) for name, flag in ended_flags.items() if flag]
        if fact.ended_seconds:
            out.append((fact.ended_on, "ended_seconds", fact.ended_seconds))
    if fact.late_from is not None and (fact.ended_on is None or fact.late_from < fact.ended_on):
        out.append((fact.late_from, "late_open", 1))
        if fact.ended_on is not None:
            out.append((fact.ended_on, "late_open", -1))
    return out
