import datetime as dt

import pytest
from axes.models import AccessAttempt
from django.contrib.auth.models import Group, Permission

from accounts.errors import AccountExists, AccountInvalid
from accounts.models import User
from accounts.services import (
    PROVINCIAL_ADMINS_GROUP,
    citizen_register,
    official_create,
    provincial_admin_access_sync,
    provincial_admins_group_sync,
    user_password_reset,
)
from tests.accounts.factories import CitizenFactory
from tests.factories import AgencyFactory, ServiceCentreFactory, UserFactory

pytestmark = pytest.mark.django_db

GOOD = {
    "cccd": "022190012345",
    "full_name": "  Nguyễn   Thị Hoa ",
    "date_of_birth": dt.date(1990, 5, 17),
    "gender": "female",
    "phone": "+84 912.345.678",
    "email": "Hoa@Example.VN",
    "password": "Hoa-sen-2025!",
}


def register(**changes) -> User:
    return citizen_register(**{**GOOD, **changes})


def test_citizen_register_creates_the_account():
    user = register(cccd="022 190 012 345")
    user.refresh_from_db()
    assert user.role == User.Role.CITIZEN
    assert user.username == user.cccd == "022190012345"
    assert user.full_name == "Nguyễn Thị Hoa"
    assert user.date_of_birth == dt.date(1990, 5, 17)
    assert user.gender == "female"
    assert user.phone == "0912345678"
    assert user.email == "Hoa@example.vn"
    assert user.password.startswith("argon2$")
    assert user.check_password("Hoa-sen-2025!")
    assert not user.is_staff and user.agency is None and user.centre is None


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"cccd": "02219001234"}, "cccd", "The personal identification number has 12 digits; you entered 11."),
        ({"cccd": "023190012345"}, "cccd",
         "The first three digits (023) are not a province code from the official list."),
        ({"cccd": "022390012345"}, "cccd",
         "The fourth digit (3) means born in 2000–2099, which does not match the date of birth 17 May 1990."),
        ({"cccd": "022191012345"}, "cccd",
         "Digits 5–6 (91) must be the last two digits of the year of birth (1990)."),
        ({"gender": "male"}, "cccd",
         "The fourth digit (1) is for a female person, but the gender given is male."),
        ({"phone": "0203 3825 678"}, "phone",
         "0203 3825 678 is not a mobile number. Enter a 10-digit mobile number, e.g. 0912 345 678."),
        ({"phone": "12345"}, "phone", "Enter a 10-digit mobile number, e.g. 0912 345 678."),
        ({"phone": ""}, "phone", "Enter a 10-digit mobile number, e.g. 0912 345 678."),
        ({"full_name": "   "}, "full_name", "This field cannot be blank."),
        ({"email": "not-an-email"}, "email", "Enter a valid email address."),
        ({"gender": ""}, "gender", "Choose your gender as written on your card."),
        ({"date_of_birth": None}, "date_of_birth", "Enter your date of birth."),
        ({"password": "12345678"}, "password", "This password is entirely numeric."),
        ({"password": "short"}, "password",
         "This password is too short. It must contain at least 8 characters."),
        ({"password": ""}, "password", "Choose a password."),
    ],
)  # fmt: skip
def test_citizen_register_refuses_bad_data_and_writes_nothing(changes, field, message):
    with pytest.raises(AccountInvalid) as caught:
        register(**changes)
    assert caught.value.code == "accounts.invalid"
    assert message in caught.value.errors[field]
    assert User.objects.count() == 0


def test_a_future_birth_date_is_refused():
    tomorrow = dt.date.today() + dt.timedelta(days=1)
    with pytest.raises(AccountInvalid) as caught:
        register(date_of_birth=tomorrow, cccd=f"0223{tomorrow.year % 100:02d}012345")
    assert caught.value.errors["date_of_birth"] == ["The date of birth cannot be in the future."]
    assert User.objects.count() == 0


def test_errors_are_reported_together():
    with pytest.raises(AccountInvalid) as caught:
        register(cccd="003190012345", phone="abc", password="123")
    assert set(caught.value.errors) == {"cccd", "phone", "password"}


def test_a_cccd_number_registers_once():
    register()
    with pytest.raises(AccountExists) as caught:
        register(full_name="Người Khác", phone="0987654321")
    assert caught.value.code == "accounts.cccd_taken"
    assert "already exists" in caught.value.message
    assert User.objects.count() == 1


def test_a_cccd_number_taken_as_a_username_is_refused_too():
    UserFactory(username="022190012345")
    with pytest.raises(AccountExists):
        register()
    assert User.objects.count() == 1


# ---- officials ------------------------------------------------------------------------------------


