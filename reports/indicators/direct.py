"""The same figures computed straight from the dossiers, their events and what refers to them, in one SQL
query with no help from the facts or the days' measures. Too slow for a page at a province's scale; it is the
reference the fast path is tested against (tests/reports/test_indicator_figures.py) and measured against
(bench/reports.py)."""

from __future__ import annotations

import datetime as dt

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


def _annotated(scope: Scope):
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
    start, end = period.first, period.until(today)
    if end < start:
        return Figures()
    dossiers = _annotated(scope).filter(received_day__lte=end)
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


def _ended_seconds(dossiers) -> int:
    """Whole seconds from receipt to end, summed (each truncated, as the facts count them)."""
    if connection.vendor == "postgresql":
        each = Greatest(Floor(Extract(F("end") - F("received_at"), "epoch")), Value(0))
        return int(dossiers.aggregate(total=Sum(each, output_field=IntegerField()))["total"] or 0)
    return sum(max(0, int((end - received).total_seconds())) for end, received in dossiers.values_list("end", "received_at"))
