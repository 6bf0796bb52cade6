"""The agency's units and officials: the page its clerk and leaders see, and the Django admin that changes them,
which warns about changes of access until they are confirmed (Appendix VI)."""

import pytest
from django.urls import reverse

from accounts.models import User
from documents.models import OrgUnit, UnitMembership
from tests.documents.cast import media  # noqa: F401 (fixture)
from tests.factories import UserFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media", "english")]


@pytest.fixture
def english(client):
    client.cookies["django_language"] = "en"


@pytest.fixture
def operator(client):
    user = User.objects.create_superuser("operator", "operator@example.vn", "Operator-Password-2025!")
    client.force_login(user)
    return user


def test_the_clerk_and_leader_see_the_units_heads_and_members(client, office, django_assert_max_num_queries):
    for user in (office.clerk, office.leader):
        client.force_login(user)
        with django_assert_max_num_queries(10):
            page = client.get(reverse("documents:units")).content.decode()
        assert "Phòng Văn hóa - Xã hội" in page and "Văn phòng" in page
        assert "Phạm Văn Trưởng" in page and "heads the unit" in page and "Nguyễn Thị Chuyên" in page
        assert "Trần Văn Chủ Tịch" in page  # the leader, in no unit
    client.force_login(office.specialist)
    assert client.get(reverse("documents:units")).status_code == 403
    client.force_login(UserFactory())
    assert client.get(reverse("documents:units")).status_code == 403


def test_the_units_page_does_not_show_another_agencys_units(client, office, other_office):
    OrgUnit.objects.create(agency=other_office.agency, code="KT", name="Phòng Kinh tế")
    client.force_login(office.clerk)
    page = client.get(reverse("documents:units")).content.decode()
    assert "Phòng Kinh tế" not in page and page.count("heads the unit") == 1


def _unit_form(unit, memberships, **extra):
    data = {"agency": unit.agency_id, "code": unit.code, "name": unit.name, "name_en": "", "is_active": "on",
            "memberships-TOTAL_FORMS": str(len(memberships)), "memberships-INITIAL_FORMS": str(
                sum(1 for m in memberships if m.get("id"))), "memberships-MIN_NUM_FORMS": "0",
            "memberships-MAX_NUM_FORMS": "1000", **extra}
    for index, membership in enumerate(memberships):
        for key, value in membership.items():
            if value is not None and value is not False:
                data[f"memberships-{index}-{key}"] = "on" if value is True else str(value)
        data[f"memberships-{index}-unit"] = str(unit.pk)
    return data


def test_making_someone_head_of_a_unit_asks_for_confirmation_first(client, operator, office):
    unit = office.culture
    specialist = UnitMembership.objects.get(unit=unit, user=office.specialist)
    head = UnitMembership.objects.get(unit=unit, user=office.head)
    rows = [{"id": head.pk, "user": office.head.pk, "is_head": True},
            {"id": specialist.pk, "user": office.specialist.pk, "is_head": True}]
    url = reverse("admin:documents_orgunit_change", args=[unit.pk])
    answer = client.post(url, _unit_form(unit, rows))
    assert answer.status_code == 200
    page = answer.content.decode()
    assert "These changes change what officials may see:" in page
    assert "Nguyễn Thị Chuyên will head Phòng Văn hóa - Xã hội and see the documents given to it" in page
    assert not UnitMembership.objects.get(pk=specialist.pk).is_head
    answer = client.post(url, _unit_form(unit, rows, confirm_access_change="on"))
    assert answer.status_code == 302
    assert UnitMembership.objects.get(pk=specialist.pk).is_head


def test_an_official_of_another_agency_cannot_join_a_unit(client, operator, office, other_office):
    unit = office.culture
    rows = [{"id": m.pk, "user": m.user_id, "is_head": m.is_head} for m in unit.memberships.all()]
    rows.append({"user": other_office.clerk.pk})
    answer = client.post(reverse("admin:documents_orgunit_change", args=[unit.pk]),
                         _unit_form(unit, rows, confirm_access_change="on"))
    assert answer.status_code == 200
    assert f"{other_office.clerk} does not work for" in answer.content.decode()
    assert not UnitMembership.objects.filter(user=other_office.clerk, unit=unit).exists()


def test_the_unit_admin_pages_and_the_officials_autocomplete_work(client, operator, office):
    assert client.get(reverse("admin:documents_orgunit_changelist")).status_code == 200
    page = client.get(reverse("admin:documents_orgunit_change", args=[office.culture.pk])).content.decode()
    assert "Phạm Văn Trưởng" in page and "I confirm this change of access" in page
    assert client.get(reverse("admin:documents_orgunit_add")).status_code == 200
    citizen = UserFactory(full_name="Nguyễn Văn Dân")
    answer = client.get(reverse("admin:autocomplete"), {"term": "Nguyễn", "app_label": "documents",
                                                        "model_name": "unitmembership", "field_name": "user"})
    names = [row["text"] for row in answer.json()["results"]]
    assert "Nguyễn Thị Chuyên" in names and citizen.full_name not in names


def _user_form(user, **changes):
    data = {"username": user.username, "full_name": user.full_name, "role": user.role, "agency": user.agency_id,
            "centre": "", "position": "", "email": "", "phone": "", "address": "", "gender": "",
            "is_active": "on", "date_joined_0": "2026-01-01", "date_joined_1": "08:00:00", **changes}
    return {key: value for key, value in data.items() if value is not None}


def test_changing_an_officials_role_shows_what_they_gain_and_asks_for_confirmation(client, operator, office):
    url = reverse("admin:accounts_user_change", args=[office.specialist.pk])
    answer = client.post(url, _user_form(office.specialist, role="leader"))
    assert answer.status_code == 200
    page = answer.content.decode()
    assert "This changes what Nguyễn Thị Chuyên may see:" in page
    assert "Role: Specialist → Leader." in page
    assert "Gains sight of every non-secret document of the agency" in page
    assert User.objects.get(pk=office.specialist.pk).role == "specialist"
    answer = client.post(url, _user_form(office.specialist, role="leader", confirm_access_change="on"))
    assert answer.status_code == 302, answer.content.decode()[:3000]
    assert User.objects.get(pk=office.specialist.pk).role == "leader"


def test_moving_a_clerk_to_another_agency_says_what_they_lose(client, operator, office, other_office):
    answer = client.post(reverse("admin:accounts_user_change", args=[office.clerk.pk]),
                         _user_form(office.clerk, agency=other_office.agency.pk))
    page = answer.content.decode()
    assert answer.status_code == 200 and "Loses every official document and work file of" in page
    assert User.objects.get(pk=office.clerk.pk).agency_id == office.agency.pk


def test_a_change_that_touches_no_access_needs_no_confirmation(client, operator, office):
    answer = client.post(reverse("admin:accounts_user_change", args=[office.specialist.pk]),
                         _user_form(office.specialist, position="Chuyên viên chính"))
    assert answer.status_code == 302
    assert User.objects.get(pk=office.specialist.pk).position == "Chuyên viên chính"
