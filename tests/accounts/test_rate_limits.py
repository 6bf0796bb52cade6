import html
import math
import types

import django_ratelimit.core
import pytest
from django.urls import reverse

from accounts.models import User
from tests.accounts.conftest import PASSWORD
from tests.accounts.factories import CitizenFactory
from tests.factories import UserFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("protections_on")]

LOGIN = reverse("accounts:login")
REGISTER = reverse("accounts:register")


def page(response) -> str:
    return html.unescape(response.content.decode())


@pytest.fixture(autouse=True)
def still_clock(monkeypatch):
    """Counters live in fixed time windows; a test crossing a window's end would start over.
    Only the rate limiter's clock stands still."""
    monkeypatch.setattr(django_ratelimit.core, "time", types.SimpleNamespace(time=lambda: 1_767_225_600.0))


def test_login_posts_are_limited_per_address(client, settings):
    settings.ACCOUNTS_LOGIN_RATE = "3/m"
    # Different accounts, so this is the address limit and not the per-account lockout.
    for n in range(3):
        response = client.post(LOGIN, {"username": f"khach{n}", "password": "sai"})
        assert response.status_code == 200
    citizen = CitizenFactory()
    limited = client.post(LOGIN, {"username": citizen.cccd, "password": PASSWORD})
    assert limited.status_code == 429
    assert 1 <= int(limited["Retry-After"]) <= 60
    text = page(limited)
    assert "Too many attempts from your connection" in text
    assert "Please try again in 1 minute." in text
    assert "_auth_user_id" not in client.session
    # Reading the page is never limited; another address still gets through.
    assert client.get(LOGIN).status_code == 200
    other = client.post(LOGIN, {"username": citizen.cccd, "password": PASSWORD}, REMOTE_ADDR="203.0.113.9")
    assert other.status_code == 302


REGISTRATION = {"full_name": "Nguyễn Thị Hoa", "date_of_birth": "1990-05-17", "gender": "female",
                "phone": "0912345678", "password1": "Hoa-sen-2025!", "password2": "Hoa-sen-2025!"}


def test_registration_posts_are_limited_per_address(client, settings):
    """Registrations that went through count; forms sent back for a typo do not (issue 11: one person's
    typos must not lock out a whole centre or school behind one address)."""
    settings.ACCOUNTS_REGISTER_RATE = "2/h"
    for _attempt in range(3):
        assert client.post(REGISTER, {"cccd": "1"}).status_code == 200  # typos: not counted
    for number in ("022190012345", "022190012346"):
        assert client.post(REGISTER, {"cccd": number, **REGISTRATION}).status_code == 302
    limited = client.post(REGISTER, {"cccd": "022190012347", **REGISTRATION})
    assert limited.status_code == 429
    seconds = int(limited["Retry-After"])
    assert 1 <= seconds <= 3600
    minutes = math.ceil(seconds / 60)
    assert f"Please try again in {minutes} minute{'s' if minutes > 1 else ''}." in page(limited)
    assert User.objects.count() == 2


def test_successful_logins_do_not_count_against_an_address(client, settings):
    """A centre's officers log in all morning from one address: only failures count."""
    settings.ACCOUNTS_LOGIN_RATE = "3/m"
    citizen = CitizenFactory()
    for _attempt in range(5):
        response = client.post(LOGIN, {"username": citizen.cccd, "password": PASSWORD})
        assert response.status_code == 302
        client.post(reverse("accounts:logout"))


def test_a_burst_of_wrong_passwords_elsewhere_never_shuts_an_official_out(client, settings):
    """No ceiling per account across addresses: it would hand anyone who knows a username a way to lock an
    official out of their counter (issue 9)."""
    settings.ACCOUNTS_LOGIN_RATE = "3/m"
    official = UserFactory(officer=True)
    for n in range(30):
        client.post(LOGIN, {"username": official.username, "password": "sai"}, REMOTE_ADDR=f"203.0.113.{n}")
    response = client.post(LOGIN, {"username": official.username, "password": PASSWORD}, REMOTE_ADDR="198.51.100.7")
    assert response.status_code == 302


def test_registrations_of_one_number_are_limited_whatever_the_address(client, settings):
    settings.ACCOUNTS_REGISTER_NUMBER_RATE = "2/h"
    for n in range(2):
        assert client.post(REGISTER, {"cccd": "022190012345", **REGISTRATION},
                           REMOTE_ADDR=f"203.0.113.{n}").status_code == 302
    limited = client.post(REGISTER, {"cccd": "022 190 012 345", **REGISTRATION}, REMOTE_ADDR="198.51.100.7")
    assert limited.status_code == 429
    assert client.post(REGISTER, {"cccd": "022190012346", **REGISTRATION},
                       REMOTE_ADDR="198.51.100.7").status_code == 302


def test_limits_are_off_when_disabled(client, settings):
    settings.ACCOUNTS_LOGIN_RATE = "1/m"
    settings.RATELIMIT_ENABLE = False
    for _attempt in range(3):
        assert client.post(LOGIN, {"username": "khach", "password": "sai"}).status_code == 200


def test_password_reset_requests_are_limited_per_address(client, settings, mailoutbox):
    settings.ACCOUNTS_RESET_RATE = "2/h"
    CitizenFactory(email="hoa@example.vn")
    reset = reverse("accounts:password_reset")
    for _attempt in range(2):
        assert client.post(reset, {"email": "hoa@example.vn"}).status_code == 302
    limited = client.post(reset, {"email": "hoa@example.vn"})
    assert limited.status_code == 429
    assert 1 <= int(limited["Retry-After"]) <= 3600
    assert "Too many attempts from your connection" in page(limited)
    assert len(mailoutbox) == 2
    # Reading the page is never limited; another address still gets through.
    assert client.get(reset).status_code == 200
    other = client.post(reset, {"email": "hoa@example.vn"}, REMOTE_ADDR="203.0.113.9")
    assert other.status_code == 302 and len(mailoutbox) == 3
