"""What anyone may see of the province's service, as the national portal's public dashboard shows it: volume,
the on-time rate, the online share and satisfaction, for the province by month and for each commune."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from reports.indicators.catalogue import Catalogue, Petitions
from reports.indicators.figures import Figures, Scope, figures, figures_by
from reports.indicators.names import scope_names
from reports.indicators.periods import Period
from reports.indicators.scoring import Inputs, percent, rounded, satisfaction


@dataclass(frozen=True)
class Row:
    label: str
    figures: Figures

    @property
    def on_time(self) -> Decimal | None:
        return percent(self.figures.on_time, self.figures.counted)

    @property
    def online(self) -> Decimal | None:
        return percent(self.figures.received_online, self.figures.received)

    @property
    def satisfaction(self) -> Decimal | None:
        """Decision 766's 5.4: 100 % less the late rate and the rate of dossiers complained about."""
        rate = satisfaction(Inputs(self.figures, Catalogue(), Petitions())).rate
        return rounded(rate * 100) if self.figures.counted else None


def last_months(count: int, *, today: dt.date | None = None) -> list[Period]:
    today = today or dt.date.today()
    year, month = today.year, today.month
    months = []
    for _ in range(count):
        months.append(Period("month", year, month))
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return months[::-1]


def by_month(months: list[Period], *, today: dt.date | None = None) -> list[Row]:
    return [Row(f"{p.number:02d}/{p.year}", figures(Scope(), p, today=today)) for p in months]


def by_commune(period: Period, *, today: dt.date | None = None) -> list[Row]:
    found = figures_by("unit", period, today=today)
    names = scope_names("unit", found)
    return sorted((Row(names.get(pk, ""), f) for pk, f in found.items()), key=lambda row: row.label)
