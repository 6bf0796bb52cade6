"""Lịch làm việc: working days and the one place where processing deadlines are computed.

Days. Saturday and Sunday are rest days. A ``CalendarDay`` row overrides a date: ``holiday`` makes a
weekday a day off (public holidays, the days they move to when they fall on a rest day, Tết), and
``working_day`` makes a Saturday or Sunday a working day (the government's swapped days).

Instants. Every start and end is a timezone-aware datetime (a naive one is a programming error and raises
ValueError); it is read in the portal's time zone (Asia/Ho_Chi_Minh) and results are returned in it.
Office hours come from ``settings.OFFICE_HOURS`` (see units/officehours.py); periods are half-open, so
11:30 is already lunch and 17:00 already closed.

Where counting starts. Office time (working hours, and the fraction of a working-day amount) runs from
the *effective start*:
- a start inside a working period counts from that instant;
- a start before a period of a working day (early morning, lunch) counts from that period's start;
- a start after closing, or on a rest day or holiday, counts from the next working day's opening;
- with ``cutoff_hour``, a start strictly after that hour on a working day counts from the next working
  day's opening (dossiers received late in the day are treated as received the next working day).
Periods counted in whole days run from the *day of deemed receipt* ("day 0"): the start's date when it is
a working day and the start is no later than its closing time (and than the cut-off), else the next
working day. Closing time itself still belongs to its day, as a due instant does, so that N days counted
from a due date end N working days after it (an extension, a clock moved by whole days).

Units (``portal.timeunits.TimeUnit``):
- WORKING_HOURS: office time is consumed period by period from the effective start; the due instant is
  the earliest instant at which ``amount`` hours of office time have elapsed. It can therefore be a
  period's end (11:30 or 17:00) but never a later opening: 8 hours from Monday 07:30 is due Monday 17:00,
  and 4 hours from Monday 16:00 are due Tuesday 10:30.
- WORKING_DAYS, amount N + f with N whole and 0 <= f < 1 (law: Civil Code 2015 art. 147 — a period in
  days begins on the day after the event and ends at the end of its last day; Decree 61/2018/NĐ-CP as
  amended by Decree 107/2021/NĐ-CP — a dossier received after hours or after the cut-off counts as
  received on the next working day):
  - N >= 1: day 0 is not used up. The whole days end at the closing time of the Nth working day after day
    0; a fraction f is then counted as f × one day's office time from the next opening. Received Monday
    10:00, 1 day: Tuesday 17:00; 1.5 days: Wednesday 11:30 (7:30 + 4 hours).
  - N = 0 (procedures returned the same day, "trả trong ngày"): f × one day's office time from the
    effective start, like working hours: 0.5 day received Monday 09:00 is due Monday 14:30.
  This is monotone (a later receipt or a longer time is never due earlier), strictly so in the amount (a
  step of 0.5 day always gets time of its own), and the agency always gets at least the amount in office
  time and at most one day more (the rest of day 0).
- DAYS and MONTHS (calendar time, whole amounts only; Civil Code art. 147–148): day 0 plus N days, or
  plus N months with the day clamped to the month's end (31 January + 1 month = 28/29 February); the due
  instant is the closing time of that date, or of the next working day when that date is a rest day or
  holiday.
A zero amount returns the effective start (or day 0's closing time for calendar units). Every due instant
falls on a working day, within or at the end of office hours.

``working_time_between(start, end, unit)`` is the office time between two instants (paused clocks,
on-time rates) in working hours or working days; with DAYS it is elapsed calendar time. It is
antisymmetric, and ``working_time_between(s, add_working_time(s, h, WORKING_HOURS)) == h`` for any ``s``
when no cut-off applies.

Cache. The ``CalendarDay`` rows (a few dozen a year) are loaded whole, once, and kept per process. A
version token in Django's cache, changed by every write through units.services, makes every process
reload on its next computation; a snapshot is also reloaded after ``MAX_AGE_SECONDS`` because with the
default per-process cache (no Redis) other processes never see the token change. So a computation does
at most one query. Writing ``CalendarDay`` rows other than through units.services (a data migration, a
test) must be followed by ``calendar_cache_invalidate()``."""

import logging
import time as monotonic_time
import uuid
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, tzinfo
from decimal import ROUND_CEILING, Decimal, InvalidOperation

from django.core.cache import cache
from django.utils import timezone

from portal.timeunits import TimeUnit
from units.models import CalendarDay
from units.officehours import MICROS_PER_DAY, MICROS_PER_HOUR, OfficeHours, micros_of, office_hours

logger = logging.getLogger(__name__)

MAX_AGE_SECONDS = 60.0
_VERSION_KEY = "units:calendar:version"
# Longest run of consecutive days off we accept before calling the calendar broken (Tết plus weekends is ~9).
_MAX_DAYS_OFF = 366


