"""Ngày hẹn trả: the dates a dossier and its steps are due, on the working-day calendar (units.calendar).

- At receipt the dossier is due ``processing_time`` after the receipt instant, in the procedure's unit and
  with its daily cut-off hour (units/calendar.py: whole working days run from the day after the day of
  deemed receipt to a closing time). Step *n* is due when the durations of steps 1..n have run from the
  same start, so the last step is due with the dossier when the durations add up to the processing time,
  and before it when they add up to less; a step with a positive duration always ends after the one
  before it (in working units).
- While the agency waits for the applicant's supplement the clock stands still: on resume every date
  still ahead moves by the office time that passed (working units) or by the calendar days (day and
  month units). A pause of whole office days keeps a due date at a closing time; a pause of a few hours
  moves it by those hours (the agency gets back exactly what it waited, no more)."""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from decimal import Decimal

from django.utils import timezone

from portal.timeunits import TimeUnit
from units.calendar import add_working_time, working_time_between

_WORKING_UNITS = (TimeUnit.WORKING_DAYS, TimeUnit.WORKING_HOURS)


def due_at_receipt(*, received_at: datetime.datetime, version) -> datetime.datetime:
    """The appointment date written on the receipt slip (form 01)."""
    return add_working_time(received_at, version.processing_time, version.processing_time_unit,
                            cutoff_hour=version.cutoff_hour)


def step_due_dates(*, received_at: datetime.datetime, version, durations: Sequence[Decimal]) -> list:
    """Due instant of each step: the cumulative durations from the receipt, in the version's unit.
    Calendar units count whole days, so a step's share is rounded up to the next whole day."""
    unit, dates, total = version.processing_time_unit, [], Decimal(0)
    for duration in durations:
        total += Decimal(duration)
        amount = total if unit in _WORKING_UNITS else total.to_integral_value(rounding="ROUND_CEILING")
        dates.append(add_working_time(received_at, amount, unit, cutoff_hour=version.cutoff_hour))
    return dates


def paused_working_hours(*, paused_at: datetime.datetime, resumed_at: datetime.datetime) -> Decimal:
    """Office hours that passed while the clock stood still (for on-time rates and the record)."""
    return working_time_between(paused_at, resumed_at, TimeUnit.WORKING_HOURS)


def shift_for_pause(
    due: datetime.datetime, *, paused_at: datetime.datetime, resumed_at: datetime.datetime, unit: str
) -> datetime.datetime:
    """``due`` moved by the pause from ``paused_at`` to ``resumed_at``."""
    if unit in _WORKING_UNITS:
        hours = working_time_between(paused_at, resumed_at, TimeUnit.WORKING_HOURS)
        return add_working_time(due, hours, TimeUnit.WORKING_HOURS) if hours > 0 else due
    local = timezone.localtime
    days = (local(resumed_at).date() - local(paused_at).date()).days
    if days <= 0:
        return due
    # From the due date's midnight, so the due date itself is day 0 even when the due instant is after
    # closing (a new date set by an extension); otherwise that would be one day too many.
    midnight = local(due).replace(hour=0, minute=0, second=0, microsecond=0)
    return add_working_time(midnight, days, TimeUnit.DAYS)
