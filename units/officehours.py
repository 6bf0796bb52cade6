"""Giờ làm việc: the offices' working periods, from ``settings.OFFICE_HOURS``.

The setting is a comma-separated list of ``HH:MM-HH:MM`` periods in local time, in order and not
overlapping, e.g. ``"07:30-11:30,13:00-17:00"`` (the default: eight hours with a lunch break). Positions
within a day are handled as whole microseconds since local midnight so that deadline arithmetic is exact."""

import re
from dataclasses import dataclass
from datetime import time
from functools import lru_cache

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

DEFAULT_OFFICE_HOURS = "07:30-11:30,13:00-17:00"
MICROS_PER_SECOND = 1_000_000
MICROS_PER_HOUR = 3600 * MICROS_PER_SECOND
MICROS_PER_DAY = 24 * MICROS_PER_HOUR

_PERIOD = re.compile(r"^(\d{1,2}):(\d{2})-(\d{1,2}):(\d{2})$")


@dataclass(frozen=True)
class OfficeHours:
    """Working periods of one working day as (start, end) microseconds since midnight, half-open."""

    periods: tuple[tuple[int, int], ...]

    @property
    def opening(self) -> int:
        return self.periods[0][0]

    @property
    def closing(self) -> int:
        return self.periods[-1][1]

    @property
    def day_length(self) -> int:
        """Working time in one working day, in microseconds (8 hours by default)."""
        return sum(end - start for start, end in self.periods)


def micros_of(moment: time) -> int:
    return ((moment.hour * 60 + moment.minute) * 60 + moment.second) * MICROS_PER_SECOND + moment.microsecond


@lru_cache(maxsize=8)
def parse_office_hours(text: str) -> OfficeHours:
    """Parse the setting; raise ImproperlyConfigured saying what is wrong with it."""
    periods: list[tuple[int, int]] = []
    for part in (text or "").replace(" ", "").split(","):
        match = _PERIOD.match(part)
        if not match:
            raise ImproperlyConfigured(
                f"OFFICE_HOURS: {part!r} is not a period like 07:30-11:30 (in {text!r})."
            )
        h1, m1, h2, m2 = (int(g) for g in match.groups())
        if h1 > 23 or h2 > 24 or m1 > 59 or m2 > 59 or (h2 == 24 and m2):
            raise ImproperlyConfigured(f"OFFICE_HOURS: {part!r} is not a valid time range.")
        start, end = (h1 * 60 + m1) * 60 * MICROS_PER_SECOND, (h2 * 60 + m2) * 60 * MICROS_PER_SECOND
        if start >= end:
            raise ImproperlyConfigured(f"OFFICE_HOURS: {part!r} ends before it starts.")
        if periods and start < periods[-1][1]:
            raise ImproperlyConfigured(f"OFFICE_HOURS: {part!r} overlaps or precedes the previous period.")
        periods.append((start, end))
    return OfficeHours(periods=tuple(periods))


def office_hours() -> OfficeHours:
    """The configured office hours (parsed once per distinct setting value)."""
    return parse_office_hours(getattr(settings, "OFFICE_HOURS", "") or DEFAULT_OFFICE_HOURS)
