"""Thời hạn giải quyết văn bản đến: a handling deadline is a date, given as such or as N working days from
the direction, counted on the working-day calendar (units.calendar: weekends, holidays such as Tết and swapped
days skipped). "Due soon" means due by the next working day, as the dossier worklists say it."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from portal.timeunits import TimeUnit
from units.calendar import add_working_time, working_calendar

MAX_DAYS = 365


def deadline_after(days: int, *, now: dt.datetime | None = None) -> dt.date:
    """The date ``days`` working days after ``now``: given on a working day before closing, day 0 is today;
    later, or on a day off, the next working day (units.calendar)."""
    moment = add_working_time(now or timezone.now(), days, TimeUnit.WORKING_DAYS)
    return timezone.localtime(moment).date()


def today(now: dt.datetime | None = None) -> dt.date:
    return timezone.localtime(now or timezone.now()).date()


def soon_limit(now: dt.datetime | None = None) -> dt.date:
    """Deadlines up to this date (inclusive) are due soon: the next working day after today."""
    return working_calendar().working_days_after(today(now), 1)


def due_status(deadline: dt.date | None, *, now: dt.datetime | None = None,
               limit: dt.date | None = None) -> str:
    """"late" (the deadline has passed), "soon" (due by the next working day) or "" (later, or none)."""
    if deadline is None:
        return ""
    if deadline < today(now):
        return "late"
    if deadline <= (limit or soon_limit(now)):
        return "soon"
    return ""