def test_official_create_for_each_role():
    agency = AgencyFactory()
    centre = ServiceCentreFactory(agency=agency)
    officer = official_create(
        username="motcua.lan", full_name="Lê Thị Lan", role=User.Role.OFFICER, agency=agency, centre=centre,
        email="lan@example.vn", password="Tiep-nhan-2025!",
    )  # fmt: skip
    officer.refresh_from_db()
    assert (officer.role, officer.agency, officer.centre) == (User.Role.OFFICER, agency, centre)
    assert officer.check_password("Tiep-nhan-2025!")
    assert not officer.is_staff and officer.cccd is None
    for role in (User.Role.SPECIALIST, User.Role.LEADER, User.Role.CLERK):
        user = official_create(
            username=f"{role}.1", full_name="Phạm Văn Bình", role=role, agency=agency, password="Xu-ly-2025!"
        )
        assert user.agency == agency and user.centre is None and not user.is_staff


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"role": User.Role.OFFICER, "centre": None}, "centre",
         "A one-stop officer must be assigned to a service centre."),
        ({"agency": None}, "agency", "An official must belong to an agency."),
        ({"role": User.Role.CITIZEN}, "role", "Choose an official's role; citizens register themselves."),
        ({"role": "mayor"}, "role", "Choose an official's role; citizens register themselves."),
        ({"username": "022190012345"}, "username",
         "Usernames of 12 digits are kept for citizens, who log in with their CCCD number."),
        ({"username": "có dấu cách"}, "username",
         "Enter a valid username. This value may contain only letters, numbers, and @/./+/-/_ characters."),
        ({"full_name": ""}, "full_name", "This field cannot be blank."),
        ({"password": "password"}, "password", "This password is too common."),
    ],
)  # fmt: skip
def test_official_create_refuses_inconsistent_accounts(changes, field, message):
    agency = AgencyFactory()
    before = User.objects.count()
    arguments = {
        "username": "chuyenvien.an", "full_name": "Đỗ Văn An", "role": User.Role.SPECIALIST,
        "agency": agency, "centre": None, "password": "Xu-ly-2025!",
    }  # fmt: skip
    with pytest.raises(AccountInvalid) as caught:
        official_create(**{**arguments, **changes})
    assert message in caught.value.errors[field]
    assert User.objects.count() == before


def test_official_username_is_unique():
    agency = AgencyFactory()
    official_create(
        username="vt.hanh", full_name="Hạnh", role=User.Role.CLERK, agency=agency, password="Van-thu-2025!"
    )
    with pytest.raises(AccountExists) as caught:
        official_create(
            username="vt.hanh",
            full_name="Hạnh 2",
            role=User.Role.CLERK,
            agency=agency,
            password="Van-thu-2025!",
        )
    assert caught.value.code == "accounts.username_taken"
    assert User.objects.filter(username="vt.hanh").count() == 1


def test_a_provincial_admin_gets_django_admin_access_through_the_group():
    admin = official_create(
        username="qt.tinh", full_name="Quản Trị Tỉnh", role=User.Role.ADMIN, agency=AgencyFactory(),
        password="Quan-tri-2025!",
    )  # fmt: skip
    admin = User.objects.get(pk=admin.pk)  # fresh permission cache
    assert admin.is_staff and not admin.is_superuser
    assert list(admin.groups.values_list("name", flat=True)) == [PROVINCIAL_ADMINS_GROUP]
    for perm in ("units.change_agency", "units.add_servicecentre", "hotlines.delete_hotline",
                 "procedures.view_procedureversion", "accounts.change_user"):  # fmt: skip
        assert admin.has_perm(perm), perm
    assert not admin.has_perm("auth.change_group")
    assert not admin.has_perm("axes.delete_accessattempt")


def test_the_group_sync_is_idempotent():
    first = provincial_admins_group_sync()
    count = first.permissions.count()
    expected = Permission.objects.filter(
        content_type__app_label__in=["units", "hotlines", "procedures", "accounts"]
    ).count()
    second = provincial_admins_group_sync()
    assert first.pk == second.pk
    assert count == second.permissions.count() == expected > 0
    assert Group.objects.filter(name=PROVINCIAL_ADMINS_GROUP).count() == 1


def test_access_follows_a_role_change():
    user = UserFactory(officer=True)
    user.role = User.Role.ADMIN
    user.save()
    provincial_admin_access_sync(user=user)
    user.refresh_from_db()
    assert user.is_staff and user.groups.filter(name=PROVINCIAL_ADMINS_GROUP).exists()

    user.role = User.Role.SPECIALIST
    user.save()
    provincial_admin_access_sync(user=user)
    user.refresh_from_db()
    assert not user.is_staff and not user.groups.exists()


def test_the_citizen_factory_makes_consistent_citizens():
    citizen = CitizenFactory()
    citizen.full_clean()  # does not raise
    assert citizen.username == citizen.cccd


def _failed_logins(username: str, ip: str) -> AccessAttempt:
    return AccessAttempt.objects.create(username=username, ip_address=ip, user_agent="test", failures_since_start=5,
                                        get_data="", post_data="", http_accept="", path_info="/accounts/login/")


def test_user_password_reset_sets_the_password_and_forgets_the_failed_logins():
    citizen, neighbour = CitizenFactory(), CitizenFactory()
    _failed_logins(citizen.username, "198.51.100.20")
    _failed_logins(citizen.username, "203.0.113.9")
    _failed_logins(neighbour.username, "198.51.100.20")

    user_password_reset(user=citizen, password="Sen-hong-Dong-Thap-2026")

    citizen.refresh_from_db()
    assert citizen.check_password("Sen-hong-Dong-Thap-2026")
    assert list(AccessAttempt.objects.values_list("username", flat=True)) == [neighbour.username]
