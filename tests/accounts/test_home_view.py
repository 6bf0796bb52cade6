import html

import pytest
from django.urls import reverse

from accounts.models import User
from accounts.services import official_create
from tests.accounts.factories import CitizenFactory
from tests.factories import AgencyFactory, ServiceCentreFactory, UserFactory

pytestmark = pytest.mark.django_db

HOME = reverse("accounts:home")
BACK_OFFICE = 'href="/procedures/manage/"'
DJANGO_ADMIN = f'href="{reverse("admin:index")}"'
CATALOGUE = f'href="{reverse("procedures:catalogue")}"'


def page(response) -> str:
    return html.unescape(response.content.decode())


def test_anonymous_visitors_are_asked_to_log_in(client):
    response = client.get(HOME)
    assert response.status_code == 302 and response.url == f"{reverse('accounts:login')}?next={HOME}"


def test_a_citizens_page(client, django_assert_max_num_queries):
    citizen = CitizenFactory(full_name="Trần Thị Mai", cccd="022190000001", username="022190000001")
    client.force_login(citizen)
    with django_assert_max_num_queries(6):
        response = client.get(HOME)
    text = page(response)
    assert "Hello, Trần Thị Mai" in text
    assert "Citizen / business" in text and "022190000001" in text and "17 May 1990" in text
    assert CATALOGUE in text and reverse("accounts:password_change") in text
    assert BACK_OFFICE not in text and DJANGO_ADMIN not in text


def test_a_one_stop_officers_page_names_agency_and_centre(client, django_assert_max_num_queries):
    agency = AgencyFactory(name="Văn phòng UBND tỉnh")
    centre = ServiceCentreFactory(agency=agency, name="Trung tâm Phục vụ hành chính công tỉnh")
    officer = UserFactory(role=User.Role.OFFICER, agency=agency, centre=centre, full_name="Lê Thị Lan")
    client.force_login(officer)
    with django_assert_max_num_queries(6):
        response = client.get(HOME)
    text = page(response)
    assert "Hello, Lê Thị Lan" in text
    assert "One-stop officer" in text
    assert (
        "Văn phòng UBND tỉnh" in text
        and "<dt>Service centre</dt><dd>Trung tâm Phục vụ hành chính công tỉnh</dd>" in text
    )
    assert CATALOGUE in text and BACK_OFFICE not in text and DJANGO_ADMIN not in text


@pytest.mark.parametrize(
    ("role", "label"),
    [(User.Role.SPECIALIST, "Specialist"), (User.Role.LEADER, "Leader"), (User.Role.CLERK, "Clerk")],
)
def test_other_officials_see_their_role_and_agency(client, role, label):
    official = UserFactory(role=role, agency=AgencyFactory(name="Sở Tư pháp"))
    client.force_login(official)
    text = page(client.get(HOME))
    assert label in text and "Sở Tư pháp" in text
    assert "<dt>Service centre</dt>" not in text
    assert BACK_OFFICE not in text and DJANGO_ADMIN not in text


def test_a_provincial_admins_page_leads_to_the_back_offices(client):
    admin = official_create(
        username="qt.tinh", full_name="Quản Trị Tỉnh", role=User.Role.ADMIN,
        agency=AgencyFactory(name="Văn phòng UBND tỉnh"), password="Quan-tri-2025!",
    )  # fmt: skip
    client.force_login(admin)
    text = page(client.get(HOME))
    assert "Provincial admin" in text and "Văn phòng UBND tỉnh" in text
    assert BACK_OFFICE in text and DJANGO_ADMIN in text and CATALOGUE in text


def test_a_provincial_admin_can_open_django_admin_for_reference_data(client):
    admin = official_create(
        username="qt.tinh", full_name="Quản Trị Tỉnh", role=User.Role.ADMIN, agency=AgencyFactory(),
        password="Quan-tri-2025!",
    )  # fmt: skip
    client.force_login(admin)
    assert client.get(reverse("admin:index")).status_code == 200
    assert client.get(reverse("admin:accounts_user_changelist")).status_code == 200


def test_the_admin_hides_superusers_and_permissions_from_provincial_admins(client):
    root = User.objects.create_superuser("root", "root@example.vn", "Sieu-quan-tri-2025!")
    officer = UserFactory(officer=True)
    admin = official_create(
        username="qt.tinh", full_name="Quản Trị Tỉnh", role=User.Role.ADMIN, agency=AgencyFactory(),
        password="Quan-tri-2025!",
    )  # fmt: skip
    client.force_login(admin)
    listing = page(client.get(reverse("admin:accounts_user_changelist")))
    assert officer.username in listing and ">root<" not in listing
    assert client.get(reverse("admin:accounts_user_change", args=[root.pk])).status_code == 302  # not found
    form = client.get(reverse("admin:accounts_user_change", args=[officer.pk])).context["adminform"].form
    assert "is_superuser" not in form.fields and "user_permissions" not in form.fields
    assert "is_staff" not in form.fields and "groups" not in form.fields
    assert "role" in form.fields and "agency" in form.fields and "centre" in form.fields


def test_a_role_change_in_the_admin_grants_admin_access(client):
    root = User.objects.create_superuser("root", "root@example.vn", "Sieu-quan-tri-2025!")
    centre = ServiceCentreFactory()
    officer = UserFactory(officer=True, centre=centre, agency=centre.agency, full_name="Lê Thị Lan")
    client.force_login(root)
    url = reverse("admin:accounts_user_change", args=[officer.pk])
    form = client.get(url).context["adminform"].form
    data = {name: value for name, value in form.initial.items() if value is not None and name != "password"}
    data.update({
        "role": User.Role.ADMIN, "agency": centre.agency.pk, "centre": centre.pk, "groups": [],
        "user_permissions": [], "date_joined_0": officer.date_joined.strftime("%Y-%m-%d"),
        "date_joined_1": officer.date_joined.strftime("%H:%M:%S"),
    })  # fmt: skip
    data.pop("date_joined", None)
    data.pop("last_login", None)
    response = client.post(url, data)
    # A change of role is shown first (what the user gains and loses) and applied once confirmed.
    assert response.status_code == 200 and not User.objects.get(pk=officer.pk).is_staff
    response = client.post(url, {**data, "confirm_access_change": "on"})
    assert response.status_code == 302, response.context["adminform"].form.errors
    officer.refresh_from_db()
    assert officer.role == User.Role.ADMIN and officer.is_staff
    assert list(officer.groups.values_list("name", flat=True)) == ["Provincial admins"]
