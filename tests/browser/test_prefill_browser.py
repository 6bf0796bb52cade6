"""Identity prefill with JavaScript, in real Chromium against the mock NPSP process: the "Tra cứu" button
fills the online form in place (no reload), and the saved dossier records the fields."""

import pytest
from playwright.sync_api import expect

from dossiers.models import Dossier
from tests.browser.conftest import PHONE
from tests.dossiers.factories import make_world
from tests.nationalportal import conftest as mock_npsp

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
npsp_process, npsp = mock_npsp.npsp_process, mock_npsp.npsp
PASSWORD = "Mật-khẩu-2025!"  # tests.factories.UserFactory's


@pytest.fixture
def world(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.NPSP_LOOKUP_TIMEOUT_SECONDS = 0.5
    return make_world()


def test_look_up_fills_the_online_form_in_place_and_the_draft_records_it(new_page, world, npsp, screenshot):
    page = new_page(PHONE)
    page.goto("/accounts/login/")
    page.locator("input[name=username]").fill(world.citizen.username)
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("main").get_by_role("button", name="Đăng nhập").click()
    page.goto("/dossiers/new/1.001193/")
    page.locator("select[name=centre]").select_option(label="Phường Hạ Long — Trung tâm PVHCC")
    page.locator("input[name=applicant_address]").fill("")
    page.locator("textarea[name=description]").fill("Khai sinh cho bé Bình")

    page.evaluate("window.stillTheSamePage = true")  # gone if the button reloaded the page
    page.get_by_role("button", name="Tra cứu").click()
    expect(page.get_by_role("status")).to_contain_text("Hãy đánh dấu ô đồng ý trước")
    page.locator("input[name=registry_consent]").check()
    page.get_by_role("button", name="Tra cứu").click()
    expect(page.get_by_role("status")).to_contain_text("Đã điền thông tin từ Cơ sở dữ liệu quốc gia về dân cư")
    expect(page.locator("input[name=applicant_address]")).to_have_value("Tổ 1, khu 2, phường Hạ Long, tỉnh Quảng Ninh")
    expect(page.locator("textarea[name=description]")).to_have_value("Khai sinh cho bé Bình")
    assert page.evaluate("window.stillTheSamePage === true")
    screenshot(page, "prefilled")

    npsp.admin(down_for_seconds=30)
    page.get_by_role("button", name="Tra cứu").click()
    expect(page.get_by_role("status")).to_contain_text("hiện không phản hồi")
    expect(page.locator("input[name=applicant_address]")).to_have_value("Tổ 1, khu 2, phường Hạ Long, tỉnh Quảng Ninh")

    page.get_by_role("button", name="Lưu nháp").click()
    expect(page.locator("main")).to_contain_text("Đã lưu nháp hồ sơ")
    dossier = Dossier.objects.get()
    assert dossier.registry_fields == ["applicant_name", "applicant_address"]
