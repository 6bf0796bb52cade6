"""Laws of the deadline arithmetic, checked with hypothesis over the seeded 2025–2027 calendar."""

from datetime import date, datetime, time, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from portal.timeunits import TimeUnit
from units.calendar import add_working_time, calendar_cache_invalidate, is_working_day, working_time_between
from units.services import calendar_seed

HCM = ZoneInfo("Asia/Ho_Chi_Minh")
OPENING, CLOSING = time(7, 30), time(17)
PERIODS = [(time(7, 30), time(11, 30)), (time(13), time(17))]

# The calendar is read-only here, so one database per test (not per example) is right.
laws = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])

starts = st.datetimes(
    min_value=datetime(2024, 12, 1), max_value=datetime(2027, 6, 30), timezones=st.just(HCM)
).map(lambda moment: moment.replace(microsecond=0))
cutoffs = st.none() | st.sampled_from([time(11), time(15), time(16, 30)])
working_days = st.integers(min_value=0, max_value=60)
quarter_hours = st.integers(min_value=0, max_value=600).map(lambda n: Decimal(n) / 4)
half_days = st.integers(min_value=0, max_value=80).map(lambda n: Decimal(n) / 2)
units_and_amounts = st.one_of(
    st.tuples(st.just(TimeUnit.WORKING_DAYS), half_days),
    st.tuples(st.just(TimeUnit.WORKING_HOURS), quarter_hours),
    st.tuples(st.just(TimeUnit.DAYS), st.integers(min_value=0, max_value=120)),
    st.tuples(st.just(TimeUnit.MONTHS), st.integers(min_value=0, max_value=14)),
)


@st.composite
def starts_in_office_hours(draw) -> datetime:
    day = draw(st.dates(min_value=date(2025, 1, 1), max_value=date(2027, 6, 30)))
    assume(is_working_day(day))
    begin, end = draw(st.sampled_from(PERIODS))
    minutes = (end.hour * 60 + end.minute) - (begin.hour * 60 + begin.minute)
    offset = draw(st.integers(min_value=0, max_value=minutes * 60 - 1))
    return datetime.combine(day, begin, tzinfo=HCM) + timedelta(seconds=offset)


@pytest.fixture(autouse=True)
def calendar(db):
    calendar_seed(years=[2025, 2026, 2027])
    calendar_cache_invalidate()
    yield
    calendar_cache_invalidate()


@laws
@given(
    start=starts, unit_amounts=units_and_amounts, more=st.integers(min_value=0, max_value=20), cutoff=cutoffs
)
def test_more_time_never_gives_an_earlier_due_date(start, unit_amounts, more, cutoff):
    unit, amount = unit_amounts
    assert add_working_time(start, amount, unit, cutoff) <= add_working_time(
        start, amount + more, unit, cutoff
    )


@laws
@given(
    start=starts,
    later_by=st.integers(0, 600) | st.integers(0, 20 * 24 * 60),
    unit_amounts=units_and_amounts,
    cutoff=cutoffs,
)
def test_a_later_start_never_gives_an_earlier_due_date(start, later_by, unit_amounts, cutoff):
    unit, amount = unit_amounts
    later = start + timedelta(minutes=later_by)
    assert add_working_time(start, amount, unit, cutoff) <= add_working_time(later, amount, unit, cutoff)


@laws
@given(start=starts, unit=st.sampled_from([TimeUnit.WORKING_DAYS, TimeUnit.WORKING_HOURS]),
       amount=half_days, more=half_days.filter(lambda d: d > 0), cutoff=cutoffs)
def test_more_working_time_is_always_due_later(start, unit, amount, more, cutoff):
    # So every step of an internal process with a positive duration gets time of its own.
    assert add_working_time(start, amount, unit, cutoff) < add_working_time(start, amount + more, unit, cutoff)


@laws
@given(start=starts, n=working_days.filter(lambda n: n > 0), m=half_days.filter(lambda d: d > 0))
def test_adding_n_then_m_working_days_equals_adding_n_plus_m(start, n, m):
    # n >= 1: adding zero days returns the effective start, which for a start at closing time is the next
    # opening, while day 0 of a count from that start is still its own day.
    days = TimeUnit.WORKING_DAYS
    assert add_working_time(add_working_time(start, n, days), m, days) == add_working_time(start, n + m, days)


@laws
@given(start=starts, n=quarter_hours, m=quarter_hours.filter(lambda h: h > 0))
def test_adding_n_then_m_working_hours_equals_adding_n_plus_m(start, n, m):
    hours = TimeUnit.WORKING_HOURS
    assert add_working_time(add_working_time(start, n, hours), m, hours) == add_working_time(
        start, n + m, hours
    )


