"""Due dates (ngày hẹn trả) on the working-day calendar, as the receipt slip shows them: the day of receipt
not used up, a daily cut-off hour, across Tết 2026, a holiday that falls on a weekend, same-day and
working-hour procedures, and a clock stopped for a supplement; then the laws the steps' dates and the
moved dates keep."""

import datetime as dt
from decimal import Decimal
from types import SimpleNamespace
from zoneinfo import ZoneInfo

import pytest
import time_machine
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dossiers.deadlines import due_at_receipt, shift_for_pause, step_due_dates
from dossiers.services import dossier_extend, dossier_receive, dossier_request_supplement, dossier_supplement
from portal.timeunits import TimeUnit
from tests.dossiers.factories import make_world, submitted
from units.calendar import calendar_cache_invalidate, is_working_day, working_time_between
from units.officehours import MICROS_PER_HOUR
from units.services import calendar_seed

pytestmark = pytest.mark.django_db
VN = ZoneInfo("Asia/Ho_Chi_Minh")


def at(*args) -> dt.datetime:
    return dt.datetime(*args, tzinfo=VN)


def receive_at(world, moment):
    dossier = submitted(world)
    with time_machine.travel(moment, tick=False):
        return dossier_receive(dossier=dossier, officer=world.officer)


def test_the_day_of_receipt_is_not_used_up():
    world = make_world(processing_time=Decimal("1"), cutoff_hour=dt.time(15, 0))
    before = receive_at(world, at(2026, 3, 9, 10, 0))  # Monday morning: Tuesday is the one working day
    after = receive_at(world, at(2026, 3, 9, 16, 0))  # after the cut-off: deemed received on Tuesday
    assert before.due_at.astimezone(VN) == at(2026, 3, 10, 17, 0)
    assert after.due_at.astimezone(VN) == at(2026, 3, 11, 17, 0)


def test_friday_afternoon_runs_over_the_weekend():
    world = make_world(processing_time=Decimal("2"))
    dossier = receive_at(world, at(2026, 3, 13, 14, 0))
    assert dossier.due_at.astimezone(VN) == at(2026, 3, 17, 17, 0)  # Monday and Tuesday


def test_received_on_a_saturday_counts_from_monday():
    world = make_world(processing_time=Decimal("1"))
    dossier = receive_at(world, at(2026, 3, 7, 9, 0))  # an online dossier taken in on Saturday
    assert dossier.due_at.astimezone(VN) == at(2026, 3, 10, 17, 0)


def test_three_working_days_across_tet_2026():
    world = make_world(processing_time=Decimal("3"))
    dossier = receive_at(world, at(2026, 2, 13, 10, 0))  # Friday before Tết (16–20 February off)
    assert dossier.due_at.astimezone(VN) == at(2026, 2, 25, 17, 0)  # Mon 23, Tue 24, Wed 25


def test_a_holiday_on_a_saturday_is_taken_the_next_monday():
    world = make_world(processing_time=Decimal("2"))
    # 30 April 2027 is a Friday; 1 May a Saturday, so Monday 3 May is off too.
    dossier = receive_at(world, at(2027, 4, 29, 10, 0))
    assert dossier.due_at.astimezone(VN) == at(2027, 5, 5, 17, 0)


def test_half_a_day_received_in_the_morning_is_due_that_afternoon():
    world = make_world(processing_time=Decimal("0.5"))
    morning = receive_at(world, at(2026, 3, 9, 9, 0))
    afternoon = receive_at(world, at(2026, 3, 9, 15, 0))
    assert morning.due_at.astimezone(VN) == at(2026, 3, 9, 14, 30)
    assert afternoon.due_at.astimezone(VN) == at(2026, 3, 10, 9, 30)
    dues = [s.due_at for s in morning.steps.order_by("position")]
    assert dues == sorted(set(dues)) and dues[-1] == morning.due_at


def test_working_hours_run_from_the_receipt():
    world = make_world(processing_time=Decimal("4"), unit="working_hours")
    dossier = receive_at(world, at(2026, 3, 9, 16, 0))
    assert dossier.due_at.astimezone(VN) == at(2026, 3, 10, 10, 30)  # one hour on Monday, three on Tuesday


def test_after_the_cut_off_hour_counting_starts_the_next_working_day():
    world = make_world(processing_time=Decimal("8"), unit="working_hours", cutoff_hour=dt.time(15, 0))
    before = receive_at(world, at(2026, 3, 10, 14, 0))  # Tuesday, before 15:00
    after = receive_at(world, at(2026, 3, 10, 15, 30))
    assert before.due_at.astimezone(VN) == at(2026, 3, 11, 14, 0)
    assert after.due_at.astimezone(VN) == at(2026, 3, 11, 17, 0)


