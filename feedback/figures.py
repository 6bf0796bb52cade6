"""Số liệu phản ánh, kiến nghị: what each agency received in a period and how it handled it, as the national
indicators count (Decision 766, indicators 5.1–5.3; feedback-pakn.md §2):

- **received**: petitions that reached the agency in the period (sent to it, or forwarded to it by another
  agency of the portal); by the two national classes and the eight categories (5.1);
- **deadlines**: each national deadline the agency answered in the period — refused within 2 working days,
  information asked or forwarded within 5, answered within the handling time, published within 2 — met or
  missed (PetitionEvent.on_time);
- **on time** (5.2): of the petitions received, those that missed no deadline at the agency and are not open
  past one now;
- **satisfaction** (5.3): (total − rated not satisfied − reopened about the answer − late) ÷ total. A petition
  that is in several of these groups is taken away once (the formula's groups overlap; counting it twice could
  make the rate negative — our reading, the formula's text does not say).

A fixed number of queries whatever the period or the number of agencies (one per kind of figure, grouped by
agency); the report of a later issue reads these selectors."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, Exists, OuterRef, Q
from django.utils import timezone

from feedback.models import Petition, PetitionEvent
from units.models import Agency

Kind = PetitionEvent.Kind
ARRIVALS = (Kind.SUBMITTED, Kind.ARRIVED)
# The deadline each event answers, as the figures name them.
DEADLINES = {
    Kind.REFUSED: "refuse",
    Kind.INFO_REQUESTED: "request_info",
    Kind.FORWARDED: "forward",
    Kind.ANSWERED: "answer",
    Kind.PUBLISHED: "publish",
}


@dataclass
class Met:
    met: int = 0
    total: int = 0

    @property
    def missed(self) -> int:
        return self.total - self.met


@dataclass
class AgencyFigures:
    agency: Agency | None  # None: the whole province
    received: int = 0
    by_class: dict[str, int] = field(default_factory=dict)
    by_category: dict[str, int] = field(default_factory=dict)
    deadlines: dict[str, Met] = field(default_factory=lambda: {name: Met() for name in DEADLINES.values()})
    late: int = 0  # received petitions that missed a deadline here, or are open past one now
    unsatisfied: int = 0  # rated "not satisfied"
    reopened: int = 0
    satisfied: int = 0  # rated "satisfied"
    not_satisfying: int = 0  # in any of: unsatisfied, reopened, late (each petition once)

    @property
    def on_time(self) -> int:
        return self.received - self.late

    @property
    def on_time_rate(self) -> Decimal | None:
        return _rate(self.on_time, self.received)

    @property
    def satisfaction_rate(self) -> Decimal | None:
        return _rate(self.received - self.not_satisfying, self.received)


def _rate(part: int, whole: int) -> Decimal | None:
    if not whole:
        return None
    return (Decimal(100) * part / whole).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def petition_figures(*, since: dt.datetime, until: dt.datetime, agency: Agency | None = None,
                     now: dt.datetime | None = None) -> tuple[AgencyFigures, list[AgencyFigures]]:
    """The province's figures for [since, until) and each agency's (those that received or handled any),
    ordered by electronic code; with ``agency``, that agency's alone (also as the first value)."""
    now = min(now or timezone.now(), until)
    arrivals = PetitionEvent.objects.filter(kind__in=ARRIVALS, at__gte=since, at__lt=until)
    answered = PetitionEvent.objects.filter(kind__in=list(DEADLINES), at__gte=since, at__lt=until,
                                            on_time__isnull=False)
    if agency is not None:
        arrivals, answered = arrivals.filter(agency=agency), answered.filter(agency=agency)

    per_agency = _grouped(arrivals, answered, now=now, by_agency=True)
    if agency is not None:
        province = per_agency[0] if per_agency else AgencyFigures(agency=agency)
        return province, per_agency
    sent = PetitionEvent.objects.filter(kind=Kind.SUBMITTED, at__gte=since, at__lt=until)
    [province] = _grouped(sent, answered, now=now, by_agency=False) or [AgencyFigures(agency=None)]
    return province, per_agency


def _grouped(arrivals, answered, *, now, by_agency: bool) -> list[AgencyFigures]:
    """One AgencyFigures per agency (``by_agency``), or one for all: a petition forwarded inside the portal is
    one petition of the province (its submission), late when it missed a deadline at any agency."""
    group = ["agency"] if by_agency else []
    late_events = PetitionEvent.objects.filter(petition=OuterRef("petition"), on_time=False)
    open_late = Petition.objects.filter(pk=OuterRef("petition"), state__in=Petition.OPEN_STATES, deadline_at__lt=now)
    if by_agency:
        late_events = late_events.filter(agency=OuterRef("agency"))
        open_late = open_late.filter(agency=OuterRef("agency"))
    late = Q(Exists(late_events)) | Q(Exists(open_late))
    unsatisfied = Q(petition__rating=Petition.Rating.UNSATISFIED)
    reopened = Q(petition__reopen_count__gt=0)
    counts = dict(
        received=Count("petition", distinct=True),
        late=Count("petition", distinct=True, filter=late),
        unsatisfied=Count("petition", distinct=True, filter=unsatisfied),
        reopened=Count("petition", distinct=True, filter=reopened),
        satisfied=Count("petition", distinct=True, filter=Q(petition__rating=Petition.Rating.SATISFIED)),
        not_satisfying=Count("petition", distinct=True, filter=late | unsatisfied | reopened),
    )
    rows = arrivals.values(*group).annotate(**counts).order_by() if group else [arrivals.aggregate(**counts)]
    figures: dict[int, AgencyFigures] = {}

    def of(agency_id: int | None) -> AgencyFigures:
        return figures.setdefault(agency_id if by_agency else 0, AgencyFigures(agency=None))

    for row in rows:
        if not row["received"]:
            continue
        item = of(row.get("agency"))
        for name in ("received", "late", "unsatisfied", "reopened", "satisfied", "not_satisfying"):
            setattr(item, name, row[name])
    for row in arrivals.values(*group, "petition__klass", "petition__category").annotate(
            n=Count("petition", distinct=True)).order_by():
        item = of(row.get("agency"))
        item.by_class[row["petition__klass"]] = item.by_class.get(row["petition__klass"], 0) + row["n"]
        item.by_category[row["petition__category"]] = item.by_category.get(row["petition__category"], 0) + row["n"]
    for row in answered.values(*group, "kind").annotate(
            total=Count("pk"), met=Count("pk", filter=Q(on_time=True))).order_by():
        item, name = of(row.get("agency")), DEADLINES[row["kind"]]
        item.deadlines[name] = Met(met=item.deadlines[name].met + row["met"],
                                   total=item.deadlines[name].total + row["total"])
    if by_agency:
        agencies = Agency.objects.in_bulk(list(figures))
        for agency_id, item in figures.items():
            item.agency = agencies.get(agency_id)
    return sorted(figures.values(), key=lambda f: f.agency.code if f.agency else "")
