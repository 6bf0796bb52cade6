"""The readiness board in real Chromium: the provincial admin reads the province's page and a commune's, on a
desktop and on a phone; the ward's chair, on a phone, confirms the equipment and the training with a note,
and the ward turns ready."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import PHONE, pass_second_factor
from tests.reports.readiness_world import world_make

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "Mật-khẩu-2025!"  # tests.factories.UserFactory's

@pytest.fixture(autouse=True)
def _fast_and_own_media(settings, tmp_path):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.MEDIA_ROOT = tmp_path / "media"



@pytest.fixture
def world(settings):
    settings.SIGNATURES_KEY_BITS = 2048
    world = world_make()
    world.commune_ready("Phường Bãi Cháy")
    world.commune("Xã Vĩnh Thực")
    return world


def log_in(new_page, username, viewport=None):
    page = new_page(viewport) if viewport else new_page()
    page.goto("/accounts/login/")
    page.locator("input[name=username]").fill(username)
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("main").get_by_role("button", name="Đăng nhập").click()
    pass_second_factor(page, username)
    return page


def test_the_admin_reads_the_board_and_the_chair_confirms_what_no_data_shows(new_page, world, screenshot):
    ready, bare = world.communes
    admin = log_in(new_page, "quantri")
    admin.goto("/reports/readiness/")
    expect(admin.locator("h1")).to_have_text("Bảng theo dõi mức độ sẵn sàng vận hành")
    row = admin.locator("tr", has_text="Phường Bãi Cháy")
    expect(row).to_contain_text("Chưa đạt")
    expect(row).to_contain_text("Trang thiết bị tại Bộ phận Một cửa")
    expect(admin.locator("tr", has_text="Xã Vĩnh Thực")).to_contain_text("Tài khoản cán bộ, công chức theo từng vai trò")
    screenshot(admin, "board-desktop")
    admin.get_by_role("link", name="Xã Vĩnh Thực").click()
    expect(admin.locator("h1")).to_have_text("Xã Vĩnh Thực")
    todo = admin.locator("section.readiness-todo")
    expect(todo).to_contain_text("Chưa có tài khoản đang hoạt động của văn thư.")
    expect(todo.get_by_role("link", name="Tạo sổ đăng ký →")).to_be_visible()
    screenshot(admin, "commune-desktop")

    phone = log_in(new_page, "quantri", PHONE)
    phone.goto("/reports/readiness/")
    expect(phone.locator("h1")).to_be_visible()
    screenshot(phone, "board-phone")
    phone.goto(f"/reports/readiness/{world.province.code}/")
    expect(phone.locator("h1")).to_contain_text("cấp tỉnh")
    expect(phone.locator("#item-npsp")).to_contain_text("Kết nối thành công gần nhất")  # the procedures were taken
    expect(phone.locator("#item-population")).to_contain_text("chưa trả lời lần tra cứu nào")
    screenshot(phone, "province-phone")

    chair = log_in(new_page, ready.leader.username, PHONE)
    chair.goto("/reports/readiness/")
    expect(chair.locator("h1")).to_have_text("Phường Bãi Cháy")  # their own commune's page
    for key, note in (("equipment", "Đủ 4 máy tính, 2 máy quét, máy lấy số"), ("training", "Tập huấn ngày 25/6")):
        item = chair.locator(f"#item-{key}")
        item.get_by_label("Đã xong").check()
        item.get_by_label("Ghi chú (nội dung đã kiểm tra, người kiểm tra)").fill(note)
        item.get_by_role("button", name="Lưu").click()
        expect(chair.locator(".messages")).to_contain_text("Đã lưu")
        expect(chair.locator(f"#item-{key}")).to_contain_text(note)
    expect(chair.locator(".readiness-head")).to_contain_text("Đã đạt")
    expect(chair.locator("section.readiness-todo")).to_contain_text("Tất cả tiêu chí đã đạt.")
    screenshot(chair, "commune-ready-phone")

    admin.goto(f"/reports/readiness/{ready.unit.code}/")
    expect(admin.locator("#item-equipment")).to_contain_text(f"{ready.leader.full_name} xác nhận lúc")
    screenshot(admin, "commune-ready-desktop")
