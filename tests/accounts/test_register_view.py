import html

import pytest
from django.test import Client
from django.urls import reverse

from accounts.models import User
from tests.accounts.conftest import PASSWORD
from tests.accounts.factories import CitizenFactory

pytestmark = pytest.mark.django_db

URL = reverse("accounts:register")
FORM = {
    "cccd": "022 190 012 345",
    "full_name": "Nguyễn Thị Hoa",
    "date_of_birth": "1990-05-17",
    "gender": "female",
    "phone": "0912 345 678",
    "email": "",
    "password1": "Hoa-sen-2025!",
    "password2": "Hoa-sen-2025!",
}


def page(response) -> str:
    return html.unescape(response.content.decode())


def test_the_form_asks_for_what_the_card_says(client):
    response = client.get(URL)
    assert response.status_code == 200
    text = page(response)
    for label in ("Personal identification number (CCCD)", "Full name", "Date of birth", "Gender",
                  "Mobile phone", "Email", "Password again"):  # fmt: skip
        assert label in text
    assert 'name="cccd"' in text and 'type="date"' in text


RECEIVED = "Your registration has been received. Log in with your CCCD number and the password you chose."


def test_registering_creates_the_account_and_leads_to_the_login_filled_in(client):
    response = client.post(URL, FORM)
    assert response.status_code == 302 and response.url == reverse("accounts:login")
    user = User.objects.get()
    assert (user.username, user.cccd, user.phone, user.role) == (
        "022190012345",
        "022190012345",
        "0912345678",
        User.Role.CITIZEN,
    )
    login_page = page(client.get(response.url))
    assert RECEIVED in login_page and 'value="022190012345"' in login_page
    assert "_auth_user_id" not in client.session
    logged_in = client.post(reverse("accounts:login"), {"username": "022190012345", "password": FORM["password1"]})
    assert logged_in.status_code == 302 and "Hello, Nguyễn Thị Hoa" in page(client.get(reverse("accounts:home")))


def test_a_day_month_year_date_is_understood(client):
    client.post(URL, {**FORM, "date_of_birth": "17/05/1990"})
    assert User.objects.get().date_of_birth.isoformat() == "1990-05-17"


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"cccd": "02219001234"}, "The personal identification number has 12 digits; you entered 11."),
        ({"cccd": "02219001234X"}, "Only digits 0–9 are allowed: character 12 (“X”) is not one."),
        ({"cccd": "099190012345"}, "The first three digits (099) are not a province code from the official list."),
        ({"cccd": "022390012345"},
         "The fourth digit (3) means born in 2000–2099, which does not match the date of birth 17 May 1990."),
        ({"cccd": "022188012345"}, "Digits 5–6 (88) must be the last two digits of the year of birth (1990)."),
        ({"gender": "male"}, "The fourth digit (1) is for a female person, but the gender given is male."),
        ({"phone": "0203 3825 678"},
         "0203 3825 678 is not a mobile number. Enter a 10-digit mobile number, e.g. 0912 345 678."),
        ({"password1": "12345678", "password2": "12345678"}, "This password is entirely numeric."),
        ({"password2": "Hoa-sen-2024!"}, "The two passwords are different. Type the same password twice."),
        ({"date_of_birth": "2090-01-01", "cccd": "022390012345"}, "The date of birth cannot be in the future."),
        ({"full_name": ""}, "This field is required."),
        ({"date_of_birth": "17.05"}, "Enter a valid date."),
    ],
)  # fmt: skip
def test_a_bad_form_says_what_is_wrong_and_creates_nobody(client, changes, message):
    response = client.post(URL, {**FORM, **changes})
    assert response.status_code == 200
    assert message in page(response)
    assert User.objects.count() == 0
    assert "_auth_user_id" not in client.session


def test_the_cccd_error_sits_on_the_cccd_field(client):
    response = client.post(URL, {**FORM, "cccd": "099190012345"})
    form = response.context["form"]
    assert form.errors["cccd"] == [
        "The first three digits (099) are not a province code from the official list."
    ]


def test_a_number_registers_once_and_the_form_does_not_say_it_had_an_account(client, mailoutbox):
    owner = CitizenFactory(cccd="022190012345", username="022190012345", date_of_birth="1990-05-17",
                           gender="female", email="hoa@example.vn")
    taken = client.post(URL, FORM)
    taken_page = page(client.get(taken.url))
    owner.refresh_from_db()
    assert owner.check_password(PASSWORD) and not owner.check_password(FORM["password1"])  # untouched
    assert len(mailoutbox) == 1 and mailoutbox[0].to == ["hoa@example.vn"]
    assert "Someone tried to register with your CCCD number" in mailoutbox[0].subject
    assert User.objects.count() == 1

    owner.delete()
    fresh = Client()
    new = fresh.post(URL, FORM)
    new_page = page(fresh.get(new.url))
    # The visitor sees the same answer whether or not the number had an account.
    assert (taken.status_code, taken.url) == (new.status_code, new.url) == (302, reverse("accounts:login"))
    assert RECEIVED in taken_page and RECEIVED in new_page and "already exists" not in taken_page
    assert len(mailoutbox) == 1


def test_a_logged_in_user_is_sent_to_their_page(client):
    client.force_login(CitizenFactory())
    response = client.get(URL)
    assert response.status_code == 302 and response.url == reverse("accounts:home")
