"""The initial content of the working-day calendar, from the ``holidays`` package's Vietnam calendar.

Public holidays follow the Labour Code 2019, art. 112: 1 January; Tết (five days, dates fixed each year by
the Government); Hùng Kings' day (10th day of the 3rd lunar month); 30 April; 1 May; 2 September plus one
adjacent day; a holiday on a rest day moves to the next working day. The package applies these rules and
also knows the Government's swapped days (a Saturday worked in exchange for a bridging day off).

What we store is only what differs from the ordinary week: holidays that fall on a weekday (one on a
Saturday or Sunday changes nothing; the day it moves to is a separate entry) and swapped working days on
a Saturday or Sunday. Where the Government's decision differs from the package, ``TET_DECISIONS`` wins.

``seed_calendar_rows`` takes the model class so that the data migration can pass its historical model."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

import holidays

# Tết days off for officials as decided by the Government (first and last weekday off, inclusive). These
# replace whatever the package gives for that year's Tết, which matters when the package is older or wrong.
TET_DECISIONS: dict[int, tuple[date, date]] = {
    # Tết Bính Ngọ: off Saturday 14 – Sunday 22 February 2026, i.e. weekdays Monday 16 – Friday 20.
    2026: (date(2026, 2, 16), date(2026, 2, 20)),
}
# Tết holidays always fall in this window (New Year's Day and Hùng Kings' day never do).
_TET_WINDOW = ((1, 15), (2, 28))

HOLIDAY = "holiday"
WORKING_DAY = "working_day"


@dataclass(frozen=True)
class SeedDay:
    date: date
    kind: str
    name: str
    name_en: str


def _country(years: Iterable[int], language: str) -> holidays.HolidayBase:
    if language not in getattr(holidays.VN, "supported_languages", ()):
        language = None  # the package's default names (Vietnamese) rather than failing
    return holidays.country_holidays("VN", years=list(years), language=language)


def _in_tet_window(day: date) -> bool:
    (m1, d1), (m2, d2) = _TET_WINDOW
    return date(day.year, m1, d1) <= day <= date(day.year, m2, d2)


def calendar_seed_days(years: Iterable[int]) -> list[SeedDay]:
    """The holiday and swapped-working-day entries for these years, sorted by date."""
    wanted = sorted(set(years))
    if not wanted:
        return []
    # One year either side so that a swap pairing a day off with a working day across New Year is named.
    span = range(wanted[0] - 1, wanted[-1] + 2)
    vi, en = _country(span, "vi"), _country(span, "en_US")
    entries: dict[date, SeedDay] = {}
    for day in sorted(vi):
        if day.year in wanted and day.weekday() < 5:
            entries[day] = SeedDay(day, HOLIDAY, vi[day], en.get(day, ""))
    for year in wanted:
        if year in TET_DECISIONS:
            first, last = TET_DECISIONS[year]
            for day in [d for d in entries if d.year == year and _in_tet_window(d)]:
                del entries[day]
            day = first
            while day <= last:
                if day.weekday() < 5:
                    entries[day] = SeedDay(
                        day,
                        HOLIDAY,
                        vi.get(day, "Nghỉ Tết Nguyên Đán"),
                        en.get(day, "Lunar New Year holiday"),
                    )
                day += timedelta(days=1)
    for day in sorted(getattr(vi, "weekend_workdays", ())):
        if day.year in wanted and day.weekday() >= 5:
            entries[day] = _swapped_day(day, vi)
    return [entries[day] for day in sorted(entries)]


def _swapped_day(day: date, vi: holidays.HolidayBase) -> SeedDay:
    # The package names the day off "Ngày nghỉ (thay cho ngày 26/04/2025)": find it to name the pair.
    worked = day.strftime("%d/%m/%Y")
    day_off = next((d for d, name in sorted(vi.items()) if worked in name), None)
    if day_off is None:
        return SeedDay(day, WORKING_DAY, "Ngày làm việc bù", "Swapped working day")
    return SeedDay(
        day,
        WORKING_DAY,
        f"Làm việc bù cho ngày nghỉ {day_off:%d/%m/%Y}",
        f"Working day in exchange for the day off on {day_off.day} {day_off:%B %Y}",  # never ISO in a sentence
    )


def seed_calendar_rows(model, *, years: Iterable[int], fill: bool = False) -> int:
    """Insert the seed entries for ``years`` into ``model`` (CalendarDay, current or historical); return how
    many rows were created. Existing rows are never changed. A year that already has rows is skipped
    unless ``fill``: the admin owns it, so a holiday they deleted is not brought back; with ``fill`` only
    the dates that have no row are added."""
    wanted = sorted(set(years))
    seeded_years = {d.year for d in model.objects.filter(date__year__in=wanted).dates("date", "year")}
    targets = [year for year in wanted if fill or year not in seeded_years]
    entries = calendar_seed_days(targets)
    existing = set(model.objects.filter(date__in=[e.date for e in entries]).values_list("date", flat=True))
    new_rows = [
        model(date=e.date, kind=e.kind, name=e.name, name_en=e.name_en)
        for e in entries
        if e.date not in existing
    ]
    # ignore_conflicts: a concurrent seed of the same year must not fail on the unique date.
    model.objects.bulk_create(new_rows, ignore_conflicts=True)
    return len(new_rows)


@dataclass(frozen=True)
class CalendarComparison:
    """The calendar table beside the package's calendar for some years."""

    missing: list[SeedDay]  # the package has the date, the table has no row for it
    different: list[tuple[SeedDay, object]]  # both have the date, with another kind (the table's stays)
    extra: list  # rows the package does not have: the admin's own days, the Government's decisions

    @property
    def in_step(self) -> bool:
        return not (self.missing or self.different)


def calendar_compare_rows(model, *, years: Iterable[int]) -> CalendarComparison:
    """Compare ``model``'s rows (CalendarDay) of ``years`` with the seed entries of the installed package."""
    entries = {e.date: e for e in calendar_seed_days(years)}
    rows = {row.date: row for row in model.objects.filter(date__year__in=sorted(set(years))).order_by("date")}
    return CalendarComparison(
        missing=[e for day, e in sorted(entries.items()) if day not in rows],
        different=[(e, rows[day]) for day, e in sorted(entries.items()) if day in rows and rows[day].kind != e.kind],
        extra=[row for day, row in sorted(rows.items()) if day not in entries],
    )
