"""Quên mật khẩu: a link by email, a new password through it, and logging in with that password."""

import datetime as dt
import html
import re

import pytest
import time_machine
from axes.models import AccessAttempt
from django.test import Client
from django.urls import reverse

from tests.accounts.conftest import PASSWORD
from tests.accounts.factories import CitizenFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("protections_on")]

LOGIN = reverse("accounts:login")
RESET = reverse("accounts:password_reset")
SENT = reverse("accounts:password_reset_done")
SITE = "https://motcua.example.gov.vn"
NEW_PASSWORD = "Sen-hong-Dong-Thap-2026"
WRONG = "The number or username and password do not match."
DOES_NOT_WORK = "The link to choose a new password has expired, has already been used, or was not copied whole."


@pytest.fixture(autouse=True)
def portal_address(settings):
    settings.SITE_URL = SITE + "/"


def page(response) -> str:
    return html.unescape(response.content.decode())


def link_in(message) -> str:
    """The path of the reset link in the email, which must start with the portal's public address."""
    match = re.search(re.escape(SITE) + r"(/\S+)", message.body)
    assert match, message.body
    return match.group(1)


def ask_for_link(client, email: str):
    return client.post(RESET, {"email": email})


def test_the_login_page_offers_the_reset_and_keeps_the_hotline_advice(client):
    text = page(client.get(LOGIN))
    assert f'<a href="{reverse("accounts:password_reset_account")}">Forgot your password?</a>' in text
    assert "a code by SMS to its phone. With neither on your account, call the hotline" in text


def test_the_reset_page_asks_for_the_email_of_the_account(client):
    response = client.get(RESET)
    assert response.status_code == 200
    text = page(response)
    assert "<h1>Forgot your password</h1>" in text
    assert "Email address of your account" in text and "Send the link" in text


def test_the_whole_reset_from_the_email_to_logging_in(client, mailoutbox):
    citizen = CitizenFactory(email="hoa@example.vn", full_name="Trần Thị Hoa")

    sent = ask_for_link(client, "Hoa@Example.VN")
    assert sent.status_code == 302 and sent.url == SENT
    text = page(client.get(SENT))
    assert "Check your email" in text
    assert "If an account has the address you entered, we have sent it an email" in text
    assert "The link works for 1 hour, and only once." in text

    assert len(mailoutbox) == 1
    message = mailoutbox[0]
    assert message.to == ["hoa@example.vn"]
    assert message.subject == "Choose a new password for the public service portal"
    assert message.body.startswith("Dear Trần Thị Hoa,")  # not escaped: a text email
    assert "The link works for 1 hour, and only once." in message.body
    assert f"ends in {citizen.cccd[-4:]}." in message.body
    assert citizen.cccd not in message.body  # the whole number is not mailed

    # Django moves the token out of the address before showing the form.
    opened = client.get(link_in(message))
    assert opened.status_code == 302 and opened.url.endswith("/set-password/")
    form = client.get(opened.url)
    assert "Choose a new password" in page(form) and "New password again" in page(form)

    saved = client.post(opened.url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    assert saved.status_code == 302 and saved.url == reverse("accounts:password_reset_complete")
    done = page(client.get(saved.url))
    assert "Your new password is saved. Log in with it now" in done and f'href="{LOGIN}"' in done

    old = client.post(LOGIN, {"username": citizen.cccd, "password": PASSWORD})
    assert old.status_code == 200 and WRONG in page(old)
    new = client.post(LOGIN, {"username": citizen.cccd, "password": NEW_PASSWORD})
    assert new.status_code == 302 and client.session["_auth_user_id"] == str(citizen.pk)


def test_an_unknown_address_gets_the_same_answer_and_no_email(client, mailoutbox):
    CitizenFactory(email="hoa@example.vn")
    known = ask_for_link(Client(), "hoa@example.vn")
    unknown = ask_for_link(client, "nobody@example.vn")
    assert (unknown.status_code, unknown.url) == (known.status_code, known.url) == (302, SENT)
    assert [m.to for m in mailoutbox] == [["hoa@example.vn"]]


def test_a_malformed_address_is_refused_in_place(client, mailoutbox):
    response = ask_for_link(client, "hoa at example")
    assert response.status_code == 200
    assert "Enter a valid email address." in page(response)
    assert mailoutbox == []


def test_the_link_works_for_an_hour(client, mailoutbox):
    CitizenFactory(email="hoa@example.vn")
    start = dt.datetime(2026, 3, 2, 8, 0, tzinfo=dt.UTC)
    with time_machine.travel(start, tick=False):
        ask_for_link(client, "hoa@example.vn")
    link = link_in(mailoutbox[0])
    with time_machine.travel(start + dt.timedelta(minutes=59), tick=False):
        assert client.get(link).url.endswith("/set-password/")
    with time_machine.travel(start + dt.timedelta(minutes=61), tick=False):
        expired = client.get(link, follow=True)
    text = page(expired)
    assert expired.status_code == 200
    assert "This link does not work" in text and DOES_NOT_WORK in text and "Your password has not changed." in text
    assert f'href="{RESET}">Ask for a new link' in text
    assert "new_password1" not in text


def test_a_used_or_mangled_link_says_it_does_not_work(client, mailoutbox):
    citizen = CitizenFactory(email="hoa@example.vn")
    ask_for_link(client, "hoa@example.vn")
    link = link_in(mailoutbox[0])
    form = client.get(link).url
    client.post(form, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})

    again = Client()
    again.cookies["django_language"] = "en"
    for path in (link, link[:-6] + "/", reverse("accounts:password_reset_confirm", args=["MQ", "x-y"])):
        response = again.get(path, follow=True)
        assert response.status_code == 200 and DOES_NOT_WORK in page(response), path
    citizen.refresh_from_db()
    assert citizen.check_password(NEW_PASSWORD)