class WorkingCalendar:
    """One snapshot of the special dates, with the office hours; all the arithmetic lives here."""

    def __init__(self, *, holidays: frozenset[date], working_days: frozenset[date], hours: OfficeHours):
        self.holidays = holidays
        self.working_days = working_days
        self.hours = hours
        self.years_with_holidays = frozenset(day.year for day in holidays)

    def is_working_day(self, day: date) -> bool:
        if day in self.working_days:
            return True
        if day in self.holidays:
            return False
        return day.weekday() < 5

    def next_working_day(self, day: date) -> date:
        for _ in range(_MAX_DAYS_OFF):
            day += timedelta(days=1)
            if self.is_working_day(day):
                return day
        raise RuntimeError(f"No working day within {_MAX_DAYS_OFF} days after {day}; check the calendar.")

    def effective_start(self, day: date, micros: int, cutoff: int | None) -> tuple[date, int]:
        if self.is_working_day(day) and (cutoff is None or micros <= cutoff):
            for start, end in self.hours.periods:
                if micros < end:
                    return day, max(start, micros)
        return self.next_working_day(day), self.hours.opening

    def day_zero(self, day: date, micros: int, cutoff: int | None) -> date:
        """The day of deemed receipt, from which periods in whole days count (it is not itself counted)."""
        if self.is_working_day(day) and micros <= self.hours.closing and (cutoff is None or micros <= cutoff):
            return day
        return self.next_working_day(day)

    def working_days_after(self, day: date, count: int) -> date:
        for _ in range(count):
            day = self.next_working_day(day)
        return day

    def consume(self, day: date, micros: int, amount: int) -> tuple[date, int]:
        """From an effective start, the earliest (day, micros) after ``amount`` microseconds of office time."""
        remaining = amount
        while remaining > 0:
            for start, end in self.hours.periods:
                if end <= micros:
                    continue
                begin = max(start, micros)
                if remaining <= end - begin:
                    return day, begin + remaining
                remaining -= end - begin
            day, micros = self.next_working_day(day), 0
        return day, micros

    def office_micros_between(self, start: datetime, end: datetime) -> int:
        """Office time in [start, end] for local datetimes with start <= end."""
        total = 0
        day = start.date()
        while day <= end.date():
            if self.is_working_day(day):
                lower = micros_of(start.time()) if day == start.date() else 0
                upper = micros_of(end.time()) if day == end.date() else MICROS_PER_DAY
                for period_start, period_end in self.hours.periods:
                    total += max(0, min(upper, period_end) - max(lower, period_start))
            day += timedelta(days=1)
        return total


@dataclass(frozen=True)
class _Snapshot:
    calendar: WorkingCalendar
    version: object
    loaded_at: float


_snapshot: _Snapshot | None = None
_warned_years: set[int] = set()


def _cache_version() -> object:
    try:
        return cache.get(_VERSION_KEY)
    except Exception:  # the cache only speeds things up: a Redis outage must not stop deadlines
        logger.warning("Calendar cache unreadable; reloading calendar days from the database.", exc_info=True)
        return uuid.uuid4().hex  # never equal to a stored version, so the snapshot is reloaded


def working_calendar() -> WorkingCalendar:
    """The current calendar: at most one query, none while the cached snapshot is fresh."""
    global _snapshot
    version, hours, now = _cache_version(), office_hours(), monotonic_time.monotonic()
    snap = _snapshot
    if (
        snap is None
        or snap.version != version
        or snap.calendar.hours != hours
        or now - snap.loaded_at > MAX_AGE_SECONDS
    ):
        holidays, working_days = set(), set()
        for day, kind in CalendarDay.objects.values_list("date", "kind"):
            (holidays if kind == CalendarDay.Kind.HOLIDAY else working_days).add(day)
        calendar = WorkingCalendar(
            holidays=frozenset(holidays), working_days=frozenset(working_days), hours=hours
        )
        snap = _snapshot = _Snapshot(calendar=calendar, version=version, loaded_at=now)
    return snap.calendar


def calendar_cache_invalidate() -> None:
    """Make every process reload the calendar days (call after they change)."""
    global _snapshot
    _snapshot = None
    try:
        cache.set(_VERSION_KEY, uuid.uuid4().hex, timeout=None)
    except Exception:  # see _cache_version; other processes still reload within MAX_AGE_SECONDS
        logger.warning(
            "Calendar cache unwritable; other processes reload within the maximum age.", exc_info=True
        )


def _warn_if_unseeded(calendar: WorkingCalendar, *days: date) -> None:
    for year in range(min(days).year, max(days).year + 1):
        if year not in calendar.years_with_holidays and year not in _warned_years:
            _warned_years.add(year)
            logger.warning(
                "The working-day calendar has no holidays for %s; only weekends count as rest days. "
                "Run `manage.py seed_calendar --years %s` or enter them in the admin.",
                year,
                year,
            )


