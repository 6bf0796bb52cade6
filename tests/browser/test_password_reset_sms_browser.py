"""Quên mật khẩu by SMS on a phone, in real Chromium: the account, the choice of SMS, the code, the new
password, and logging in with it."""

import re

import pytest
from playwright.sync_api import expect

from accounts.messaging import text_message_senders
from tests.accounts.factories import CitizenFactory
from tests.browser.conftest import PHONE

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_citizen_resets_the_password_by_sms_on_a_phone(new_page, settings, monkeypatch, screenshot):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    sent = []
    monkeypatch.setattr(text_message_senders, "_listeners",
                        [lambda **message: sent.append(message) or True, *text_message_senders.listeners])
    citizen = CitizenFactory(phone="0912345678")
    page = new_page(PHONE)
    page.goto("/accounts/login/")
    page.get_by_role("link", name="Quên mật khẩu?").click()
    page.get_by_label("Số CCCD hoặc tên đăng nhập").fill(citizen.cccd)
    page.get_by_label("mã xác thực qua SMS, đến số điện thoại di động của tài khoản").check()
    screenshot(page, "account")
    page.get_by_role("button", name="Gửi").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Nhập mã trong tin nhắn SMS")
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    screenshot(page, "code")
    code = re.search(r"\b(\d{6})\b", sent[0]["text"]).group(1)
    assert "Cổng Một Cửa: mã đặt lại mật khẩu của bạn là" in sent[0]["text"]
    page.get_by_label("Mã trong tin nhắn SMS").fill(code)
    page.get_by_role("button", name="Tiếp tục").click()
    page.locator("input[name=new_password1]").fill("Sen-hong-Dong-Thap-2026")
    page.locator("input[name=new_password2]").fill("Sen-hong-Dong-Thap-2026")
    page.locator("main button[type=submit]").click()
    page.goto("/accounts/login/")
    page.locator("input[name=username]").fill(citizen.cccd)
    page.locator("input[name=password]").fill("Sen-hong-Dong-Thap-2026")
    page.locator("main").get_by_role("button", name="Đăng nhập").click()
    expect(page).to_have_url(re.compile(r"/accounts/$"))
