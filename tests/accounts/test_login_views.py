import html

import pytest
from axes.models import AccessAttempt
from django.test import Client
from django.urls import reverse

from tests.accounts.conftest import PASSWORD
from tests.accounts.factories import CitizenFactory
from tests.factories import UserFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("protections_on")]

LOGIN = reverse("accounts:login")
WRONG = (
    "The number or username and password do not match. Check both and try again; "
    "after 5 failed attempts the account is locked for a while."
)


def page(response) -> str:
    return html.unescape(response.content.decode())


def logged_in_as(client):
    return client.session.get("_auth_user_id")


def test_the_login_page(client):
    response = client.get(LOGIN)
    assert response.status_code == 200
    text = page(response)
    assert "CCCD number or username" in text and "Register with your CCCD number" in text


def test_a_citizen_logs_in_with_the_cccd_number(client):
    citizen = CitizenFactory()
    response = client.post(LOGIN, {"username": citizen.cccd, "password": PASSWORD})
    assert response.status_code == 302 and response.url == reverse("accounts:home")
    assert logged_in_as(client) == str(citizen.pk)


def test_the_number_may_be_typed_in_groups(client):
    citizen = CitizenFactory()
    grouped = f"{citizen.cccd[:3]} {citizen.cccd[3:6]} {citizen.cccd[6:]}"
    client.post(LOGIN, {"username": grouped, "password": PASSWORD})
    assert logged_in_as(client) == str(citizen.pk)


def test_an_official_logs_in_with_the_username_and_next_is_followed(client):
    officer = UserFactory(officer=True, username="motcua.lan")
    response = client.post(LOGIN, {"username": "motcua.lan", "password": PASSWORD, "next": "/procedures/"})
    assert response.status_code == 302 and response.url == "/procedures/"
    assert logged_in_as(client) == str(officer.pk)


def test_an_unsafe_next_is_ignored(client):
    CitizenFactory(username="022190000001", cccd="022190000001")
    response = client.post(
        LOGIN, {"username": "022190000001", "password": PASSWORD, "next": "https://evil.example/"}
    )
    assert response.url == reverse("accounts:home")


def test_a_wrong_password_and_an_unknown_account_read_the_same(client):
    citizen = CitizenFactory()
    wrong_password = client.post(LOGIN, {"username": citizen.cccd, "password": "sai-mat-khau"})
    unknown = client.post(LOGIN, {"username": "022190999999", "password": "sai-mat-khau"})
    for response in (wrong_password, unknown):
        assert response.status_code == 200
        assert WRONG in page(response)
        assert response.context["form"].non_field_errors() == [WRONG]
    assert logged_in_as(client) is None


def test_five_failures_lock_the_account_even_against_the_right_password(client):
    citizen = CitizenFactory()
    for _attempt in range(4):
        response = client.post(LOGIN, {"username": citizen.cccd, "password": "sai-mat-khau"})
        assert response.status_code == 200 and WRONG in page(response)
    fifth = client.post(LOGIN, {"username": citizen.cccd, "password": "sai-mat-khau"})
    assert fifth.status_code == 429
    text = page(fifth)
    assert "Logging in to this account is paused" in text
    assert "The password was wrong 5 times in a row" in text
    assert "Try again in 15 minutes." in text
    assert "call the hotline" in text

    right = client.post(LOGIN, {"username": citizen.cccd, "password": PASSWORD})
    assert right.status_code == 429 and "Try again in 15 minutes." in page(right)
    assert logged_in_as(client) is None


def test_the_lockout_is_per_account(client):
    locked, other = CitizenFactory(), CitizenFactory()
    for _attempt in range(5):
        client.post(LOGIN, {"username": locked.cccd, "password": "sai-mat-khau"})
    response = client.post(LOGIN, {"username": other.cccd, "password": PASSWORD})
    assert response.status_code == 302 and logged_in_as(client) == str(other.pk)


