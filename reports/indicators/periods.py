"""The periods Decision 766 is read over: a month, a quarter, the first 6 or 9 months of a year, a year."""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext as _

KINDS = ("month", "quarter", "half", "nine", "year")


@dataclass(frozen=True)
class Period:
    kind: str
    year: int
    number: int = 1  # the month (1–12) or the quarter (1–4); 1 for the others

    @property
    def first(self) -> dt.date:
        if self.kind == "month":
            return dt.date(self.year, self.number, 1)
        if self.kind == "quarter":
            return dt.date(self.year, 3 * self.number - 2, 1)
        return dt.date(self.year, 1, 1)

    @property
    def last(self) -> dt.date:
        month = {"month": self.number, "quarter": 3 * self.number, "half": 6, "nine": 9, "year": 12}[self.kind]
        return dt.date(self.year, month, calendar.monthrange(self.year, month)[1])

    def until(self, today: dt.date | None = None) -> dt.date:
        """The last day the figures are read at: the period's end, or today while it runs."""
        today = today or timezone.localdate()
        return min(self.last, today)

    @property
    def label(self) -> str:
        if self.kind == "month":
            return _("Month %(month)s/%(year)s") % {"month": self.number, "year": self.year}
        if self.kind == "quarter":
            return _("Quarter %(quarter)s/%(year)s") % {"quarter": self.number, "year": self.year}
        if self.kind == "half":
            return _("First 6 months of %(year)s") % {"year": self.year}
        if self.kind == "nine":
            return _("First 9 months of %(year)s") % {"year": self.year}
        return _("Year %(year)s") % {"year": self.year}

    @property
    def slug(self) -> str:
        return f"{self.kind}-{self.year}-{self.number}"

    def months(self) -> list[tuple[int, int]]:
        return [(self.year, month) for month in range(self.first.month, self.last.month + 1)]


def period_from(kind: str, year, number=1) -> Period | None:
    """The period named by a request's values, or None when they name none."""
    try:
        year, number = int(year), int(number or 1)
    except (TypeError, ValueError):
        return None
    if kind not in KINDS or not 2000 <= year <= 2100:
        return None
    if kind == "month" and not 1 <= number <= 12 or kind == "quarter" and not 1 <= number <= 4:
        return None
    return Period(kind, year, number if kind in ("month", "quarter") else 1)


def current_month(today: dt.date | None = None) -> Period:
    today = today or timezone.localdate()
    return Period("month", today.year, today.month)
