"""The same figures computed straight from the dossiers, their events and what refers to them, in one SQL
query with no help from the facts or the days' measures. Too slow for a page at a province's scale; it is the
reference the fast path is tested against (tests/reports/test_indicator_figures.py) and measured against
(bench/reports.py)."""

from __future__ import annotations

import datetime as dt
import re

from django.db import connection
from django.db.models import (
    Case,
    CharField,
    Count,
    DateTimeField,
    Exists,
    F,
    IntegerField,
    Max,
    OuterRef,
    Q,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Cast, Coalesce, Extract, Floor, Greatest, TruncDate

from dossiers.models import Dossier, DossierEvent, DossierFile, Rating
from feedback.models import Petition
from outbox.models import OutboxMessage
from procedures.models import Fee
from reports.indicators.figures import Figures, Scope
from reports.indicators.periods import Period

ENDED_STATES = (Dossier.State.RETURNED, Dossier.State.STOPPED, Dossier.State.WITHDRAWN)


def _scoped(scope: Scope):
    dossiers = Dossier.objects.filter(received_at__isnull=False)
    field = {"unit": "centre__unit_id", "centre": "centre_id", "agency": "procedure_version__agency_id",
             "procedure": "procedure_version__procedure_id"}.get(scope.kind)
    return dossiers.filter(**{field: scope.id}) if field else dossiers


def annotated(scope: Scope):
    asked = DossierEvent.objects.filter(dossier=OuterRef("pk"), kind=DossierEvent.Kind.SUPPLEMENT_REQUESTED,
                                        from_state__in=Dossier.PROCESSING_STATES)
    # Inside the outbox's subquery: the dossier is two levels out.
    received_event = (DossierEvent.objects.filter(dossier=OuterRef(OuterRef("pk")), kind=DossierEvent.Kind.RECEIVED)
                      .order_by("at", "pk").values("pk")[:1])
    synced = OutboxMessage.objects.filter(
        topic=OutboxMessage.Topic.DOSSIER_EVENT, status=OutboxMessage.Status.DELIVERED,
        subject=Cast(OuterRef("uuid"), CharField()), sequence=Subquery(received_event),
    )
    fee = Fee.objects.filter(version=OuterRef("procedure_version"), amount__gt=0)
    paid = DossierEvent.objects.filter(dossier=OuterRef("pk"), kind=DossierEvent.Kind.PAID)
    papers = DossierFile.objects.filter(dossier=OuterRef("pk"), kind=DossierFile.Kind.UPLOAD, is_current=True)
    disliked = Rating.objects.filter(dossier=OuterRef("pk"), score=Rating.Score.NOT_SATISFIED)
    petition = Petition.objects.filter(dossier=OuterRef("pk"))
    one = Value(1)
    dossiers = _scoped(scope).annotate(
        asked=Coalesce(Subquery(asked.values("dossier").annotate(n=Count("pk")).values("n")[:1]), 0),
        last_asked=Subquery(asked.values("dossier").annotate(last=Max("at")).values("last")[:1]),
    ).annotate(
        end=Case(
            When(result_ready_at__isnull=False, then=F("result_ready_at")),
            When(state__in=ENDED_STATES, then=F("closed_at")),
            When(state=Dossier.State.SUPPLEMENT_REQUESTED, asked__gt=0, then=F("last_asked")),
            default=None, output_field=DateTimeField(),
        ),
    ).annotate(
        received_day=TruncDate("received_at"), end_day=TruncDate("end"),
        on_time_end=Case(When(Q(end__isnull=False, asked__lte=1) & (Q(due_at__isnull=True) | Q(end__lte=F("due_at"))),
                              then=one), default=Value(0)),
        late_day=Case(When(asked__gt=1, then=TruncDate("received_at")), default=TruncDate("due_at")),
        is_synced=Exists(synced), has_fee=Exists(fee), paid=Exists(paid), with_papers=Exists(papers),
        complaint=Exists(disliked) | Exists(petition),
    )
    return dossiers


def direct_figures(scope: Scope, period: Period, *, today: dt.date | None = None) -> Figures:
    """On PostgreSQL the two-level SQL below; elsewhere (the embedded SQLite) the ORM's single level."""
    if connection.vendor == "postgresql":
        return direct_figures_sql(scope, period, today=today)
    start, end = period.first, period.until(today)
    if end < start:
        return Figures()
    dossiers = annotated(scope).filter(received_day__lte=end)
    in_period = Q(received_day__gte=start)
    ended_in = Q(end_day__gte=start, end_day__lte=end)
    open_at_end = Q(end_day__isnull=True) | Q(end_day__gt=end)
    late_open = open_at_end & Q(late_day__lte=end)
    resolved = ended_in & Q(result_ready_at__isnull=False)
    with_file = resolved & ~Q(result_file="")

    def count(condition: Q):
        return Count("pk", filter=condition)

    row = dossiers.aggregate(
        counted=count(open_at_end | Q(end_day__gte=start)),
        on_time=count((ended_in & Q(on_time_end=1)) | (open_at_end & (Q(late_day__isnull=True) | Q(late_day__gt=end)))),
        ended=count(ended_in), ended_on_time=count(ended_in & Q(on_time_end=1)),
        open_at_end=count(open_at_end), late_open_at_end=count(late_open),
        received=count(in_period), received_online=count(in_period & Q(channel=Dossier.Channel.ONLINE)),
        received_post=count(in_period & Q(channel=Dossier.Channel.POST)),
        synced=count(in_period & Q(is_synced=True)),
        identity=count(in_period & (Q(applicant_identity_verified=True) | ~Q(registry_fields=[]))),
        fee_bearing=count(in_period & Q(has_fee=True)),
        paid_online=count(in_period & Q(has_fee=True, paid=True)),
        resolved=count(resolved),
        resolved_paper=count(resolved & Q(procedure_version__issues_paper_original=True)),
        resolved_paper_file=count(with_file & Q(procedure_version__issues_paper_original=True)),
        digitised=count(with_file & Q(with_papers=True)),
        complained=count(ended_in & Q(complaint=True)),
    )
    return Figures(**row, ended_seconds=_ended_seconds(dossiers.filter(ended_in)))


def seconds_between(end: str, start: str):
    """Whole seconds from ``start`` to ``end`` (truncated, never negative), as the facts count them."""
    return Greatest(Floor(Extract(F(end) - F(start), "epoch")), Value(0))


def _ended_seconds(dossiers) -> int:
    """Whole seconds from receipt to end, summed (each truncated, as the facts count them)."""
    if connection.vendor == "postgresql":
        return int(dossiers.aggregate(total=Sum(seconds_between("end", "received_at"),
                                                output_field=IntegerField()))["total"] or 0)
    return sum(max(0, int((end - received).total_seconds())) for end, received in dossiers.values_list("end", "received_at"))


# PostgreSQL: the same rules in two levels, so that each subquery runs once a dossier. The ORM's annotations
# above repeat a subquery wherever an expression uses it (``end`` in four places), which PostgreSQL evaluates
# each time; here the first level (the ORM) reads each dossier's raw values and subqueries once, into a
# materialised CTE, and the second level (SQL) applies the rules to them.

def _base(scope: Scope):
    asked = DossierEvent.objects.filter(dossier=OuterRef("pk"), kind=DossierEvent.Kind.SUPPLEMENT_REQUESTED,
                                        from_state__in=Dossier.PROCESSING_STATES).values("dossier")
    received_event = (DossierEvent.objects.filter(dossier=OuterRef(OuterRef("pk")), kind=DossierEvent.Kind.RECEIVED)
                      .order_by("at", "pk").values("pk")[:1])
    synced = OutboxMessage.objects.filter(
        topic=OutboxMessage.Topic.DOSSIER_EVENT, status=OutboxMessage.Status.DELIVERED,
        subject=Cast(OuterRef("uuid"), CharField()), sequence=Subquery(received_event),
    )
    return _scoped(scope).annotate(
        asked=Coalesce(Subquery(asked.annotate(n=Count("pk")).values("n")[:1]), 0),
        last_asked=Subquery(asked.annotate(last=Max("at")).values("last")[:1]),
        asked_day=Subquery(asked.annotate(last=Max(TruncDate("at"))).values("last")[:1]),
        received_day=TruncDate("received_at"), due_day=TruncDate("due_at"), ready_day=TruncDate("result_ready_at"),
        closed_day=TruncDate("closed_at"),
        is_synced=Exists(synced),
        has_fee=Exists(Fee.objects.filter(version=OuterRef("procedure_version"), amount__gt=0)),
        paid=Exists(DossierEvent.objects.filter(dossier=OuterRef("pk"), kind=DossierEvent.Kind.PAID)),
        with_papers=Exists(DossierFile.objects.filter(dossier=OuterRef("pk"), kind=DossierFile.Kind.UPLOAD,
                                                      is_current=True)),
        complaint=Exists(Rating.objects.filter(dossier=OuterRef("pk"), score=Rating.Score.NOT_SATISFIED))
        | Exists(Petition.objects.filter(dossier=OuterRef("pk"))),
        identity=Case(When(Q(applicant_identity_verified=True) | ~Q(registry_fields=[]), then=Value(True)),
                      default=Value(False)),
        has_result_file=Case(When(~Q(result_file=""), then=Value(True)), default=Value(False)),
        unit=F("centre__unit_id"), agency=F("procedure_version__agency_id"),
        procedure=F("procedure_version__procedure_id"), paper=F("procedure_version__issues_paper_original"),
    ).order_by().values(
        "pk", "state", "channel", "received_at", "due_at", "result_ready_at", "closed_at", "asked", "last_asked",
        "asked_day", "received_day", "due_day", "ready_day", "closed_day", "is_synced", "has_fee", "paid",
        "with_papers", "complaint", "identity", "has_result_file", "centre_id", "unit", "agency", "procedure",
        "paper",
    )


def per_dossier_sql(scope: Scope) -> tuple[str, list]:
    """``WITH d AS MATERIALIZED (…), e AS (…)``: each dossier's values and what the rules make of them (its
    end, end day, whether it ended on time, the day it is late from, its seconds to the end). PostgreSQL."""
    sql, params = _base(scope).query.sql_with_params()
    ended = "('returned', 'stopped', 'withdrawn')"
    end_at = (f"CASE WHEN result_ready_at IS NOT NULL THEN result_ready_at WHEN state IN {ended} THEN closed_at "
              "WHEN state = 'supplement_requested' AND asked > 0 THEN last_asked END")
    end_day = (f"CASE WHEN result_ready_at IS NOT NULL THEN ready_day WHEN state IN {ended} THEN closed_day "
               "WHEN state = 'supplement_requested' AND asked > 0 THEN asked_day END")
    return (f"WITH d AS MATERIALIZED ({sql}), e AS (SELECT d.*, {end_at} AS end_at, {end_day} AS end_day, "
            "CASE WHEN asked > 1 THEN received_day ELSE due_day END AS late_day FROM d), "
            "f AS (SELECT e.*, (end_at IS NOT NULL AND asked <= 1 AND (due_at IS NULL OR end_at <= due_at)) "
            "AS on_time_end, CASE WHEN end_at IS NULL THEN 0 ELSE "
            "GREATEST(FLOOR(EXTRACT(EPOCH FROM end_at - received_at)), 0)::bigint END AS seconds FROM e)",
            list(params))


def direct_figures_sql(scope: Scope, period: Period, *, today: dt.date | None = None) -> Figures:
    start, end = period.first, period.until(today)
    if end < start:
        return Figures()
    with_, params = per_dossier_sql(scope)
    conditions = {
        "counted": "end_day IS NULL OR end_day >= %(s)s",
        "on_time": "(end_day BETWEEN %(s)s AND %(t)s AND on_time_end) OR ((end_day IS NULL OR end_day > %(t)s)"
                   " AND (late_day IS NULL OR late_day > %(t)s))",
        "ended": "end_day BETWEEN %(s)s AND %(t)s",
        "ended_on_time": "end_day BETWEEN %(s)s AND %(t)s AND on_time_end",
        "open_at_end": "end_day IS NULL OR end_day > %(t)s",
        "late_open_at_end": "(end_day IS NULL OR end_day > %(t)s) AND late_day <= %(t)s",
        "received": "received_day >= %(s)s",
        "received_online": "received_day >= %(s)s AND channel = 'online'",
        "received_post": "received_day >= %(s)s AND channel = 'post'",
        "synced": "received_day >= %(s)s AND is_synced",
        "identity": "received_day >= %(s)s AND identity",
        "fee_bearing": "received_day >= %(s)s AND has_fee",
        "paid_online": "received_day >= %(s)s AND has_fee AND paid",
        "resolved": "end_day BETWEEN %(s)s AND %(t)s AND result_ready_at IS NOT NULL",
        "resolved_paper": "end_day BETWEEN %(s)s AND %(t)s AND result_ready_at IS NOT NULL AND paper",
        "resolved_paper_file": "end_day BETWEEN %(s)s AND %(t)s AND result_ready_at IS NOT NULL AND has_result_file"
                               " AND paper",
        "digitised": "end_day BETWEEN %(s)s AND %(t)s AND result_ready_at IS NOT NULL AND has_result_file"
                     " AND with_papers",
        "complained": "end_day BETWEEN %(s)s AND %(t)s AND complaint",
    }
    columns = [f"SUM(CASE WHEN {condition} THEN 1 ELSE 0 END)" for condition in conditions.values()]
    columns.append("SUM(CASE WHEN end_day BETWEEN %(s)s AND %(t)s THEN seconds ELSE 0 END)")
    select = f"SELECT {', '.join(columns)} FROM f WHERE received_day <= %(t)s"
    # The ORM's part has positional parameters; ours are named: number them all positionally.
    names = re.findall(r"%\((\w+)\)s", select)
    values = {"s": start, "t": end}
    with connection.cursor() as cursor:
        cursor.execute(with_ + " " + re.sub(r"%\(\w+\)s", "%s", select), params + [values[n] for n in names])
        row = cursor.fetchone()
    counts = dict(zip(conditions, (int(v or 0) for v in row[:-1]), strict=True))
    return Figures(**counts, ended_seconds=int(row[-1] or 0))
