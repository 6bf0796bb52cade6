"""The figures page: a leader reads their agency's, an admin the province's (a row per agency) or one agency's;
nobody else reads them; a fixed number of queries."""

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from feedback.services import petition_forward, petition_refuse
from tests.feedback.factories import answered, filed

pytestmark = pytest.mark.django_db
FIGURES = reverse("feedback:figures")


def login(user, language="en") -> Client:
    client = Client()
    client.cookies["django_language"] = language
    client.force_login(user)
    return client


@pytest.fixture
def month(world):
    answered(world)  # answered and published on time at the provincial centre
    petition_refuse(petition=filed(world), actor=world.centre_leader, reason="Không đủ điều kiện.")
    petition_forward(petition=filed(world), actor=world.centre_leader, agency=world.justice)
    return world


def test_a_leader_reads_their_agencys_figures(month):
    response = login(month.centre_leader).get(FIGURES)
    assert response.status_code == 200
    figures = response.context["figures"]
    assert figures.received == 3 and response.context["agency"] == month.provincial_centre.agency
    assert response.context["agencies"] == []
    deadlines = dict((str(label), met) for label, met in response.context["deadlines"])
    assert deadlines["Not accepted within 2 working days"].met == 1
    assert deadlines["Answered within the handling time"].met == 1
    # Another agency is not theirs to choose.
    other = login(month.centre_leader).get(FIGURES, {"agency": month.justice.pk})
    assert other.context["agency"] == month.provincial_centre.agency
    justice = login(month.justice_leader).get(FIGURES)
    assert justice.context["figures"].received == 1


def test_the_admin_reads_the_province_by_agency_and_one_agency(month):
    client = login(month.admin)
    province = client.get(FIGURES)
    assert province.context["agency"] is None and province.context["figures"].received == 3
    rows = {row.agency.code: row.received for row in province.context["agencies"]}
    assert rows == {month.provincial_centre.agency.code: 3, month.justice.code: 1}
    one = client.get(FIGURES, {"agency": month.justice.pk})
    assert one.context["figures"].received == 1 and one.context["agencies"] == []
    today = timezone.localdate()
    empty = client.get(FIGURES, {"date_from": (today - dt.timedelta(days=60)).isoformat(),
                                 "date_to": (today - dt.timedelta(days=30)).isoformat()})
    assert empty.context["figures"].received == 0 and "—" in empty.content.decode()


def test_only_leaders_and_admins_read_the_figures(month):
    for user in (month.centre_officer, month.justice_specialist, month.hotline, month.citizen):
        assert login(user).get(FIGURES).status_code == 403
    assert Client().get(FIGURES).status_code == 302


def test_the_figures_page_reads_in_vietnamese_in_a_fixed_number_of_queries(month, django_assert_max_num_queries):
    client = login(month.admin, "vi")
    client.get(FIGURES)
    with django_assert_max_num_queries(14) as few:
        html = client.get(FIGURES).content.decode()
    assert "Số liệu phản ánh, kiến nghị" in html and "Từ chối tiếp nhận trong 2 ngày làm việc" in html
    for _ in range(5):
        petition_forward(petition=filed(month), actor=month.centre_leader, agency=month.justice)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(FIGURES)