def test_steps_are_due_by_their_cumulative_durations():
    world = make_world(processing_time=Decimal("3"))
    dossier = receive_at(world, at(2026, 3, 9, 7, 30))  # Monday opening
    dues = [s.due_at.astimezone(VN) for s in dossier.steps.order_by("position")]
    # 0.5, 2, 2.5, 3 working days from Monday 07:30: half a day of office time from the receipt, then
    # Tuesday and Wednesday, half of Thursday, all of Thursday.
    assert dues == [at(2026, 3, 9, 11, 30), at(2026, 3, 11, 17, 0), at(2026, 3, 12, 11, 30),
                    at(2026, 3, 12, 17, 0)]
    assert dues[-1] == dossier.due_at


def test_time_waiting_for_the_supplement_does_not_count():
    world = make_world(processing_time=Decimal("3"))
    dossier = receive_at(world, at(2026, 3, 9, 9, 0))  # Monday 09:00 → due Thursday 17:00
    assert dossier.due_at.astimezone(VN) == at(2026, 3, 12, 17, 0)
    with time_machine.travel(at(2026, 3, 9, 10, 0), tick=False):
        dossier_request_supplement(dossier=dossier, user=world.officer, reason="Thiếu", items=["Tờ khai"])
    with time_machine.travel(at(2026, 3, 11, 10, 0), tick=False):  # two working days later
        dossier_supplement(dossier=dossier, user=world.citizen, note="Đã bổ sung tờ khai")
    dossier.refresh_from_db()
    assert dossier.paused_hours == Decimal("16.00")
    assert dossier.due_at.astimezone(VN) == at(2026, 3, 16, 17, 0)  # two working days on: next Monday
    assert dossier.steps.order_by("position").last().due_at == dossier.due_at
    event = dossier.events.get(kind="supplemented")
    assert event.data["previous_due_at"].startswith("2026-03-12T10:00")


def test_a_pause_across_a_weekend_counts_only_office_time():
    world = make_world(processing_time=Decimal("3"))
    dossier = receive_at(world, at(2026, 3, 9, 9, 0))
    with time_machine.travel(at(2026, 3, 10, 17, 0), tick=False):  # Tuesday closing
        dossier_request_supplement(dossier=dossier, user=world.officer, reason="Thiếu", items=["Tờ khai"])
    with time_machine.travel(at(2026, 3, 16, 7, 0), tick=False):  # Monday before opening
        dossier_supplement(dossier=dossier, user=world.citizen, note="Bổ sung")
    dossier.refresh_from_db()
    # Wednesday, Thursday and Friday were office days the agency waited: three working days more.
    assert dossier.paused_hours == Decimal("24.00")
    assert dossier.due_at.astimezone(VN) == at(2026, 3, 17, 17, 0)


def test_a_pause_of_a_few_hours_moves_the_due_date_by_those_hours():
    world = make_world(processing_time=Decimal("3"))
    dossier = receive_at(world, at(2026, 3, 9, 9, 0))  # due Thursday 17:00
    with time_machine.travel(at(2026, 3, 10, 10, 0), tick=False):
        dossier_request_supplement(dossier=dossier, user=world.officer, reason="Thiếu", items=["Tờ khai"])
    with time_machine.travel(at(2026, 3, 10, 14, 0), tick=False):  # 1.5 hours before lunch, 1 after
        dossier_supplement(dossier=dossier, user=world.citizen, note="Bổ sung")
    dossier.refresh_from_db()
    assert dossier.paused_hours == Decimal("2.50")
    assert dossier.due_at.astimezone(VN) == at(2026, 3, 13, 10, 0)


def test_calendar_day_procedures_move_by_whole_days():
    world = make_world(processing_time=Decimal("15"), unit="days")
    dossier = receive_at(world, at(2026, 3, 9, 9, 0))
    assert dossier.due_at.astimezone(VN) == at(2026, 3, 24, 17, 0)
    with time_machine.travel(at(2026, 3, 10, 9, 0), tick=False):
        dossier_request_supplement(dossier=dossier, user=world.officer, reason="Thiếu", items=["Tờ khai"])
    with time_machine.travel(at(2026, 3, 13, 9, 0), tick=False):
        dossier_supplement(dossier=dossier, user=world.citizen, note="Bổ sung")
    dossier.refresh_from_db()
    assert dossier.due_at.astimezone(VN) == at(2026, 3, 27, 17, 0)  # three days later, a Friday


def test_extension_moves_the_last_step_to_the_new_date():
    world = make_world(processing_time=Decimal("3"))
    dossier = receive_at(world, at(2026, 3, 9, 9, 0))
    with time_machine.travel(at(2026, 3, 11, 9, 0), tick=False):
        dossier_extend(dossier=dossier, user=world.officer, new_due_at=at(2026, 3, 18, 17, 0),
                       reason="Phải xác minh nơi cư trú")
    dossier.refresh_from_db()
    assert dossier.due_at.astimezone(VN) == at(2026, 3, 18, 17, 0)
    assert all(s.due_at <= dossier.due_at for s in dossier.steps.all())