def test_five_requests_from_elsewhere_cannot_lock_an_official_out(client):
    """The lockout is by account and address together: someone guessing an official's password from their
    own connection pauses that pair only; the official at their counter logs in as usual."""
    official = UserFactory(officer=True)
    attacker = Client(REMOTE_ADDR="203.0.113.9")
    for _attempt in range(5):
        locked = attacker.post(LOGIN, {"username": official.username, "password": "sai-mat-khau"})
    assert locked.status_code == 429 and "from this connection" in page(locked)
    assert attacker.post(LOGIN, {"username": official.username, "password": PASSWORD}).status_code == 429

    at_the_counter = Client(REMOTE_ADDR="198.51.100.20")
    at_the_counter.cookies["django_language"] = "en"
    response = at_the_counter.post(LOGIN, {"username": official.username, "password": PASSWORD})
    assert response.status_code == 302 and logged_in_as(at_the_counter) == str(official.pk)


def test_a_forged_forwarded_header_does_not_escape_the_lockout(client):
    citizen = CitizenFactory()
    for attempt in range(5):
        response = client.post(LOGIN, {"username": citizen.cccd, "password": "sai-mat-khau"},
                               HTTP_X_FORWARDED_FOR=f"10.0.0.{attempt}")
    assert response.status_code == 429


def test_a_success_clears_earlier_failures(client):
    citizen = CitizenFactory()
    for _attempt in range(4):
        client.post(LOGIN, {"username": citizen.cccd, "password": "sai-mat-khau"})
    client.post(LOGIN, {"username": citizen.cccd, "password": PASSWORD})
    client.post(reverse("accounts:logout"))
    for _attempt in range(4):
        response = client.post(LOGIN, {"username": citizen.cccd, "password": "sai-mat-khau"})
    assert response.status_code == 200
    assert AccessAttempt.objects.get(username=citizen.cccd).failures_since_start == 4


def test_the_lockout_page_shows_the_hotlines(client):
    from hotlines.models import Hotline

    Hotline.objects.create(number="18001096", label="Đường dây nóng của tỉnh")
    citizen = CitizenFactory()
    for _attempt in range(5):
        response = client.post(LOGIN, {"username": citizen.cccd, "password": "sai-mat-khau"})
    assert "1800 1096" in page(response)


def test_logout_is_a_post(client):
    client.force_login(CitizenFactory())
    assert client.get(reverse("accounts:logout")).status_code == 405
    assert logged_in_as(client) is not None
    response = client.post(reverse("accounts:logout"))
    assert response.status_code == 302 and response.url == reverse("home")
    assert logged_in_as(client) is None


def test_password_change(client):
    citizen = CitizenFactory()
    client.force_login(citizen)
    url = reverse("accounts:password_change")
    assert client.get(url).status_code == 200

    wrong_old = client.post(
        url, {"old_password": "sai", "new_password1": "Sen-hong-2026!", "new_password2": "Sen-hong-2026!"}
    )
    assert "Your old password was entered incorrectly" in page(wrong_old)
    weak = client.post(
        url, {"old_password": PASSWORD, "new_password1": "12345678", "new_password2": "12345678"}
    )
    assert "This password is entirely numeric." in page(weak)
    citizen.refresh_from_db()
    assert citizen.check_password(PASSWORD)

    done = client.post(
        url,
        {"old_password": PASSWORD, "new_password1": "Sen-hong-2026!", "new_password2": "Sen-hong-2026!"},
        follow=True,
    )
    assert done.redirect_chain[-1][0] == reverse("accounts:password_change_done")
    assert "Your password has been changed." in page(done)
    citizen.refresh_from_db()
    assert citizen.check_password("Sen-hong-2026!") and citizen.password.startswith("argon2$")
    assert logged_in_as(client) == str(citizen.pk)  # still logged in on this device


def test_password_change_needs_a_login(client):
    response = client.get(reverse("accounts:password_change"))
    assert response.status_code == 302 and response.url.startswith(LOGIN)


def test_the_login_page_keeps_the_portals_header_and_hotlines(client):
    """Django's LoginView used to replace the portal's `site` (province, hotlines) with its own."""
    from hotlines.models import Hotline
    from tests.factories import ProvinceFactory

    ProvinceFactory()
    Hotline.objects.create(number="18001096", label="Đường dây nóng của tỉnh")
    text = page(client.get(LOGIN))
    assert "Quang Ninh Province" in text or "Tỉnh Quảng Ninh" in text
    assert "1800 1096" in text
