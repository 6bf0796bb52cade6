"""The main menu in real Chromium: on a phone it folds behind a "Menu" button (static/js/nav.js) from which
every role can log out; on a 1366 px laptop every role's menu fits on one line."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import DESKTOP, PHONE, pass_second_factor
from tests.dossiers.factories import make_world
from tests.factories import UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "Mật-khẩu-2025!"  # tests.factories.UserFactory's
ROLES = ("citizen", "officer", "specialist", "leader", "clerk", "admin", "hotline")


@pytest.fixture
def world(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # argon2 is slow
    world = make_world()
    world.hotline = UserFactory(username="tongdai", role="hotline", agency=world.provincial_centre.agency)
    return world


def log_in(page, username):
    page.goto("/accounts/login/")
    page.locator("input[name=username]").fill(username)
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("main").get_by_role("button", name="Đăng nhập").click()
    pass_second_factor(page, username)
    expect(page.locator("body")).not_to_contain_text("không khớp")


def test_on_a_phone_every_role_opens_the_menu_and_logs_out(new_page, world, screenshot):
    for role in ROLES:
        page = new_page(PHONE)
        log_in(page, getattr(world, role).username)
        nav = page.get_by_role("navigation", name="Điều hướng chính")
        menu = nav.get_by_role("button", name="Menu")
        log_out = nav.get_by_role("button", name="Đăng xuất")
        expect(menu).to_have_attribute("aria-expanded", "false")
        expect(log_out).to_be_hidden()
        expect(nav.get_by_role("link", name="Tra cứu hồ sơ")).to_be_hidden()

        menu.click()
        expect(menu).to_have_attribute("aria-expanded", "true")
        expect(nav.get_by_role("link", name="Thủ tục hành chính")).to_be_visible()  # full labels in the list
        expect(log_out).to_be_in_viewport()
        if role in ("citizen", "leader", "admin"):
            screenshot(page, f"{role}-menu-open")
        page.keyboard.press("Escape")  # closes, focus back on the button
        expect(menu).to_have_attribute("aria-expanded", "false")
        expect(menu).to_be_focused()
        expect(log_out).to_be_hidden()

        menu.click()
        log_out.click()
        expect(log_out).to_have_count(0)
        nav.get_by_role("button", name="Menu").click()
        expect(nav.get_by_role("link", name="Đăng nhập")).to_be_visible()
        page.goto("/dossiers/mine/")
        assert "/accounts/login/" in page.url  # the session is gone


def test_without_javascript_the_phone_menu_stays_open(browser, live_server, world):
    context = browser.new_context(base_url=live_server.url, viewport=PHONE, locale="vi-VN", is_mobile=True,
                                  java_script_enabled=False)
    page = context.new_page()
    log_in(page, world.citizen.username)
    nav = page.get_by_role("navigation", name="Điều hướng chính")
    expect(nav.get_by_role("button", name="Menu")).to_be_hidden()
    nav.get_by_role("button", name="Đăng xuất").click()
    expect(nav.get_by_role("link", name="Đăng nhập")).to_be_visible()
    context.close()


@pytest.mark.parametrize("language", ["vi", "en"])
def test_on_a_laptop_every_roles_menu_fits_one_line(new_page, world, language, screenshot):
    for role in ROLES:
        page = new_page(DESKTOP)
        log_in(page, getattr(world, role).username)
        if language == "en":
            page.get_by_role("button", name="English").click()
        nav = page.locator("nav.mainnav")
        expect(nav.locator(".mainnav__toggle")).to_be_hidden()
        rows = page.evaluate("""() => {
            const tops = [...document.querySelectorAll('.mainnav li')].map(li => Math.round(li.getBoundingClientRect().top));
            return new Set(tops).size;
        }""")
        if role == "admin" or (role == "leader" and language == "vi"):
            screenshot(page, f"{role}-{language}-desktop")
        assert rows == 1, f"the {role}'s menu takes {rows} lines at 1366 px ({language})"
        expect(nav.get_by_role("button", name="Đăng xuất" if language == "vi" else "Log out")).to_be_visible()
