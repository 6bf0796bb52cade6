"""Notifications in real Chromium: a citizen chooses channels on a phone and a laptop, sees on their dossier's
page the SMS sent about it, and the mock SMS gateway's own page lists the message a person would receive."""

import pytest
from playwright.sync_api import expect

from notifications.models import Notification, Preference
from notifications.services import notification_deliver
from tests.browser.conftest import DESKTOP, PHONE
from tests.dossiers.factories import make_world, received
from tests.notifications.conftest import ADMIN, sms, sms_process  # noqa: F401 - the mock gateway fixtures

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "Mật-khẩu-2025!"  # tests.factories.UserFactory's


@pytest.fixture
def world(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    return make_world()


def log_in(new_page, user, viewport):
    page = new_page(viewport)
    page.goto("/accounts/login/")
    page.locator("input[name=username]").fill(user.username)
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("main").get_by_role("button", name="Đăng nhập").click()
    expect(page.locator("body")).not_to_contain_text("không khớp")
    return page


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_a_citizen_chooses_channels_and_sees_the_sms_on_the_dossier_and_in_the_gateway(new_page, world, sms,  # noqa: F811
                                                                                       screenshot, viewport):
    citizen = world.citizen
    citizen.phone = "0912345678"
    citizen.save()
    dossier = received(world)
    row = Notification.objects.get(dossier_id=dossier.pk, template="dossier.received", channel="sms")
    notification_deliver(notification_id=row.pk)

    page = log_in(new_page, citizen, viewport)
    page.goto("/accounts/")
    page.get_by_role("link", name="Nhận thông báo qua SMS, Zalo và thư điện tử").click()
    expect(page.get_by_role("heading", name="Cách nhận thông báo về hồ sơ")).to_be_visible()
    expect(page.locator("#id_sms")).to_be_checked()
    expect(page.locator("main")).to_contain_text("0912•••678")
    screenshot(page, "preferences")
    page.locator("#id_zalo").check()
    page.get_by_role("button", name="Lưu").click()
    expect(page.locator("main")).to_contain_text("Đã lưu lựa chọn")
    expect(page.locator("#id_zalo")).to_be_checked()
    assert Preference.objects.get(user=citizen).zalo

    page.goto(f"/dossiers/{dossier.uuid}/")
    panel = page.locator("#notifications")
    expect(panel).to_contain_text("Tin nhắn đã gửi cho bạn")
    expect(panel).to_contain_text("0912•••678")
    expect(panel).to_contain_text("Đã gửi")
    panel.scroll_into_view_if_needed()
    screenshot(page, "dossier-panel")

    officer = log_in(new_page, world.officer, viewport)
    officer.goto(f"/dossiers/{dossier.uuid}/")
    theirs = officer.locator("#notifications")
    expect(theirs).to_contain_text("Thông báo đã gửi")
    expect(theirs).to_contain_text("0912•••678")
    expect(theirs).not_to_contain_text("Ông/Bà")
    theirs.scroll_into_view_if_needed()
    screenshot(officer, "officer-panel")

    gateway = new_page(viewport)
    gateway.goto(f"{sms.url}/?token={ADMIN}")
    expect(gateway.locator("body")).to_contain_text(f"Ho so {dossier.code}")
    expect(gateway.locator("body")).to_contain_text("0912345678")
    screenshot(gateway, "sms-gateway")
    width = gateway.evaluate("document.documentElement.scrollWidth")
    assert width <= viewport["width"]
