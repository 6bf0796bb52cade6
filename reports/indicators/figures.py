"""A period's dossier figures for one scope, read from the days' measures (fast) — ``direct.py`` computes the
same from the dossiers themselves, and the tests hold the two equal."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, fields

from django.db.models import Q, Sum

from reports.indicators.models import MEASURES, ProcedureDay, UnitDay
from reports.indicators.periods import Period

SCOPE_KINDS = ("province", "unit", "centre", "agency", "procedure")


@dataclass(frozen=True)
class Scope:
    """Whose figures: the province, one commune (administrative unit), centre, agency or procedure."""

    kind: str = "province"
    id: int | None = None

    def days(self):
        """The days' rows of this scope and the filter that selects them."""
        if self.kind == "procedure":
            return ProcedureDay.objects.filter(procedure_id=self.id)
        rows = UnitDay.objects.all()
        if self.kind == "unit":
            return rows.filter(unit_id=self.id)
        if self.kind == "centre":
            return rows.filter(centre_id=self.id)
        if self.kind == "agency":
            return rows.filter(agency_id=self.id)
        return rows


@dataclass(frozen=True)
class Figures:
    counted: int = 0            # received or processed in the period (2.1's denominator)
    on_time: int = 0            # … ended on time in it, or still open and not late at its end
    ended: int = 0
    ended_on_time: int = 0
    ended_seconds: int = 0
    open_at_end: int = 0
    late_open_at_end: int = 0
    received: int = 0
    received_online: int = 0
    received_post: int = 0
    synced: int = 0
    identity: int = 0
    fee_bearing: int = 0
    paid_online: int = 0
    resolved: int = 0
    resolved_paper: int = 0
    resolved_paper_file: int = 0
    digitised: int = 0
    complained: int = 0

    @property
    def late(self) -> int:
        return self.counted - self.on_time

    @property
    def received_counter(self) -> int:
        return self.received - self.received_online - self.received_post

    def as_dict(self) -> dict[str, int]:
        return {f.name: getattr(self, f.name) for f in fields(self)}


# The measures summed over the period's own days (late_open is a running total, read to the period's end).
IN_PERIOD = tuple(m for m in MEASURES if m != "late_open")


def _sums(start: dt.date) -> dict:
    within = Q(day__gte=start)
    sums = {f"in_{m}": Sum(m, filter=within) for m in IN_PERIOD}
    return sums | {"all_received": Sum("received"), "all_ended": Sum("ended"),
                   "before_ended": Sum("ended", filter=Q(day__lt=start)), "late_open_total": Sum("late_open")}


def _figures(row: dict) -> Figures:
    """From sums over every day to the period's end: the dossiers open at its end are those received by then
    and not ended; those counted, the open ones plus those ended in the period."""
    row = {k: v or 0 for k, v in row.items()}
    open_at_end = row["all_received"] - row["all_ended"]
    return Figures(
        counted=row["all_received"] - row["before_ended"],
        on_time=row["in_ended_on_time"] + open_at_end - row["late_open_total"],
        open_at_end=open_at_end, late_open_at_end=row["late_open_total"], **{m: row[f"in_{m}"] for m in IN_PERIOD},
    )


def figures(scope: Scope, period: Period, *, today: dt.date | None = None) -> Figures:
    """One query over the scope's days up to the period's end."""
    start, end = period.first, period.until(today)
    if end < start:
        return Figures()
    return _figures(scope.days().filter(day__lte=end).aggregate(**_sums(start)))


# The column naming a commune, centre, agency or procedure in the facts and the days' rows.
BY_KEY = {"unit": "unit_id", "centre": "centre_id", "agency": "agency_id", "procedure": "procedure_id"}


def figures_by(kind: str, period: Period, *, today: dt.date | None = None) -> dict[int, Figures]:
    """The period's figures of every commune, centre, agency or procedure that has any, in one query."""
    start, end = period.first, period.until(today)
    if end < start:
        return {}
    key = BY_KEY[kind]
    rows = ProcedureDay.objects if kind == "procedure" else UnitDay.objects
    found = {}
    for row in rows.filter(day__lte=end).values(key).annotate(**_sums(start)).order_by(key):
        figures_of = _figures({k: v for k, v in row.items() if k != key})
        if figures_of.counted or figures_of.received:
            found[row[key]] = figures_of
    return found
