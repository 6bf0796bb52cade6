"""The demo's leaders and admin log in with a second factor whose secret README publishes; `demo_otp` prints
the code their app would show."""

import io

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from demo.data.accounts import PASSWORD
from demo.second_factor import BACKUP_CODES, SECRET, USERNAMES


@pytest.fixture
def seeded(seeded_for_module) -> str:
    return seeded_for_module


def log_in(username: str) -> Client:
    client = Client()
    response = client.post(reverse("accounts:login"), {"username": username, "password": PASSWORD})
    assert response.status_code == 302
    return client


def test_the_demo_admin_logs_in_with_the_code_demo_otp_prints(seeded):
    assert "Second factor of lanhdao.halong, lanhdao.vpubnd" in seeded and SECRET in seeded
    client = log_in("quantri.tinh")
    assert client.get("/admin/").url.startswith(reverse("accounts:second_factor_verify"))
    out = io.StringIO()
    call_command("demo_otp", "quantri.tinh", stdout=out, stderr=io.StringIO())
    code = out.getvalue().strip()
    assert len(code) == 6 and code.isdigit()
    response = client.post(reverse("accounts:second_factor_verify"), {"code": code, "next": "/admin/"})
    assert response.status_code == 302 and response.url == "/admin/"
    assert client.get("/admin/").status_code == 200


def test_every_demo_leader_has_the_published_secret_and_backup_codes(seeded):
    devices = TOTPDevice.objects.filter(user__username__in=USERNAMES, confirmed=True)
    assert sorted(device.user.username for device in devices) == sorted(USERNAMES)
    from base64 import b32encode

    assert {b32encode(device.bin_key).decode() for device in devices} == {SECRET.replace(" ", "")}
    client = log_in("lanhdao.hcc")
    assert client.post(reverse("accounts:second_factor_verify"), {"code": BACKUP_CODES[0]}).status_code == 302
    assert client.get(reverse("accounts:home")).status_code == 200
    # A second seed run changes nothing, so the used code stays used.
    other = log_in("lanhdao.hcc")
    assert other.post(reverse("accounts:second_factor_verify"), {"code": BACKUP_CODES[0]}).status_code == 200


def test_demo_otp_says_when_there_is_no_device(seeded):
    with pytest.raises(Exception, match="no authenticator-app device"):
        call_command("demo_otp", "motcua.tinh", stdout=io.StringIO())
