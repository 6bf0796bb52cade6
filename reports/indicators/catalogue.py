"""The indicators read from the procedure catalogue and the petitions rather than from dossiers: publicity
(1.1–1.3), online services and payment offered (3.1, 3.2, 3.5) and the petitions' group (5.1–5.3). These
tables hold thousands of rows, not millions: they are counted directly."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Exists, F, OuterRef, Q, QuerySet

from feedback.models import Petition
from procedures.models import Fee, InternalProcessStep, ProcedureVersion, RequiredComponent
from reports.indicators.figures import BY_KEY, Scope
from reports.indicators.models import DossierFact, ProcedureDay
from reports.indicators.periods import Period
from units.calendar import working_calendar
from units.models import AdministrativeUnit

PUBLICITY_LEAD_DAYS = 5      # 1.1: the decision at least 5 working days before the legal basis takes effect
PUBLICITY_FOLLOW_DAYS = 5    # 1.2: made public within 5 working days of the decision


def _versions(scope: Scope, on: dt.date) -> QuerySet[ProcedureVersion]:
    """The versions in force on ``on`` that the scope applies."""
    versions = ProcedureVersion.objects.current(on=on)
    if scope.kind == "unit":
        unit = AdministrativeUnit.objects.filter(pk=scope.id).only("kind").first()
        level = ProcedureVersion.Level.PROVINCE if unit and unit.kind == "province" else ProcedureVersion.Level.COMMUNE
        return versions.filter(level=level)
    if scope.kind == "centre":
        return versions.filter(centres=scope.id)
    if scope.kind == "agency":
        return versions.filter(agency_id=scope.id)
    if scope.kind == "procedure":
        return versions.filter(procedure_id=scope.id)
    return versions


def _published_in(scope: Scope, end: dt.date) -> QuerySet[ProcedureVersion]:
    """Every published version of the scope's procedures (a version replaced since still counts for 1.1, 1.2)."""
    scoped = _versions(scope, end).values("procedure_id")
    return ProcedureVersion.objects.published().select_related("decision").filter(procedure_id__in=scoped)


def _working_days_before(day: dt.date, count: int) -> dt.date:
    calendar = working_calendar()
    while count:
        day -= dt.timedelta(days=1)
        count -= calendar.is_working_day(day)
    return day


@dataclass(frozen=True)
class Catalogue:
    decided: int = 0              # versions whose publication decision was signed in the period
    decided_on_time: int = 0
    made_public: int = 0          # versions made public in the period
    made_public_on_time: int = 0
    in_force: int = 0             # versions in force at the period's end
    complete: int = 0             # … with every part Decree 63/2010 Art. 8.2 asks to publish
    online: int = 0               # … offered online (partly or fully)
    online_used: int = 0          # … of which at least one dossier was submitted online in the period
    with_fee: int = 0             # … with a fee
    with_fee_online: int = 0      # … of which the fee can be paid online


def catalogue(scope: Scope, period: Period, *, today: dt.date | None = None) -> Catalogue:
    start, end = period.first, period.until(today)
    if end < start:
        return Catalogue()
    calendar = working_calendar()
    decided = made_public = decided_on_time = made_public_on_time = 0
    for version in _published_in(scope, end).filter(
            Q(decision__signed_on__range=(start, end)) | Q(published_at__date__range=(start, end))):
        signed = version.decision.signed_on
        if start <= signed <= end:
            decided += 1
            decided_on_time += signed <= _working_days_before(version.effective_from, PUBLICITY_LEAD_DAYS)
        if version.published_at and start <= version.published_at.date() <= end:
            made_public += 1
            deadline = calendar.working_days_after(signed, PUBLICITY_FOLLOW_DAYS)
            made_public_on_time += version.published_at.date() <= deadline
    in_force = _versions(scope, end).annotate(
        has_components=Exists(RequiredComponent.objects.filter(version=OuterRef("pk"))),
        has_steps=Exists(InternalProcessStep.objects.filter(version=OuterRef("pk"))),
        has_fee=Exists(Fee.objects.filter(version=OuterRef("pk"), amount__gt=0)),
    )
    complete = (Q(has_components=True, has_steps=True) & ~Q(name="") & ~Q(result_type="")
                & (Q(channel_online=True) | Q(channel_counter=True) | Q(channel_post=True)))
    online = ~Q(online_level=ProcedureVersion.OnlineLevel.NONE)
    counts = in_force.aggregate(
        in_force=Count("pk"), complete=Count("pk", filter=complete), online=Count("pk", filter=online),
        with_fee=Count("pk", filter=Q(has_fee=True)),
        with_fee_online=Count("pk", filter=Q(has_fee=True) & ~Q(payment_timing=ProcedureVersion.PaymentTiming.NONE)),
    )
    used = _procedures_used_online(scope, start, end)
    online_used = in_force.filter(online, procedure_id__in=used).count() if used else 0
    return Catalogue(decided=decided, decided_on_time=decided_on_time, made_public=made_public,
                     made_public_on_time=made_public_on_time, online_used=online_used, **counts)


def _procedures_used_online(scope: Scope, start: dt.date, end: dt.date) -> set[int]:
    if scope.kind in ("province", "procedure"):
        rows = ProcedureDay.objects.filter(day__range=(start, end), received_online__gt=0)
        if scope.kind == "procedure":
            rows = rows.filter(procedure_id=scope.id)
        return set(rows.values_list("procedure_id", flat=True).distinct())
    return set(DossierFact.objects.filter(received_on__range=(start, end), channel="online",
                                          **{BY_KEY[scope.kind]: scope.id})
               .values_list("procedure_id", flat=True).distinct())


@dataclass(frozen=True)
class Petitions:
    regulation: int = 0     # 5.1: received in the period, about regulations, policies and procedures
    conduct: int = 0        # … about officials' conduct
    handled: int = 0        # 5.2: answered in the period, or still open and past due at its end
    handled_on_time: int = 0
    answered: int = 0       # 5.3: answered in the period
    answered_well: int = 0  # … not rated unsatisfied, not reopened, not late


def _petitions_in(scope: Scope) -> QuerySet[Petition]:
    petitions = Petition.objects.all()
    if scope.kind == "unit":
        return petitions.filter(Q(centre__unit_id=scope.id) | Q(agency__unit_id=scope.id))
    if scope.kind == "centre":
        return petitions.filter(centre_id=scope.id)
    if scope.kind == "agency":
        return petitions.filter(agency_id=scope.id)
    if scope.kind == "procedure":
        return petitions.filter(procedure_id=scope.id)
    return petitions


def petitions(scope: Scope, period: Period, *, today: dt.date | None = None) -> Petitions:
    start, end = period.first, period.until(today)
    if end < start:
        return Petitions()
    rows = _petitions_in(scope)
    received = Q(received_at__date__range=(start, end))
    answered = Q(answered_at__date__range=(start, end))
    on_time = Q(answered_at__lte=F("due_at"))
    open_late = Q(answered_at__isnull=True, state__in=Petition.OPEN_STATES, due_at__date__lte=end,
                  received_at__date__lte=end)
    counts = rows.aggregate(
        regulation=Count("pk", filter=received & Q(klass=Petition.Klass.REGULATION)),
        conduct=Count("pk", filter=received & Q(klass=Petition.Klass.CONDUCT)),
        handled=Count("pk", filter=answered | open_late),
        handled_on_time=Count("pk", filter=answered & on_time),
        answered=Count("pk", filter=answered),
        answered_well=Count("pk", filter=answered & on_time & ~Q(rating=Petition.Rating.UNSATISFIED)
                            & Q(reopen_count=0)),
    )
    return Petitions(**counts)

