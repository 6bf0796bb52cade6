"""Quên mật khẩu by account: a CCCD number or username, then a link by e-mail or a 6-digit code by SMS; the
pages never tell whether the account exists or has a phone; requests are limited per account."""

import datetime as dt
import html
import re

import pytest
import time_machine
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from accounts.messaging import text_message_senders
from accounts.models import PasswordResetCode
from tests.accounts.conftest import PASSWORD
from tests.accounts.factories import CitizenFactory
from tests.factories import UserFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("protections_on")]

START = reverse("accounts:password_reset_account")
CODE = reverse("accounts:password_reset_code")
NEW = reverse("accounts:password_reset_code_password")
LOGIN = reverse("accounts:login")
NEW_PASSWORD = "Sen-hong-Dong-Thap-2026"
CODE_PAGE_TEXT = "If this account exists and has a mobile phone number, we have sent a 6-digit code to it by SMS."


@pytest.fixture
def sms(monkeypatch):
    """The text messages handed to the sender (the notifications app registers the real SMS gateway): ours is
    asked first for the test, and gone after it."""
    sent = []

    def capture(*, phone, text, purpose):
        sent.append({"phone": phone, "text": text, "purpose": purpose})
        return True

    monkeypatch.setattr(text_message_senders, "_listeners", [capture, *text_message_senders.listeners])
    return sent


def page(response) -> str:
    return html.unescape(response.content.decode())


def ask(client, account: str, channel: str = "sms"):
    return client.post(START, {"account": account, "channel": channel})


def code_in(message) -> str:
    return re.search(r"\b(\d{6})\b", message["text"]).group(1)


def test_the_login_page_leads_to_the_reset_by_account(client):
    text = page(client.get(LOGIN))
    assert f'<a href="{START}">Forgot your password?</a>' in text
    form = page(client.get(START))
    assert "CCCD number or username" in form
    assert "a link by e-mail, to the address of my account" in form
    assert "a code by SMS, to the mobile phone of my account" in form


