"""The figures the indicators read (Decision 766, 5.1–5.3): received by class and category, each national
deadline met or missed, on-time and satisfaction rates, per agency and for the province."""

import datetime as dt
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
import time_machine

from feedback.figures import petition_figures
from feedback.models import Petition
from feedback.services import (
    petition_approve_answer,
    petition_classify,
    petition_forward,
    petition_propose_answer,
    petition_rate,
    petition_refuse,
    petition_reopen,
)
from tests.feedback.factories import filed

pytestmark = pytest.mark.django_db
HCM = ZoneInfo("Asia/Ho_Chi_Minh")
SINCE, UNTIL = dt.datetime(2026, 3, 1, tzinfo=HCM), dt.datetime(2026, 4, 1, tzinfo=HCM)


def at(day, hour=9):
    return time_machine.travel(dt.datetime(2026, 3, day, hour, 0, tzinfo=HCM), tick=False)


def answer(world, petition, *, leader):
    petition_propose_answer(petition=petition, actor=leader, answer="Đã xử lý xong.")
    petition_approve_answer(petition=petition, actor=leader)


def test_a_month_of_petitions_at_the_centre_and_the_department(world):
    centre = world.provincial_centre.agency
    with at(2):
        quick, slow, refused_late, forwarded, unhappy = (filed(world, citizen=world.citizen) for _ in range(5))
        petition_classify(petition=quick, actor=world.centre_leader, category="unfit")
        petition_classify(petition=slow, actor=world.centre_leader, category="conduct")
        petition_classify(petition=unhappy, actor=world.centre_leader, category="conduct")
        answer(world, quick, leader=world.centre_leader)
        answer(world, unhappy, leader=world.centre_leader)
        petition_forward(petition=forwarded, actor=world.centre_officer, agency=world.justice)
    with at(3):
        petition_rate(petition=quick, actor=world.citizen, rating="satisfied")
        petition_rate(petition=unhappy, actor=world.citizen, rating="unsatisfied")
        petition_reopen(petition=unhappy, actor=world.citizen, reason="Chưa thỏa đáng.")
    with at(9):  # 5 working days after receipt: the refusal is late (2 days)
        petition_refuse(petition=refused_late, actor=world.centre_officer, reason="Không đủ điều kiện.")
        petition_classify(petition=forwarded, actor=world.justice_leader, category="illegal")
    with at(24):  # "slow" is open past its 15 working days (23 March); the reopened one is due on the 24th
        province, agencies = petition_figures(since=SINCE, until=UNTIL)

    by_code = {f.agency.code: f for f in agencies}
    here, justice = by_code[centre.code], by_code[world.justice.code]
    assert here.received == 5 and justice.received == 1
    # The forwarded one has the class the department gave it; the refused one has none.
    assert here.by_class == {"regulation": 2, "conduct": 2, "": 1}
    assert justice.by_category == {"illegal": 1}
    assert (here.deadlines["refuse"].met, here.deadlines["refuse"].total) == (0, 1)
    assert (here.deadlines["forward"].met, here.deadlines["forward"].total) == (1, 1)
    assert (here.deadlines["answer"].met, here.deadlines["answer"].total) == (2, 2)
    assert (here.deadlines["publish"].met, here.deadlines["publish"].total) == (2, 2)
    # Late: the refusal, and "slow" open past its due date; the reopened one is back in progress, due later.
    assert here.late == 2 and here.on_time_rate == Decimal("60.0")
    # Not satisfying: the late two, and the one rated not satisfied and reopened.
    assert here.unsatisfied == 0 and here.reopened == 1 and here.satisfied == 1
    assert here.satisfaction_rate == Decimal("40.0")
    # The department has not answered the forwarded one in its 15 working days (from the forward, 2 March).
    assert justice.late == 1 and justice.satisfaction_rate == Decimal("0.0")
    # The province counts the forwarded petition once, late (at the department).
    assert province.received == 5 and province.late == 3
    assert province.deadlines["forward"].total == 1


def test_an_agency_alone_and_an_empty_period(world):
    with at(2):
        filed(world)
    mine, rows = petition_figures(since=SINCE, until=UNTIL, agency=world.justice)
    assert mine.received == 0 and mine.on_time_rate is None and rows == []
    province, _rows = petition_figures(since=UNTIL, until=UNTIL + dt.timedelta(days=30))
    assert province.received == 0 and province.satisfaction_rate is None


def test_figures_take_a_fixed_number_of_queries(world, django_assert_max_num_queries):
    with at(2):
        for _ in range(3):
            p = filed(world)
            petition_classify(petition=p, actor=world.centre_leader, category=Petition.Category.OTHER)
    with django_assert_max_num_queries(8):
        petition_figures(since=SINCE, until=UNTIL)