# Laws over the seeded 2025–2027 calendar. The calendar is only read, so one database per test is right.
laws = settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
instants = st.datetimes(
    min_value=dt.datetime(2025, 1, 1), max_value=dt.datetime(2027, 6, 30), timezones=st.just(VN)
).map(lambda moment: moment.replace(microsecond=0))
cutoffs = st.none() | st.sampled_from([dt.time(11), dt.time(15), dt.time(16, 30)])
hundredths = st.integers(min_value=1, max_value=600).map(lambda n: Decimal(n) / 100)
working_units = st.sampled_from([TimeUnit.WORKING_DAYS, TimeUnit.WORKING_HOURS])


@pytest.fixture
def calendar():
    calendar_seed(years=[2025, 2026, 2027])
    calendar_cache_invalidate()
    yield
    calendar_cache_invalidate()


def version(processing_time, unit, cutoff=None):
    return SimpleNamespace(processing_time=processing_time, processing_time_unit=unit, cutoff_hour=cutoff)


@laws
@given(received=instants, unit=working_units, durations=st.lists(hundredths, min_size=1, max_size=6),
       slack=st.sampled_from([Decimal(0), Decimal("0.5"), Decimal(2)]), cutoff=cutoffs)
def test_each_step_gets_time_and_the_last_ends_by_the_due_date(calendar, received, unit, durations, slack,
                                                                cutoff):
    procedure = version(sum(durations) + slack, unit, cutoff)
    due = due_at_receipt(received_at=received, version=procedure)
    dates = step_due_dates(received_at=received, version=procedure, durations=durations)
    assert all(a < b for a, b in zip(dates, dates[1:], strict=False))
    assert dates[-1] <= due
    assert (dates[-1] == due) == (slack == 0)


@laws
@given(received=instants, durations=st.lists(hundredths, min_size=1, max_size=6))
def test_steps_in_calendar_days_end_by_the_due_date(calendar, received, durations):
    # Calendar days are whole: each step's share is rounded up, and the procedure's time is whole too.
    procedure = version(sum(durations).to_integral_value(rounding="ROUND_CEILING"), TimeUnit.DAYS)
    dates = step_due_dates(received_at=received, version=procedure, durations=durations)
    assert dates == sorted(dates)
    assert dates[-1] == due_at_receipt(received_at=received, version=procedure)


@laws
@given(received=instants, amount=hundredths, unit=working_units, paused_at=instants,
       pause=st.integers(min_value=0, max_value=30 * 24 * 60))
def test_a_pause_gives_back_exactly_the_office_time_it_took(calendar, received, amount, unit, paused_at, pause):
    due = due_at_receipt(received_at=received, version=version(amount, unit))
    resumed_at = paused_at + dt.timedelta(minutes=pause)
    moved = shift_for_pause(due, paused_at=paused_at, resumed_at=resumed_at, unit=unit)
    assert moved >= due and is_working_day(moved.date())
    # Exact to the microsecond the shift is rounded up to (a minute is not a terminating fraction of an hour).
    given_back, taken = working_time_between(due, moved), working_time_between(paused_at, resumed_at)
    assert taken <= given_back <= taken + Decimal(1) / MICROS_PER_HOUR


@laws
@given(received=instants, days=st.integers(min_value=1, max_value=20), paused_at=instants,
       paused_days=st.integers(min_value=0, max_value=10))
def test_a_pause_of_whole_office_days_keeps_a_whole_day_due_date_at_closing(calendar, received, days, paused_at,
                                                                          paused_days):
    due = due_at_receipt(received_at=received, version=version(Decimal(days), TimeUnit.WORKING_DAYS))
    # From a closing time to the same time paused_days working days later: whole days of office time.
    start = dt.datetime.combine(paused_at.date(), dt.time(17), tzinfo=VN)
    end = start
    for _ in range(paused_days):
        end += dt.timedelta(days=1)
        while not is_working_day(end.date()):
            end += dt.timedelta(days=1)
    moved = shift_for_pause(due, paused_at=start, resumed_at=end, unit=TimeUnit.WORKING_DAYS)
    assert moved.timetz().replace(tzinfo=None) == dt.time(17)
    assert working_time_between(due, moved, TimeUnit.WORKING_DAYS) == paused_days


@laws
@given(first=instants, later_by=st.integers(min_value=0, max_value=20 * 24 * 60), unit=working_units,
       paused_at=instants, pause=st.integers(min_value=0, max_value=10 * 24 * 60))
def test_a_pause_keeps_the_order_of_due_dates(calendar, first, later_by, unit, paused_at, pause):
    # A step due before the dossier stays due before it.
    second = first + dt.timedelta(minutes=later_by)
    resumed_at = paused_at + dt.timedelta(minutes=pause)
    assert shift_for_pause(first, paused_at=paused_at, resumed_at=resumed_at, unit=unit) <= shift_for_pause(
        second, paused_at=paused_at, resumed_at=resumed_at, unit=unit)