def test_a_citizen_resets_by_sms_and_logs_in_with_the_new_password(client, sms):
    citizen = CitizenFactory(phone="0912345678")
    response = ask(client, citizen.cccd[:3] + " " + citizen.cccd[3:])  # typed with a space
    assert response.status_code == 302 and response.url == CODE
    assert CODE_PAGE_TEXT in page(client.get(CODE))
    assert len(sms) == 1
    assert sms[0]["phone"] == "0912345678" and sms[0]["purpose"] == "password_reset"
    code = code_in(sms[0])
    assert "10 minutes" in sms[0]["text"]
    stored = PasswordResetCode.objects.get(user=citizen)
    assert code not in stored.code_hash  # kept as a keyed hash only

    wrong = client.post(CODE, {"code": "000000" if code != "000000" else "111111"})
    assert "This code is not right." in page(wrong)
    right = client.post(CODE, {"code": code})
    assert right.status_code == 302 and right.url == NEW
    form = client.get(NEW)
    assert "Choose a new password" in page(form)
    done = client.post(NEW, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    assert done.status_code == 302 and done.url == reverse("accounts:password_reset_complete")
    assert client.get(NEW).url == START  # the proof is used up

    login = Client().post(LOGIN, {"username": citizen.cccd, "password": NEW_PASSWORD})
    assert login.status_code == 302 and login.url == reverse("accounts:home")
    stored.refresh_from_db()
    assert stored.used_at is not None and stored.attempts == 1
    # The code cannot be used a second time.
    other = Client()
    ask(other, citizen.cccd)
    assert "This code is not right." in page(other.post(CODE, {"code": code}))


def test_an_unknown_account_or_one_without_phone_gets_the_same_pages(client, sms):
    official = UserFactory(officer=True, username="motcua.nophone", phone="")
    for account in ("motcua.nophone", "khong.ton.tai"):
        visitor = Client()
        response = ask(visitor, account)
        assert response.status_code == 302 and response.url == CODE
        assert CODE_PAGE_TEXT in page(visitor.get(CODE))
        answers = [page(visitor.post(CODE, {"code": "123456"})) for _ in range(6)]
        assert all("This code is not right." in text for text in answers[:5])
        assert "This code no longer works" in answers[5]
    assert sms == []
    assert not PasswordResetCode.objects.filter(user=official).exists()


def test_five_wrong_tries_end_the_code(client, sms):
    citizen = CitizenFactory(phone="0987654321")
    ask(client, citizen.cccd)
    code = code_in(sms[0])
    wrong = "000000" if code != "000000" else "111111"
    for _ in range(5):
        client.post(CODE, {"code": wrong})
    response = client.post(CODE, {"code": code})
    assert "This code no longer works" in page(response)
    assert PasswordResetCode.objects.get(user=citizen).attempts == 5
    # The count is the code's own, not only the session's: a session that forgot its tries is refused too.
    session = client.session
    session["accounts.reset_code_awaited"]["tries"] = 0
    session.save()
    assert "This code no longer works" in page(client.post(CODE, {"code": code}))
    assert client.get(NEW).url == START


def test_the_code_works_for_ten_minutes(client, sms):
    citizen = CitizenFactory(phone="0987654321")
    ask(client, citizen.cccd)
    code = code_in(sms[0])
    with time_machine.travel(timezone.now() + dt.timedelta(minutes=10, seconds=1)):
        response = client.post(CODE, {"code": code})
    assert "This code no longer works: it is more than 10 minutes old" in page(response)


def test_a_new_code_ends_the_old_one(client, sms):
    citizen = CitizenFactory(phone="0987654321")
    ask(client, citizen.cccd)
    ask(client, citizen.cccd)
    first, second = code_in(sms[0]), code_in(sms[1])
    if first != second:
        assert "This code is not right." in page(client.post(CODE, {"code": first}))
    assert client.post(CODE, {"code": second}).url == NEW


def test_by_email_the_account_gets_the_link(client, mailoutbox, sms):
    citizen = CitizenFactory(email="lan@example.vn")
    response = ask(client, citizen.cccd, channel="email")
    assert response.status_code == 302
    sent = page(client.get(response.url))
    assert "If this account exists and has an e-mail address, we have sent it an email" in sent
    assert [message.to for message in mailoutbox] == [["lan@example.vn"]]
    link = re.search(r"(/accounts/password/reset/[^/\s]+/[^/\s]+/)", mailoutbox[0].body).group(1)
    assert client.get(link, follow=True).status_code == 200
    assert sms == []

    ask(Client(), "khong.ton.tai", channel="email")
    assert len(mailoutbox) == 1


def test_requests_are_limited_per_account_whatever_the_connection(sms, mailoutbox):
    citizen = CitizenFactory(phone="0912345678", email="lan@example.vn")
    for n, channel in enumerate(("sms", "email", "sms")):
        response = ask(Client(REMOTE_ADDR=f"10.0.0.{n + 1}"), citizen.cccd, channel)
        assert response.status_code == 302
    refused = ask(Client(REMOTE_ADDR="10.0.0.9"), citizen.cccd, "sms")
    assert refused.status_code == 429
    assert len(sms) == 2 and len(mailoutbox) == 1
    # Another account is not held back by it.
    assert ask(Client(REMOTE_ADDR="10.0.0.9"), CitizenFactory().cccd).status_code == 302
    # Nor does an account that does not exist behave differently.
    for n in range(3):
        assert ask(Client(REMOTE_ADDR=f"10.0.1.{n}"), "khong.ton.tai").status_code == 302
    assert ask(Client(REMOTE_ADDR="10.0.1.9"), "khong.ton.tai").status_code == 429


def test_the_address_form_is_limited_per_mailbox_too(mailoutbox):
    CitizenFactory(email="lan@example.vn")
    for n in range(3):
        Client(REMOTE_ADDR=f"10.0.2.{n}").post(reverse("accounts:password_reset"), {"email": "lan@example.vn"})
    refused = Client(REMOTE_ADDR="10.0.2.9").post(reverse("accounts:password_reset"), {"email": "LAN@example.vn"})
    assert refused.status_code == 429
    assert len(mailoutbox) == 3


def test_hostile_input_is_refused_calmly(client, sms):
    assert client.post(START, {"account": "x" * 5000, "channel": "sms"}).status_code == 200
    assert client.post(START, {"account": "abc", "channel": "pigeon"}).status_code == 200
    ask(client, "khong.ton.tai")
    assert client.post(CODE, {"code": "9" * 500}).status_code == 200
    assert client.get(NEW).url == START
    assert PASSWORD  # the factories' password, unchanged by any of this