@laws
@given(start=starts, unit_amounts=units_and_amounts, cutoff=cutoffs)
def test_due_instants_fall_on_a_working_day_within_office_hours(start, unit_amounts, cutoff):
    unit, amount = unit_amounts
    due = add_working_time(start, amount, unit, cutoff)
    assert is_working_day(due.date())
    assert OPENING <= due.timetz().replace(tzinfo=None) <= CLOSING
    assert due >= start


@laws
@given(start=starts_in_office_hours(), hours=quarter_hours)
def test_working_time_between_undoes_adding_hours_inside_office_hours(start, hours):
    assert working_time_between(start, add_working_time(start, hours, TimeUnit.WORKING_HOURS)) == hours


@laws
@given(start=starts, hours=quarter_hours)
def test_working_time_between_undoes_adding_hours_from_any_start(start, hours):
    assert working_time_between(start, add_working_time(start, hours, TimeUnit.WORKING_HOURS)) == hours


def deemed_receipt_day(start: datetime, cutoff: time | None) -> date:
    """Day 0 of a count in whole days, worked out here independently of units.calendar."""
    local = start.astimezone(HCM)
    day, moment = local.date(), local.time()
    if is_working_day(day) and moment <= CLOSING and (cutoff is None or moment <= cutoff):
        return day
    day += timedelta(days=1)
    while not is_working_day(day):
        day += timedelta(days=1)
    return day


def working_days_in(first: date, last: date) -> int:
    return sum(is_working_day(first + timedelta(days=i)) for i in range((last - first).days + 1))


@laws
@given(start=starts, n=working_days.filter(lambda n: n > 0), cutoff=cutoffs)
def test_whole_working_days_end_at_the_close_of_the_nth_working_day_after_day_0(start, n, cutoff):
    day_0 = deemed_receipt_day(start, cutoff)
    due = add_working_time(start, n, TimeUnit.WORKING_DAYS, cutoff)
    assert due.timetz().replace(tzinfo=None) == CLOSING
    assert due.date() > day_0 >= start.astimezone(HCM).date()  # the day of (deemed) receipt is not used up
    assert working_days_in(day_0 + timedelta(days=1), due.date()) == n


@laws
@given(start=starts, n=working_days.filter(lambda n: n > 0), cutoff=cutoffs)
def test_whole_working_days_are_whole_days_of_office_time_after_day_0(start, n, cutoff):
    day_0 = deemed_receipt_day(start, cutoff)
    due = add_working_time(start, n, TimeUnit.WORKING_DAYS, cutoff)
    assert working_time_between(datetime.combine(day_0, CLOSING, tzinfo=HCM), due, TimeUnit.WORKING_DAYS) == n


@laws
@given(start=starts, days=half_days)
def test_the_agency_gets_the_time_and_at_most_one_day_more(start, days):
    due = add_working_time(start, days, TimeUnit.WORKING_DAYS)
    assert days <= working_time_between(start, due, TimeUnit.WORKING_DAYS) <= days + 1


@laws
@given(start=starts, fraction=st.integers(min_value=0, max_value=7).map(lambda n: Decimal(n) / 8))
def test_less_than_a_working_day_is_office_time_from_receipt(start, fraction):
    due = add_working_time(start, fraction, TimeUnit.WORKING_DAYS)
    assert working_time_between(start, due, TimeUnit.WORKING_DAYS) == fraction
    assert due == add_working_time(start, fraction * 8, TimeUnit.WORKING_HOURS)


@laws
@given(start=starts, n=st.integers(min_value=0, max_value=120), cutoff=cutoffs)
def test_calendar_days_count_from_the_day_after_day_0(start, n, cutoff):
    due = add_working_time(start, n, TimeUnit.DAYS, cutoff)
    target = deemed_receipt_day(start, cutoff) + timedelta(days=n)
    while not is_working_day(target):
        target += timedelta(days=1)
    assert due == datetime.combine(target, CLOSING, tzinfo=HCM)


@laws
@given(a=starts, b=starts, c=starts)
def test_working_time_between_adds_up_and_is_antisymmetric(a, b, c):
    # Seconds are not a terminating fraction of an hour, so the sum is exact only to Decimal's precision.
    total = working_time_between(a, b) + working_time_between(b, c)
    assert abs(total - working_time_between(a, c)) < Decimal("1e-20")
    assert working_time_between(a, b) == -working_time_between(b, a)
