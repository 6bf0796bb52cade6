import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from accounts.models import User
from tests.accounts.factories import CitizenFactory
from tests.factories import AgencyFactory, ServiceCentreFactory, UserFactory

pytestmark = pytest.mark.django_db


def errors_of(user: User) -> dict[str, list[str]]:
    with pytest.raises(ValidationError) as caught:
        user.full_clean()
    return caught.value.message_dict


def test_a_consistent_citizen_and_officials_pass():
    CitizenFactory().full_clean()
    UserFactory(officer=True).full_clean()
    UserFactory(admin=True).full_clean()
    UserFactory(role=User.Role.LEADER, agency=AgencyFactory()).full_clean()
    # A centre's director: an official other than a one-stop officer may also work at a centre.
    UserFactory(role=User.Role.LEADER, agency=AgencyFactory(), centre=ServiceCentreFactory()).full_clean()


def test_a_citizen_needs_a_cccd():
    assert errors_of(UserFactory.build(role=User.Role.CITIZEN, username="nobody")) == {
        "cccd": ["A citizen must have a personal identification number (CCCD)."]
    }


def test_a_citizen_logs_in_with_the_cccd():
    citizen = CitizenFactory.build(username="hoa")
    assert errors_of(citizen) == {
        "username": ["A citizen's username is their personal identification number."]
    }


def test_a_citizen_belongs_to_no_agency_or_centre():
    centre = ServiceCentreFactory()
    citizen = CitizenFactory.build(agency=centre.agency, centre=centre)
    assert errors_of(citizen) == {
        "agency": ["A citizen does not belong to an agency."],
        "centre": ["A citizen does not work at a service centre."],
    }


@pytest.mark.parametrize(
    ("cccd", "message"),
    [
        ("022290000001", "The fourth digit (2) means born in 2000–2099, which does not match the date of birth 17 May 1990."),
        ("022091000001", "Digits 5–6 (91) must be the last two digits of the year of birth (1990)."),
        ("022090000001", "The fourth digit (0) is for a male person, but the gender given is female."),
        # Digits meaning a birth in the future: said once, against the date of birth.
        ("022390000001", "The fourth digit (3) means born in 2000–2099, which does not match the date of birth 17 May 1990."),
        ("022", "The personal identification number has 12 digits; you entered 3."),
        ("023190000001", "The first three digits (023) are not a province code from the official list."),
    ],
)  # fmt: skip
def test_a_citizens_cccd_is_checked_against_birth_and_gender(cccd, message):
    citizen = CitizenFactory.build(
        cccd=cccd, username=cccd, date_of_birth=dt.date(1990, 5, 17), gender="female"
    )
    assert errors_of(citizen) == {"cccd": [message]}


def test_without_a_birth_date_the_gender_digit_is_still_checked():
    citizen = CitizenFactory.build(
        cccd="022090000001", username="022090000001", date_of_birth=None, gender="female"
    )
    assert errors_of(citizen) == {
        "cccd": ["The fourth digit (0) is for a male person, but the gender given is female."]
    }


@pytest.mark.parametrize(
    ("role", "with_agency", "with_centre", "expected"),
    [
        (
            User.Role.OFFICER,
            True,
            False,
            {"centre": ["A one-stop officer must be assigned to a service centre."]},
        ),
        (User.Role.OFFICER, False, True, {"agency": ["An official must belong to an agency."]}),
        (User.Role.SPECIALIST, False, False, {"agency": ["An official must belong to an agency."]}),
        (User.Role.LEADER, False, False, {"agency": ["An official must belong to an agency."]}),
        (User.Role.CLERK, False, False, {"agency": ["An official must belong to an agency."]}),
        (User.Role.ADMIN, False, False, {"agency": ["An official must belong to an agency."]}),
    ],
)
def test_officials_belong_to_an_agency_and_officers_to_a_centre(role, with_agency, with_centre, expected):
    centre = ServiceCentreFactory()
    official = UserFactory.build(
        role=role, agency=centre.agency if with_agency else None, centre=centre if with_centre else None
    )
    assert errors_of(official) == expected


def test_officials_cannot_take_a_twelve_digit_username():
    official = UserFactory.build(role=User.Role.CLERK, agency=AgencyFactory(), username="022190000001")
    assert errors_of(official) == {
        "username": ["Usernames of 12 digits are kept for citizens, who log in with their CCCD number."]
    }


def test_a_superuser_is_an_admin_of_no_agency():
    root = User.objects.create_superuser("root", "root@example.vn", "Sieu-quan-tri-2025!")
    assert root.role == User.Role.ADMIN
    assert root.is_provincial_admin
    root.full_name = "Quản trị hệ thống"
    root.full_clean()  # does not raise: no agency needed