def _tz() -> tzinfo:
    return timezone.get_default_timezone()


def _local(moment: datetime) -> datetime:
    if timezone.is_naive(moment):
        raise ValueError(f"{moment!r} is naive; deadlines need timezone-aware datetimes.")
    return moment.astimezone(_tz())


def _at(day: date, micros: int) -> datetime:
    # Vietnam has no daylight saving time, so wall-clock arithmetic from midnight is exact.
    return datetime.combine(day, time(0), tzinfo=_tz()) + timedelta(microseconds=micros)


def _as_amount(amount: Decimal | int) -> Decimal:
    try:
        value = amount if isinstance(amount, Decimal) else Decimal(str(amount))
    except InvalidOperation as exc:
        raise ValueError(f"{amount!r} is not a number of time units.") from exc
    if not value.is_finite() or value < 0:
        raise ValueError(f"{amount!r} is not a non-negative amount of time.")
    return value


def _add_months(day: date, months: int) -> date:
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    next_month = date(year + month // 12, month % 12 + 1, 1)
    return date(year, month, min(day.day, (next_month - timedelta(days=1)).day))


def is_working_day(day: date) -> bool:
    """Whether offices work on this date (a datetime is read as its local date)."""
    if isinstance(day, datetime):
        day = _local(day).date()
    return working_calendar().is_working_day(day)


def add_working_time(
    start: datetime, amount: Decimal | int, unit: str, cutoff_hour: time | None = None
) -> datetime:
    """The due instant ``amount`` ``unit``s after ``start`` (see the module docstring for the rules)."""
    value = _as_amount(amount)
    if unit not in TimeUnit.values:
        raise ValueError(f"Unknown time unit {str(unit)!r}.")
    calendar = working_calendar()
    local = _local(start)
    cutoff = micros_of(cutoff_hour) if cutoff_hour is not None else None
    start_day, start_micros = local.date(), micros_of(local.time())
    whole = int(value)  # value >= 0, so int() is the floor
    if unit == TimeUnit.WORKING_HOURS or (unit == TimeUnit.WORKING_DAYS and whole == 0):
        # Office time from the effective start (hours, or less than one working day).
        per_unit = MICROS_PER_HOUR if unit == TimeUnit.WORKING_HOURS else calendar.hours.day_length
        day, micros = calendar.effective_start(start_day, start_micros, cutoff)
        due_day, due_micros = calendar.consume(day, micros, _micros(value, per_unit))
        _warn_if_unseeded(calendar, day, due_day)
        return _at(due_day, due_micros)
    day = calendar.day_zero(start_day, start_micros, cutoff)
    if unit == TimeUnit.WORKING_DAYS:
        # Whole days after day 0, to the closing time of the last; a fraction then runs from the next opening.
        due_day, due_micros = calendar.consume(
            calendar.working_days_after(day, whole), calendar.hours.closing,
            _micros(value - whole, calendar.hours.day_length),
        )
        _warn_if_unseeded(calendar, day, due_day)
        return _at(due_day, due_micros)
    if value != whole:
        raise ValueError(f"Calendar {str(unit)} must be a whole number, not {amount}.")
    target = day + timedelta(days=whole) if unit == TimeUnit.DAYS else _add_months(day, whole)
    if not calendar.is_working_day(target):
        target = calendar.next_working_day(target)
    _warn_if_unseeded(calendar, day, target)
    return _at(target, calendar.hours.closing)


def _micros(amount: Decimal, per_unit: int) -> int:
    return int((amount * per_unit).to_integral_value(rounding=ROUND_CEILING))


def working_time_between(start: datetime, end: datetime, unit: str = TimeUnit.WORKING_HOURS) -> Decimal:
    """Office time from ``start`` to ``end`` in working hours or days (negative when end < start);
    with DAYS, the elapsed calendar days."""
    local_start, local_end = _local(start), _local(end)
    if local_end < local_start:
        return -working_time_between(end, start, unit)
    if unit == TimeUnit.DAYS:
        return Decimal((local_end - local_start) // timedelta(microseconds=1)) / MICROS_PER_DAY
    if unit not in (TimeUnit.WORKING_HOURS, TimeUnit.WORKING_DAYS):
        raise ValueError(f"Working time cannot be measured in {str(unit)!r}.")
    calendar = working_calendar()
    _warn_if_unseeded(calendar, local_start.date(), local_end.date())
    micros = calendar.office_micros_between(local_start, local_end)
    per_unit = MICROS_PER_HOUR if unit == TimeUnit.WORKING_HOURS else calendar.hours.day_length
    return Decimal(micros) / per_unit
