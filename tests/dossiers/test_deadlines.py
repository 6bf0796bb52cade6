"""Due dates (ngày hẹn trả) on the working-day calendar, as the receipt slip shows them: across Tết 2026,
a holiday that falls on a weekend, a daily cut-off hour, and a clock stopped for a supplement."""

import datetime as dt
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
import time_machine

from dossiers.services import dossier_extend, dossier_receive, dossier_request_supplement, dossier_supplement
from tests.dossiers.factories import make_world, submitted

pytestmark = pytest.mark.django_db
VN = ZoneInfo("Asia/Ho_Chi_Minh")


def at(*args) -> dt.datetime:
    return dt.datetime(*args, tzinfo=VN)


def receive_at(world, moment):
    dossier = submitted(world)
    with time_machine.travel(moment, tick=False):
        return dossier_receive(dossier=dossier, officer=world.officer)


def test_three_working_days_across_tet_2026():
    world = make_world(processing_time=Decimal("3"))
    dossier = receive_at(world, at(2026, 2, 13, 9, 0))  # Friday before Tết (16–20 February off)
    assert dossier.due_at.astimezone(VN) == at(2026, 2, 25, 9, 0)  # Mon 23, Tue 24, Wed 25


def test_a_holiday_on_a_saturday_is_taken_the_next_monday():
    world = make_world(processing_time=Decimal("2"))
    # 30 April 2027 is a Friday; 1 May a Saturday, so Monday 3 May is off too.
    dossier = receive_at(world, at(2027, 4, 29, 10, 0))
    assert dossier.due_at.astimezone(VN) == at(2027, 5, 5, 10, 0)


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
    # 0.5, 2, 2.5, 3 working days from Monday 07:30.
    assert dues == [at(2026, 3, 9, 11, 30), at(2026, 3, 10, 17, 0), at(2026, 3, 11, 11, 30),
                    at(2026, 3, 11, 17, 0)]


def test_time_waiting_for_the_supplement_does_not_count():
    world = make_world(processing_time=Decimal("3"))
    dossier = receive_at(world, at(2026, 3, 9, 9, 0))  # Monday 09:00 → due Thursday 09:00
    assert dossier.due_at.astimezone(VN) == at(2026, 3, 12, 9, 0)
    with time_machine.travel(at(2026, 3, 9, 10, 0), tick=False):
        dossier_request_supplement(dossier=dossier, user=world.officer, reason="Thiếu", items=["Tờ khai"])
    with time_machine.travel(at(2026, 3, 11, 10, 0), tick=False):  # two working days later
        dossier_supplement(dossier=dossier, user=world.citizen, note="Đã bổ sung tờ khai")
    dossier.refresh_from_db()
    assert dossier.paused_hours == Decimal("16.00")
    assert dossier.due_at.astimezone(VN) == at(2026, 3, 16, 9, 0)  # two working days on: next Monday
    assert dossier.steps.order_by("position").last().due_at == dossier.due_at
    event = dossier.events.get(kind="supplemented")
    assert event.data["previous_due_at"].startswith("2026-03-12T02:00")


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
    assert dossier.due_at.astimezone(VN) == at(2026, 3, 17, 9, 0)


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
