"""Writes to administrative units, centres and the working-day calendar."""

from collections.abc import Iterable
from datetime import date

from django.db import transaction
from django.utils import formats
from django.utils.translation import gettext as _

from portal.dates import date_text
from portal.text import nfc
from units.calendar import calendar_cache_invalidate
from units.calendarseed import CalendarComparison, calendar_compare_rows, seed_calendar_rows
from units.errors import CalendarDayExists, CalendarInvalid, UnitErrorCode
from units.models import CalendarDay

# --- Working-day calendar (calendar helper) -------------------------------------------------------
# Every write to CalendarDay goes through these functions: they invalidate the deadline cache, now (so
# this transaction computes with its own rows) and after commit (so other processes reload the committed
# rows rather than a state read before the commit).


def _calendar_changed() -> None:
    calendar_cache_invalidate()
    transaction.on_commit(calendar_cache_invalidate)


def calendar_day_errors(*, day: date, kind: str) -> dict[str, list[str]]:
    """What is wrong with a calendar row for this date and kind, keyed by field; empty when valid."""
    weekday = formats.date_format(day, "l")
    shown = date_text(day)
    params = {"date": shown, "weekday": weekday}
    if kind not in CalendarDay.Kind.values:
        return {"kind": [_("Choose a holiday or a swapped working day.")]}
    if kind == CalendarDay.Kind.HOLIDAY and day.weekday() >= 5:
        return {
            "date": [
                _(
                    "%(date)s is a %(weekday)s, already a rest day. A holiday that falls on a rest day moves "
                    "to the next working day: enter that day instead."
                )
                % params
            ]
        }
    if kind == CalendarDay.Kind.WORKING_DAY and day.weekday() < 5:
        return {
            "date": [
                _(
                    "%(date)s is a %(weekday)s, already a working day. A swapped working day must be a Saturday or Sunday."
                )
                % params
            ]
        }
    return {}


@transaction.atomic
def calendar_day_save(
    *, day: date, kind: str, name: str, name_en: str = "", instance: CalendarDay | None = None
) -> CalendarDay:
    """Create a holiday or swapped working day, or change ``instance`` (the admin passes its object)."""
    errors = calendar_day_errors(day=day, kind=kind)
    name, name_en = nfc(name or "").strip(), nfc(name_en or "").strip()
    if not name:
        errors.setdefault("name", []).append(_("Give the day a name, e.g. Tết Nguyên Đán."))
    if errors:
        raise CalendarInvalid(_("The calendar day is not valid."), errors=errors)
    clash = CalendarDay.objects.select_for_update().filter(date=day)
    if instance is not None and instance.pk:
        clash = clash.exclude(pk=instance.pk)
    if clash.exists():
        raise CalendarDayExists(
            _("%(date)s is already in the calendar.")
            % {"date": date_text(day)},
            code=UnitErrorCode.CALENDAR_DUPLICATE,
        )
    calendar_day = instance if instance is not None else CalendarDay()
    calendar_day.date, calendar_day.kind, calendar_day.name, calendar_day.name_en = day, kind, name, name_en
    calendar_day.save()
    _calendar_changed()
    return calendar_day


@transaction.atomic
def calendar_day_delete(*, calendar_days: Iterable[CalendarDay]) -> int:
    """Remove rows (the date becomes an ordinary weekday or weekend again); return how many."""
    pks = [calendar_day.pk for calendar_day in calendar_days]
    deleted, _by_model = CalendarDay.objects.filter(pk__in=pks).delete()
    _calendar_changed()
    return deleted


@transaction.atomic
def calendar_seed(*, years: Iterable[int], fill: bool = False) -> int:
    """Seed holidays and swapped working days of ``years`` from the Vietnam calendar; return rows created.

    Idempotent, and admin edits survive: existing rows are never changed, and a year that already has rows
    is left alone (so a holiday the admin deleted does not come back) unless ``fill`` adds its missing
    dates. See units/calendarseed.py for the rules."""
    created = seed_calendar_rows(CalendarDay, years=years, fill=fill)
    if created:
        _calendar_changed()
    return created


def calendar_compare(*, years: Iterable[int]) -> CalendarComparison:
    """The table beside the installed ``holidays`` package (which may know days the table was seeded
    without, e.g. the 2026 swap of 22 August and the new 24 November holiday)."""
    return calendar_compare_rows(CalendarDay, years=years)


@transaction.atomic
def calendar_add_missing(*, years: Iterable[int]) -> list:
    """Add the package's days that have no row in ``years``; return them. Rows the admin set (a changed
    kind or name, an added day) are never touched; a day the admin deleted is missing again, so the
    comparison is shown before anything is added (command and admin action)."""
    missing = calendar_compare(years=years).missing
    if missing:
        CalendarDay.objects.bulk_create(
            [CalendarDay(date=e.date, kind=e.kind, name=e.name, name_en=e.name_en) for e in missing],
            ignore_conflicts=True)
        _calendar_changed()
    return missing
