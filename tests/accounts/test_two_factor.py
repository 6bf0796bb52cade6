"""The officials' second factor: leaders and admins give a code from their authenticator app (or a backup code)
after their password, and reach nothing before; other officials may turn it on; citizens never see it."""

import re

import pytest
import time_machine
from django.contrib.admin.models import LogEntry
from django.urls import reverse
from django.utils import timezone
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.models import User
from accounts.two_factor import SESSION_KEY, VERIFIED
from tests.accounts.conftest import PASSWORD
from tests.accounts.factories import CitizenFactory
from tests.accounts.second_factor import code_now, force_login_pending, give_app_device
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

LOGIN = reverse("accounts:login")
VERIFY = reverse("accounts:second_factor_verify")
ENROL = reverse("accounts:second_factor_enrol")
BACKUP = reverse("accounts:second_factor_backup_codes")
HOME = reverse("accounts:home")


def leader(**extra) -> User:
    return UserFactory(admin=True, role=User.Role.LEADER, username=extra.pop("username", "lanhdao.lan"), **extra)


def log_in(client, user, **extra):
    return client.post(LOGIN, {"username": user.username, "password": PASSWORD, **extra})


def test_a_leader_with_an_app_gives_the_code_before_any_page(client):
    user = leader()
    device = give_app_device(user)
    response = log_in(client, user, next="/procedures/")
    assert response.status_code == 302
    page = client.get(response.url, follow=True)
    assert page.request["PATH_INFO"] == VERIFY
    assert "Enter your code" in page.content.decode()
    assert 'autocomplete="one-time-code"' in page.content.decode()

    # Every other door is shut: pages, the Django admin, the API.
    for url in (HOME, "/procedures/", "/admin/", "/dossiers/search/"):
        refused = client.get(url)
        assert refused.status_code == 302 and refused.url.startswith(VERIFY + "?next="), url
    api = client.get("/api/v1/procedures/")
    assert api.status_code == 403
    assert api.json()["code"] == "accounts.second_factor_pending"
    assert "second factor" in api.json()["message"]

    wrong = client.post(VERIFY + "?next=/procedures/", {"code": "000000", "next": "/procedures/"})
    assert wrong.status_code == 200
    assert "This code is not right" in wrong.content.decode()
    assert client.get(HOME).status_code == 302

    with time_machine.travel(timezone.now() + timezone.timedelta(seconds=5), tick=True):
        pending_key = client.session.session_key
        right = client.post(VERIFY, {"code": code_now(device), "next": "/procedures/"})
        assert right.status_code == 302 and right.url == "/procedures/"
        assert client.session.session_key != pending_key  # a new session once verified
        assert client.get(HOME).status_code == 200
        assert client.get("/api/v1/procedures/").status_code == 200


def test_a_leader_without_a_device_sets_one_up_and_sees_the_backup_codes_once(client):
    user = leader()
    response = log_in(client, user)
    page = client.get(response.url, follow=True)
    assert page.request["PATH_INFO"] == ENROL
    html = page.content.decode()
    assert "Set up the second factor" in html
    assert 'src="data:image/png;base64,' in html  # the QR code, allowed by the CSP's img-src data:
    device = TOTPDevice.objects.get(user=user)
    assert not device.confirmed
    groups = re.findall(r"<span>([A-Z2-7]{1,4})</span>", html)
    assert "".join(groups) == TOTP_SECRET(device)
    assert client.get("/admin/").url.startswith(ENROL + "?next=")  # no device yet: to the set-up page

    wrong = client.post(ENROL, {"code": "123456"})
    assert "This code is not right" in wrong.content.decode()
    assert client.get(HOME).status_code == 302

    with time_machine.travel(timezone.now() + timezone.timedelta(seconds=3), tick=True):
        confirmed = client.post(ENROL, {"code": code_now(device)})
    assert confirmed.status_code == 302 and confirmed.url == BACKUP
    codes_page = client.get(BACKUP).content.decode()
    codes = re.findall(r"<li><code>([a-z2-7]{8})</code></li>", codes_page)
    assert len(codes) == 10
    assert sorted(codes) == sorted(StaticToken.objects.filter(device__user=user).values_list("token", flat=True))
    assert client.get(BACKUP).status_code == 302  # shown once only
    device.refresh_from_db()
    assert device.confirmed
    home = client.get(HOME).content.decode()
    assert "On: after your password" in home and "10 backup codes left." in home
    assert "Turn off" not in home  # a leader must keep it


def TOTP_SECRET(device) -> str:
    from base64 import b32encode

    return b32encode(device.bin_key).decode().rstrip("=")


def test_a_backup_code_works_once(client):
    user = leader()
    give_app_device(user)
    static = StaticToken.objects.create(
        device=user.staticdevice_set.create(name="backup", confirmed=True), token="abcd2345")
    log_in(client, user)
    response = client.post(VERIFY, {"code": "ABCD 2345"})
    assert response.status_code == 302 and response.url == HOME
    assert "Backup codes left: 0" in client.get(HOME).content.decode()
    assert not StaticToken.objects.filter(pk=static.pk).exists()

    client.post(reverse("accounts:logout"))
    log_in(client, user)
    again = client.post(VERIFY, {"code": "abcd2345"})
    assert again.status_code == 200 and "This code is not right" in again.content.decode()


