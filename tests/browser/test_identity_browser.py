"""Logging in with the national electronic identity (VNeID) in real Chromium, against the mock provider
process: the login page's button, the provider's own login page, back to the portal logged in, the online
dossier form filled from the verified identity, a submission recorded as verified, and logout at both."""

import copy
import re

import pytest
from playwright.sync_api import expect

from dossiers.models import Dossier
from tests.accounts.idp import AN, PASSWORD, running_idp, use_idp
from tests.browser.conftest import DESKTOP, PHONE
from tests.dossiers.factories import make_world, pdf_bytes

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
BUTTON = "Đăng nhập bằng tài khoản định danh điện tử VNeID"


@pytest.fixture
def idp(live_server, tmp_path, settings):
    with running_idp(tmp_path, portal_urls=[live_server.url]) as provider:
        use_idp(settings, provider)
        settings.SITE_URL = live_server.url
        policy = copy.deepcopy(settings.CONTENT_SECURITY_POLICY)
        policy["DIRECTIVES"]["form-action"].append(provider.url)
        settings.CONTENT_SECURITY_POLICY = policy
        yield provider


@pytest.fixture
def world(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    return make_world()


def test_the_login_page_and_the_providers_page_at_phone_and_desktop_widths(new_page, idp, screenshot):
    for name, viewport in (("phone", PHONE), ("desktop", DESKTOP)):
        page = new_page(viewport)
        page.goto("/accounts/login/")
        button = page.get_by_role("link", name=BUTTON)
        expect(button).to_be_visible()
        expect(page.locator("input[name=password]")).to_be_visible()  # the password login stays
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
        screenshot(page, f"login-{name}")
        button.click()
        expect(page).to_have_url(re.compile(re.escape(idp.url) + "/authorize"))
        expect(page.get_by_role("heading", name="Đăng nhập tài khoản định danh điện tử")).to_be_visible()
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
        screenshot(page, f"provider-{name}")


def test_a_citizen_logs_in_with_vneid_and_the_form_is_filled_from_it(new_page, world, idp, screenshot, live_server):
    page = new_page(PHONE)
    violations = []  # the portal's and the provider's Content-Security-Policy, logging out through both
    page.on("console", lambda message: violations.append(message.text)
            if "Content Security Policy" in message.text else None)
    page.goto("/accounts/login/")
    page.get_by_role("link", name=BUTTON).click()
    page.locator("input[name=cccd]").fill(AN)
    page.locator("input[name=password]").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập", exact=True).click()
    expect(page.locator("main")).to_contain_text("Bạn đã đăng nhập bằng tài khoản định danh điện tử (VNeID).")
    screenshot(page, "logged-in")

    page.goto("/dossiers/new/1.001193/")
    note = page.locator(".identity-verified")
    expect(note).to_contain_text("Thông tin từ tài khoản định danh điện tử (VNeID) của bạn")
    expect(note).to_contain_text("14/05/1990")
    expect(page.locator("input[name=applicant_cccd]")).to_have_value(AN)
    expect(page.locator("input[name=applicant_name]")).to_have_value("Nguyễn Văn An")
    expect(page.locator("input[name=applicant_address]")).to_have_value("Tổ 1, khu 2, phường Hạ Long, tỉnh Quảng Ninh")
    screenshot(page, "form-prefilled")

    page.locator("select[name=centre]").select_option(label="Phường Hạ Long — Trung tâm PVHCC")
    for component in world.components:
        if component.is_mandatory:
            page.locator(f"input[name=component_{component.pk}]").set_input_files(
                files=[{"name": "to-khai.pdf", "mimeType": "application/pdf", "buffer": pdf_bytes()}])
    page.get_by_role("button", name="Nộp hồ sơ").click()
    expect(page.locator("main")).to_contain_text("Mã hồ sơ")
    dossier = Dossier.objects.get()
    assert dossier.state == Dossier.State.SUBMITTED and dossier.applicant_identity_verified is True

    page.goto("/accounts/")
    page.locator("main").get_by_role("button", name="Đăng xuất").click()
    expect(page).to_have_url(live_server.url + "/")  # through the provider's logout, back home
    page.goto("/accounts/login/")
    page.get_by_role("link", name=BUTTON).click()
    # The provider's session ended too: it asks for the number and password again.
    expect(page.locator("input[name=cccd]")).to_be_visible()
    expect(page.get_by_role("button", name="Tiếp tục với tài khoản này")).to_have_count(0)
    assert violations == [], violations


def test_the_provider_down_says_so_on_the_portals_page(new_page, idp, screenshot):
    idp.admin(down_for_seconds=30)
    page = new_page(PHONE)
    page.goto("/accounts/login/")
    page.get_by_role("link", name=BUTTON).click()
    expect(page.get_by_role("heading", name="Chưa đăng nhập được bằng VNeID")).to_be_visible()
    expect(page.locator("main")).to_contain_text("Hệ thống VNeID hiện không phản hồi")
    expect(page.get_by_role("link", name="Đăng nhập bằng mật khẩu")).to_be_visible()
    screenshot(page, "provider-down")
    idp.admin(clear=True)
