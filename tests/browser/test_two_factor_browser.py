"""The second factor in real Chromium: an admin sets up the authenticator app on first login (QR code shown
under the CSP, the key typed by hand works too), keeps the backup codes, and next time logs in with a code and
lands in the Django admin. Screenshots at 390 and 1366 px."""

import re

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from tests.accounts.second_factor import code_now
from tests.browser.conftest import DESKTOP, PHONE
from tests.factories import UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "Mật-khẩu-2025!"  # tests.factories.UserFactory's


@pytest.fixture
def admin(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    return UserFactory(admin=True, is_staff=True, is_superuser=True, username="quantri.thu")


def password_step(page, next_path="/admin/"):
    page.goto(f"/accounts/login/?next={next_path}")
    page.locator("input[name=username]").fill("quantri.thu")
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("main").get_by_role("button", name="Đăng nhập").click()


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["390", "1366"])
def test_an_admin_sets_up_the_app_then_logs_in_with_a_code(new_page, admin, screenshot, viewport):
    page = new_page(viewport)
    violations = []
    page.on("console", lambda message: violations.append(message.text)
            if "Content Security Policy" in message.text else None)
    password_step(page)
    expect(page.get_by_role("heading", level=1)).to_have_text("Cài đặt xác thực hai yếu tố")
    qr = page.get_by_role("img", name="Mã QR để quét bằng ứng dụng xác thực")
    expect(qr).to_be_visible()
    expect(page.get_by_role("navigation", name="Điều hướng chính")).to_have_count(0)
    assert page.evaluate("img => img.naturalWidth", qr.element_handle()) > 100  # drawn, not blocked by the CSP
    key = page.locator(".two-factor__secret code").inner_text()
    assert re.fullmatch(r"([A-Z2-7]{4} ){7}[A-Z2-7]{4}", key.strip()), key
    assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]
    screenshot(page, "enrol")

    page.goto("/procedures/")  # nowhere else to go
    expect(page).to_have_url(re.compile(r"/accounts/two-factor/set-up/\?next="))
    device = TOTPDevice.objects.get(user=admin)
    page.get_by_label("Mã", exact=True).fill("000000")
    page.get_by_role("button", name="Xác nhận và bật").click()
    expect(page.locator(".field .error")).to_contain_text("Mã không đúng.")
    page.wait_for_timeout(1100)  # django-otp refuses any code for a second after a wrong one
    page.get_by_label("Mã", exact=True).fill(code_now(device))
    page.get_by_role("button", name="Xác nhận và bật").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Mã dự phòng của bạn")
    expect(page.locator(".two-factor__codes li")).to_have_count(10)
    screenshot(page, "backup-codes")
    page.get_by_role("link", name="Tôi đã lưu các mã, tiếp tục").click()
    expect(page).to_have_url(re.compile(r"/procedures/$"))

    page.goto("/accounts/")
    expect(page.get_by_text("Còn 10 mã dự phòng.")).to_be_visible()
    screenshot(page, "account-page")
    page.get_by_role("button", name="Đăng xuất").last.click()

    password_step(page)
    expect(page).to_have_url(re.compile(r"/accounts/two-factor/\?next=%2Fadmin%2F"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Nhập mã xác thực")
    expect(page.get_by_role("navigation", name="Điều hướng chính")).to_have_count(0)  # no menu to nowhere
    screenshot(page, "code")
    page.get_by_label("Mã", exact=True).fill(code_now(device, steps_ahead=1))  # the next period's, as the app soon shows
    page.get_by_role("button", name="Xác nhận", exact=True).click()
    expect(page).to_have_url(re.compile(r"/admin/$"))
    expect(page.locator("#site-name")).to_contain_text("Cổng Một Cửa")
    assert violations == []