def test_wrong_codes_are_slowed_then_limited_per_account(client, protections_on):
    user = leader()
    device = give_app_device(user)
    log_in(client, user)
    client.post(VERIFY, {"code": "000000"})
    # django-otp waits 1, 2, 4... seconds after each wrong code: even the right one is refused now.
    hurried = client.post(VERIFY, {"code": code_now(device)})
    assert "Too many wrong codes" in hurried.content.decode()
    assert client.get(HOME).status_code == 302

    # From elsewhere (another session of the same account), the count goes on: 10 refusals in 15 minutes.
    other = client.__class__()
    log_in(other, user)
    for _ in range(8):
        TOTPDevice.objects.filter(pk=device.pk).update(throttling_failure_count=0)  # past django-otp's delay
        other.post(VERIFY, {"code": "000000"})
    TOTPDevice.objects.filter(pk=device.pk).update(throttling_failure_count=0)
    limited = other.post(VERIFY, {"code": code_now(device)})
    assert limited.status_code == 429
    assert other.get(HOME).status_code == 302


def test_a_pending_session_cannot_replace_the_device(client):
    user = leader()
    give_app_device(user)
    log_in(client, user)
    response = client.get(ENROL)
    assert response.status_code == 302 and response.url.startswith(VERIFY)
    assert client.post(ENROL, {"code": "123456"}).status_code == 302
    assert TOTPDevice.objects.filter(user=user).count() == 1
    assert client.post(BACKUP).status_code == 302  # to the code page, not new backup codes
    assert not StaticToken.objects.filter(device__user=user).exists()


def test_the_next_address_stays_on_the_portal(client):
    user = leader()
    device = give_app_device(user)
    log_in(client, user)
    response = client.post(VERIFY, {"code": code_now(device), "next": "https://evil.example/"})
    assert response.url == HOME


def test_another_official_may_turn_it_on_and_off(client):
    officer = UserFactory(officer=True, username="motcua.lan")
    log_in(client, officer)
    home = client.get(HOME)
    assert home.status_code == 200  # optional: no code asked while off
    assert "Off: you log in with your password only." in home.content.decode()

    client.get(ENROL)
    device = TOTPDevice.objects.get(user=officer)
    assert client.post(ENROL, {"code": code_now(device)}).status_code == 302
    client.post(reverse("accounts:logout"))

    log_in(client, officer)
    assert client.get(HOME).url.startswith(VERIFY)
    with time_machine.travel(timezone.now() + timezone.timedelta(seconds=31), tick=True):
        assert client.post(VERIFY, {"code": code_now(device)}).status_code == 302
    turned_off = client.post(reverse("accounts:second_factor_off"), follow=True)
    assert "The second factor is off." in turned_off.content.decode()
    assert not TOTPDevice.objects.filter(user=officer).exists()
    client.post(reverse("accounts:logout"))
    log_in(client, officer)
    assert client.get(HOME).status_code == 200


def test_a_leader_cannot_turn_it_off(client):
    user = leader()
    give_app_device(user)
    client.force_login(user)  # tests' force_login: past the second factor
    response = client.post(reverse("accounts:second_factor_off"), follow=True)
    assert "Your role must keep a second factor." in response.content.decode()
    assert TOTPDevice.objects.filter(user=user).exists()


def test_citizens_never_see_it(client):
    citizen = CitizenFactory()
    client.post(LOGIN, {"username": citizen.cccd, "password": PASSWORD})
    home = client.get(HOME)
    assert home.status_code == 200
    assert "Second factor" not in home.content.decode()
    assert client.get(ENROL).status_code == 404


def test_a_session_is_never_verified_by_default(client):
    admin = UserFactory(admin=True, is_staff=True)
    force_login_pending(client, admin)
    assert client.get("/admin/").url.startswith(ENROL)
    # A session without any second-factor state (older than the feature) counts as pending for admins.
    session = client.session
    del session[SESSION_KEY]
    session.save()
    assert client.get(HOME).status_code == 302
    # The tests' force_login stands for a completed login.
    client.force_login(admin)
    assert client.session[SESSION_KEY] == VERIFIED
    assert client.get(HOME).status_code == 200


def test_an_admin_resets_a_lost_phone_and_it_is_logged(client):
    superuser = UserFactory(admin=True, is_staff=True, is_superuser=True, username="quantri.lan")
    official = leader()
    give_app_device(official)
    StaticToken.objects.create(device=official.staticdevice_set.create(name="backup", confirmed=True), token="x")
    client.force_login(superuser)
    response = client.post("/admin/accounts/user/", {"action": "reset_second_factor",
                                                     "_selected_action": [official.pk]}, follow=True)
    assert response.status_code == 200
    assert "Second factor reset for: lanhdao.lan" in response.content.decode()
    assert not TOTPDevice.objects.filter(user=official).exists()
    assert not official.staticdevice_set.exists()
    entry = LogEntry.objects.get(object_id=str(official.pk))
    assert entry.user == superuser and "second factor" in entry.change_message

    other = client.__class__()
    page = other.get(log_in(other, official).url, follow=True)
    assert page.request["PATH_INFO"] == ENROL  # sets up the new phone at the next login


def test_the_django_admin_login_is_no_way_around_it(client):
    admin = UserFactory(admin=True, is_staff=True, username="quantri.lan")
    give_app_device(admin)
    response = client.post("/admin/login/?next=/admin/", {"username": "quantri.lan", "password": PASSWORD,
                                                           "next": "/admin/"})
    assert response.status_code == 302
    assert client.get("/admin/").url.startswith(VERIFY)
    assert client.get("/admin/accounts/user/").url.startswith(VERIFY)