def test_a_weak_password_is_refused_with_the_validators_words(client, mailoutbox):
    citizen = CitizenFactory(email="hoa@example.vn")
    ask_for_link(client, "hoa@example.vn")
    form = client.get(link_in(mailoutbox[0])).url

    weak = client.post(form, {"new_password1": "12345678", "new_password2": "12345678"})
    assert weak.status_code == 200
    text = page(weak)
    assert "Please correct the errors below." in text
    # Under the new password, where it was typed.
    assert re.search(r'id="id_new_password1_error\d">This password is too common\.<', text)
    assert re.search(r'id="id_new_password1_error\d">This password is entirely numeric\.<', text)

    different = client.post(form, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD + "!"})
    assert "The two passwords are different. Type the same password twice." in page(different)

    citizen.refresh_from_db()
    assert citizen.check_password(PASSWORD)
    # The link still works for a better password.
    assert client.post(form, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}).status_code == 302


def test_a_reset_lifts_the_lockout_of_the_account(client, mailoutbox):
    citizen = CitizenFactory(email="hoa@example.vn")
    for _attempt in range(5):
        locked = client.post(LOGIN, {"username": citizen.cccd, "password": "sai-mat-khau"})
    assert locked.status_code == 429
    assert f'href="{RESET}">Choose a new password by email' in page(locked)

    ask_for_link(client, "hoa@example.vn")
    form = client.get(link_in(mailoutbox[0])).url
    client.post(form, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})

    assert not AccessAttempt.objects.filter(username=citizen.cccd).exists()
    response = client.post(LOGIN, {"username": citizen.cccd, "password": NEW_PASSWORD})
    assert response.status_code == 302 and client.session["_auth_user_id"] == str(citizen.pk)


def test_the_pages_and_the_email_are_in_vietnamese_by_default(settings, mailoutbox):
    settings.LANGUAGE_CODE = "vi"
    CitizenFactory(email="hoa@example.vn")
    client = Client()
    login = page(client.get(LOGIN))
    assert "Quên mật khẩu?" in login
    assert "Quên mật khẩu" in page(client.get(RESET))
    ask_for_link(client, "hoa@example.vn")
    message = mailoutbox[0]
    assert message.subject == "Đặt mật khẩu mới cho tài khoản trên Cổng dịch vụ công"
    assert "Đường dẫn có hiệu lực trong 1 giờ và chỉ dùng được một lần." in message.body

    english = Client()
    english.cookies["django_language"] = "en"
    ask_for_link(english, "hoa@example.vn")
    assert mailoutbox[1].subject == "Choose a new password for the public service portal"


def test_the_email_addresses_a_citizen_as_ong_ba_and_an_official_as_dong_chi(settings, mailoutbox):
    from tests.factories import UserFactory

    settings.LANGUAGE_CODE = "vi"
    CitizenFactory(email="hoa@example.vn", full_name="Lê Thị Hoa")
    UserFactory(email="lanhdao@example.vn", full_name="Hoàng Văn Em", role="leader")
    ask_for_link(Client(), "hoa@example.vn")
    ask_for_link(Client(), "lanhdao@example.vn")
    citizen, official = (message.body for message in mailoutbox)
    assert citizen.startswith("Kính gửi Ông/Bà Lê Thị Hoa,")
    assert "tài khoản của Ông/Bà" in citizen and "đồng chí" not in citizen
    assert official.startswith("Kính gửi đồng chí Hoàng Văn Em,")
    assert "tài khoản của đồng chí" in official and "Ông/Bà" not in official
    for body in (citizen, official):
        assert not re.search(r"\bbạn\b", body, re.IGNORECASE)
