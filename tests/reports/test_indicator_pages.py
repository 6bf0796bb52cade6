"""The indicator pages as their readers see them: the scorecard's rates and points by the published rules, the
N/A of what cannot be computed, the drill into the late dossiers, the Excel workbooks, and who may read them."""

import datetime as dt
import io
from decimal import Decimal

import pytest
import time_machine
from django.urls import reverse
from openpyxl import load_workbook

from dossiers.services import dossier_receive
from reports.indicators.catalogue import Catalogue, Petitions
from reports.indicators.figures import Figures, Scope
from reports.indicators.periods import Period
from reports.indicators.refresh import facts_refresh_all
from reports.indicators.scoring import INDICATORS, Inputs, Ratio, Value, scorecard
from tests.dossiers.factories import make_world, submitted

pytestmark = pytest.mark.django_db
MONTH = Period("month", 2026, 3)


def indicator(code):
    return next(i for i in INDICATORS if i.code == code)


def test_points_are_full_at_the_threshold_and_pro_rated_below_it():
    online = indicator("3.3")  # full at 50 %
    assert Value(online, Ratio(50, 100, factor=Decimal(1))).points == Decimal("4.00")
    assert Value(online, Ratio(30, 100, factor=Decimal(1))).points == Decimal("2.40")  # 30 % × 4 ÷ 50 %
    on_time = indicator("2.1")  # no threshold: the rate of the 20 points
    value = Value(on_time, Ratio(2, 3))
    assert (value.rate, value.points) == (Decimal("66.67"), Decimal("13.33"))
    assert Value(on_time, Ratio(0, 0)).points is None and Value(on_time, Ratio(0, 0)).rate is None  # N/A


def test_satisfaction_is_what_remains_of_the_late_and_complained_rates():
    inputs = Inputs(Figures(counted=10, on_time=9, ended=5, complained=1), Catalogue(), Petitions())
    value = Value(indicator("5.4"), indicator("5.4").measure(inputs))
    # 100 % − (10 % late + 20 % complained) = 70 %, under the 90 % threshold: 70 % × 6 ÷ 90 %.
    assert (value.rate, value.points) == (Decimal("70.00"), Decimal("4.67"))


@pytest.fixture
def late_world():
    world = make_world()
    with time_machine.travel(dt.datetime(2026, 3, 2, 9, tzinfo=dt.UTC), tick=False):
        late = dossier_receive(dossier=submitted(world), officer=world.officer)
        dossier_receive(dossier=submitted(world, centre=world.provincial_centre), officer=world.provincial_officer)
    with time_machine.travel(dt.datetime(2026, 3, 25, 9, tzinfo=dt.UTC), tick=False):
        dossier_receive(dossier=submitted(world), officer=world.officer)
        facts_refresh_all()
    return world, late


def test_the_scorecard_counts_the_open_dossiers_past_due_at_the_months_end_as_late(late_world):
    world, late = late_world
    card = scorecard(Scope(), MONTH, today=dt.date(2026, 4, 10))
    # Two dossiers received on 2 March are still open on 31 March, long after their 3 working days; the one
    # of the 25th, due on the 30th, is past due at the end of the month too.
    assert card.figures.counted == 3
    assert card.value("2.1").ratio == Ratio(0, 3)
    assert card.value("4.3").ratio is None and card.value("4.3").indicator.unavailable


def test_an_admin_drills_from_the_late_figure_to_the_dossier_and_downloads_both(client, late_world):
    world, late = late_world
    client.force_login(world.admin)
    with time_machine.travel(dt.datetime(2026, 4, 10, 9, tzinfo=dt.UTC), tick=False):
        page = client.get(reverse("reports:indicators"), {"period": "month", "year": 2026, "number": 3})
        assert page.status_code == 200
        text = page.content.decode()
        assert "Tỷ lệ hồ sơ xử lý trước hạn, đúng hạn" in text and "Tính là quá hạn" in text
        assert "Phường Hạ Long" in text  # the breakdown by commune
        drill = client.get(reverse("reports:indicator_dossiers"),
                           {"period": "month", "year": 2026, "number": 3, "which": "late", "scope": "unit",
                            "id": world.centre.unit_id})
        assert drill.status_code == 200 and late.code in drill.content.decode()
        book = client.get(reverse("reports:indicator_dossiers"),
                          {"period": "month", "year": 2026, "number": 3, "which": "late", "format": "xlsx"})
        sheet = load_workbook(io.BytesIO(book.content)).active
        codes = [row[0] for row in sheet.iter_rows(min_row=3, values_only=True)]
        assert late.code in codes and len(codes) == 3
        book = client.get(reverse("reports:indicators"),
                          {"period": "month", "year": 2026, "number": 3, "format": "xlsx"})
        rows = list(load_workbook(io.BytesIO(book.content)).active.iter_rows(values_only=True))
        assert any(row[1] == "2.1" and row[3] == 0 and row[4] == 3 for row in rows)


def test_a_malformed_period_or_scope_is_not_found(client, late_world):
    world, _late = late_world
    client.force_login(world.admin)
    url = reverse("reports:indicators")
    for query in ({"period": "week", "year": 2026}, {"period": "month", "year": "x"}, {"scope": "unit", "id": "9999"},
                  {"scope": "planet"}, {"period": "month", "year": 2026, "number": 13}):
        assert client.get(url, query).status_code == 404, query


def test_only_admins_and_leaders_read_the_indicators(client, late_world):
    world, _late = late_world
    url = reverse("reports:indicators")
    assert client.get(url).status_code == 302  # to the login page
    for user, status in ((world.officer, 403), (world.citizen, 403), (world.leader, 200), (world.admin, 200)):
        client.force_login(user)
        response = client.get(url)
        assert response.status_code == status, user
        if status == 200:  # the ward's leader is not offered the provincial People's Committee's daily report
            assert ('href="/reports/daily/"' in response.content.decode()) == (user == world.admin)
