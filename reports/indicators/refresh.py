"""Keeping the facts and the days' measures current.

Why a queue and not the event's own transaction: each event appends a ``FactQueue`` row (an insert that
contends on nothing) and the refresh, run by beat every few seconds and by hand, recomputes those dossiers'
facts and adds the difference to the days' measures. Updating the measures in the event's transaction would
make every dossier of a centre and a day wait on that day's row: the counter at 08:00 would queue on a
statistic. The refresh recomputes each dossier under its row lock, from what is committed, so running it twice,
or two at once, changes nothing; figures lag the events by at most the beat's interval.

A dossier's receipt reaching the National Public Service Portal (indicator 1.4) changes its fact without an
event: the refresh also reads the outbox's deliveries since its mark, with an overlap (a delivery committed a
little after a later one is still seen; reading one twice is harmless)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from django.db import connection, transaction
from django.db.models import Max

from dossiers.models import Dossier, DossierEvent
from outbox.models import OutboxMessage
from reports.indicators.facts import FACT_FIELDS, Fact, contributions, facts_for
from reports.indicators.models import MEASURES, DossierFact, FactQueue, ProcedureDay, RefreshMark, UnitDay

OUTBOX_OVERLAP = dt.timedelta(minutes=2)


def fact_enqueue(dossier_id: int) -> None:
    """Mark a dossier's fact for recomputation, in the caller's transaction."""
    FactQueue.objects.create(dossier_id=dossier_id)


def on_dossier_event(event: DossierEvent) -> None:
    # A dossier not received yet has no fact; its receipt is an event of its own.
    if event.dossier.received_at is not None:
        fact_enqueue(event.dossier_id)


def on_petition_event(event) -> None:
    if event.petition.dossier_id:
        fact_enqueue(event.petition.dossier_id)


def facts_refresh(*, limit: int = 500) -> int:
    """Recompute the facts of up to ``limit`` queued dossiers (and of those whose receipt was delivered to the
    NPSP since the last run); the number of dossiers recomputed."""
    with transaction.atomic():
        claimed = list(FactQueue.objects.select_for_update(skip_locked=True).order_by("pk")
                       .values_list("pk", "dossier_id")[:limit])
        ids = {dossier_id for _pk, dossier_id in claimed} | _delivered_since_mark()
        if ids:
            facts_apply(ids)
        FactQueue.objects.filter(pk__in=[pk for pk, _ in claimed]).delete()
    return len(ids)


def facts_refresh_all(*, limit: int = 500) -> int:
    """Refresh until the queue is empty (at least once: deliveries to the NPSP queue nothing)."""
    total = facts_refresh(limit=limit)
    while FactQueue.objects.exists():
        total += facts_refresh(limit=limit)
    return total


def _delivered_since_mark() -> set[int]:
    mark, _ = RefreshMark.objects.select_for_update().get_or_create(
        name="outbox", defaults={"at": dt.datetime(2000, 1, 1, tzinfo=dt.UTC)})
    deliveries = OutboxMessage.objects.filter(
        topic=OutboxMessage.Topic.DOSSIER_EVENT, status=OutboxMessage.Status.DELIVERED,
        delivered_at__gte=mark.at - OUTBOX_OVERLAP, payload__kind=DossierEvent.Kind.RECEIVED,
    )
    latest = deliveries.aggregate(latest=Max("delivered_at"))["latest"]
    if latest is None:
        return set()
    subjects = set(deliveries.values_list("subject", flat=True))
    if latest > mark.at:
        mark.at = latest
        mark.save(update_fields=["at"])
    return set(Dossier.objects.filter(uuid__in=subjects).values_list("pk", flat=True))


def facts_apply(dossier_ids) -> None:
    """Recompute these dossiers' facts under their row locks and add the difference to the days' measures."""
    ids = sorted(dossier_ids)
    # The dossier's own lock: its services hold it while they change it, so the fact is read from one state.
    list(Dossier.objects.select_for_update().filter(pk__in=ids).order_by("pk").values_list("pk", flat=True))
    old = {row.pk: row for row in DossierFact.objects.filter(dossier_id__in=ids)}
    new = facts_for(ids)
    unit_delta: dict[tuple, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    procedure_delta: dict[tuple, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    creates, updates, deletes = [], [], []
    for pk in ids:
        before, after = old.get(pk), new.get(pk)
        before_values = {name: getattr(before, name) for name in FACT_FIELDS} if before else None
        after_values = after.row_values() if after else None
        if before_values == after_values:
            continue
        for values, sign in ((before_values, -1), (after_values, 1)):
            if values is None:
                continue
            _add(unit_delta, procedure_delta, values, sign)
        if after is None:
            deletes.append(pk)
        elif before is None:
            creates.append(DossierFact(dossier_id=pk, **after_values))
        else:
            for name, value in after_values.items():
                setattr(before, name, value)
            updates.append(before)
    measures_add(unit_delta, procedure_delta)
    DossierFact.objects.filter(dossier_id__in=deletes).delete()
    DossierFact.objects.bulk_create(creates)
    DossierFact.objects.bulk_update(updates, FACT_FIELDS)


def _add(unit_delta, procedure_delta, values: dict, sign: int) -> None:
    fact = Fact(**values)
    for day, measure, amount in contributions(fact):
        unit_delta[(day, fact.centre_id, fact.agency_id, fact.unit_id)][measure] += sign * amount
        procedure_delta[(day, fact.procedure_id)][measure] += sign * amount


def measures_add(unit_delta: dict, procedure_delta: dict) -> None:
    """Add to the days' rows (created when missing) in one statement per table: INSERT … ON CONFLICT DO UPDATE
    adds atomically on PostgreSQL and SQLite alike."""
    _upsert(UnitDay, ("day", "centre_id", "agency_id", "unit_id"), ("day", "centre_id", "agency_id"), unit_delta)
    _upsert(ProcedureDay, ("day", "procedure_id"), ("procedure_id", "day"), procedure_delta)


def _upsert(model, key_columns: tuple[str, ...], conflict: tuple[str, ...], delta: dict) -> None:
    rows = [(*key, *(amounts.get(m, 0) for m in MEASURES)) for key, amounts in sorted(delta.items())
            if any(amounts.values())]
    if not rows:
        return
    table = connection.ops.quote_name(model._meta.db_table)
    columns = ", ".join((*key_columns, *MEASURES))
    placeholders = ", ".join(["%s"] * (len(key_columns) + len(MEASURES)))
    updates = ", ".join(f"{m} = {table}.{m} + excluded.{m}" for m in MEASURES)
    sql = (f"INSERT INTO {table} ({columns}) VALUES ({placeholders}) "
           f"ON CONFLICT ({', '.join(conflict)}) DO UPDATE SET {updates}")
    with connection.cursor() as cursor:
        cursor.executemany(sql, rows)


@transaction.atomic
def facts_rebuild(*, chunk: int = 2000) -> int:
    """Compute every fact and every day's measures again from the dossiers (after a restore, or to check)."""
    FactQueue.objects.all().delete()
    DossierFact.objects.all().delete()
    UnitDay.objects.all().delete()
    ProcedureDay.objects.all().delete()
    ids = list(Dossier.objects.filter(received_at__isnull=False).order_by("pk").values_list("pk", flat=True))
    for start in range(0, len(ids), chunk):
        facts_apply(ids[start:start + chunk])
    return len(ids)
