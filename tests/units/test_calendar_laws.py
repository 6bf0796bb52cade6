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
@given(start=starts, n=working_days, m=st.integers(min_value=1, max_value=60))
def test_adding_n_then_m_working_days_equals_adding_n_plus_m(start, n, m):
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


@laws
@given(start=starts, days=half_days)
def test_working_time_between_in_days_undoes_adding_working_days(start, days):
    due = add_working_time(start, days, TimeUnit.WORKING_DAYS)
    assert working_time_between(start, due, TimeUnit.WORKING_DAYS) == days


@laws
@given(a=starts, b=starts, c=starts)
def test_working_time_between_adds_up_and_is_antisymmetric(a, b, c):
    # Seconds are not a terminating fraction of an hour, so the sum is exact only to Decimal's precision.
    total = working_time_between(a, b) + working_time_between(b, c)
    assert abs(total - working_time_between(a, c)) < Decimal("1e-20")
    assert working_time_between(a, b) == -working_time_between(b, a)
