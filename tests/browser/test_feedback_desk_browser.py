"""The officials' petition pages and the hotline desk in real Chromium, on a laptop (1366 px) and a phone
(390 px): the hotline officer looks a dossier up without leaving the form (static/feedback/hotline.js, under the
Content-Security-Policy) and opens a petition for the caller; the leader finds it in the worklist, classifies it
from its page, and the dossier's officials see it on the dossier's page."""

import pytest
from playwright.sync_api import expect

from accounts.models import User
from feedback.models import HotlineCall, Petition
from feedback.services import petition_classify, petition_forward
from tests.browser.conftest import DESKTOP, PHONE, pass_second_factor
from tests.dossiers.factories import received
from tests.feedback.factories import answered, filed, make_feedback_world

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "Mật-khẩu-2025!"  # tests.factories.UserFactory's


@pytest.fixture
def world(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    return make_feedback_world()


def log_in(new_page, user: User, viewport=DESKTOP):
    page = new_page(viewport)
    page.violations = []
    page.on("console", lambda message: page.violations.append(message.text)
            if "Content Security Policy" in message.text else None)
    page.goto("/accounts/login/")
    page.locator("input[name=username]").fill(user.username)
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("main").get_by_role("button", name="Đăng nhập").click()
    pass_second_factor(page, user.username)
    expect(page.locator("body")).not_to_contain_text("không khớp")
    return page


def test_the_hotline_officer_looks_a_dossier_up_and_opens_a_petition(new_page, world, screenshot):
    dossier = received(world.base)
    for viewport, name in ((DESKTOP, "desktop"), (PHONE, "phone")):
        page = log_in(new_page, world.hotline, viewport)
        calls = HotlineCall.objects.count()
        expect(page).to_have_url(f"{page.url.split('/feedback/')[0]}/feedback/hotline/")  # the desk is home
        page.get_by_label("Số điện thoại người gọi").fill("0912 345 678")
        page.get_by_label("Họ tên người gọi").fill("Nguyễn Văn An")
        page.get_by_label("Nội dung người gọi trình bày").fill("Hồ sơ khai sinh nộp đã lâu, cán bộ hẹn đi hẹn lại.")
        petition_fields = page.locator("[data-petition-fields]")
        expect(petition_fields).to_be_hidden()  # until "open a petition" is chosen
        page.get_by_label("Mã hồ sơ").fill(dossier.code)
        page.get_by_role("button", name="Tra cứu").first.click()
        state = page.locator("#dossier-state")
        expect(state).to_contain_text("Đăng ký khai sinh")
        expect(state).to_contain_text("Đúng hạn.")
        expect(page.get_by_label("Nội dung người gọi trình bày")).to_have_value(
            "Hồ sơ khai sinh nộp đã lâu, cán bộ hẹn đi hẹn lại.")  # nothing reloaded
        assert HotlineCall.objects.count() == calls  # a look-up saves nothing
        page.get_by_label("Đã lập phản ánh, kiến nghị").check()
        expect(petition_fields).to_be_visible()
        page.get_by_label("Tiêu đề phản ánh, kiến nghị").fill("Hồ sơ khai sinh bị hẹn nhiều lần")
        page.get_by_label("Địa chỉ người gọi").fill("Tổ 1, khu 2, phường Hạ Long")
        screenshot(page, f"hotline-desk-{name}")
        page.get_by_role("button", name="Lưu cuộc gọi").click()
        expect(page.locator(".messages")).to_contain_text("Đã ghi nhận cuộc gọi và lập phản ánh, kiến nghị PAKN-")
        expect(page.locator(".calls-today")).to_contain_text("0912345678")
        assert page.violations == []
    assert Petition.objects.filter(channel="hotline", recorded_by=world.hotline, dossier=dossier).count() == 2


def test_the_leader_works_the_worklist_and_classifies_from_the_petition_page(new_page, world, screenshot):
    # Petitions about dossiers go to the agency handling them: the commune's, whose leader works them here.
    fee = filed(world, title="Phí chứng thực thu cao hơn quy định", dossier_code=received(world.base).code)
    rude = filed(world, title="Cán bộ tiếp nhận thái độ không đúng mực", dossier_code=received(world.base).code)
    petition_classify(petition=rude, actor=world.leader, category="conduct", handler=world.specialist)
    dossier = received(world.base)
    petition = filed(world, title="Hồ sơ khai sinh bị hẹn nhiều lần", dossier_code=dossier.code)
    assert fee.agency == petition.agency == world.commune_agency
    for viewport, name in ((DESKTOP, "desktop"), (PHONE, "phone")):
        page = log_in(new_page, world.leader, viewport)
        page.goto("/feedback/desk/?tab=all")
        expect(page.locator(".queue-tabs a[aria-current=page]")).to_contain_text("Tất cả")
        screenshot(page, f"worklist-{name}")
        page.goto(f"/feedback/desk/{petition.uuid}/")
        expect(page.get_by_role("heading", name="Tiếp nhận và phân loại")).to_be_visible()
        screenshot(page, f"petition-{name}")
        assert page.violations == []
    page.get_by_label("Nhóm nội dung (Điều 5 Nghị định 20/2008)").select_option("conduct")
    page.locator("#action-classify").get_by_role("button", name="Tiếp nhận và phân loại").click()
    expect(page.locator(".messages")).to_contain_text(f"Đã tiếp nhận phản ánh, kiến nghị {petition.code}.")
    petition.refresh_from_db()
    assert petition.state == Petition.State.IN_PROGRESS
    # The dossier's specialist sees it on the dossier's page.
    specialist = log_in(new_page, world.specialist, PHONE)
    specialist.goto(f"/dossiers/{dossier.uuid}/")
    expect(specialist.locator("#petitions")).to_contain_text(petition.code)
    screenshot(specialist, "dossier-panel-phone")


def test_the_admin_reads_the_figures(new_page, world, screenshot):
    answered(world)
    petition_forward(petition=filed(world), actor=world.centre_leader, agency=world.justice)
    for viewport, name in ((DESKTOP, "desktop"), (PHONE, "phone")):
        page = log_in(new_page, world.admin, viewport)
        page.goto("/feedback/figures/")
        expect(page.get_by_role("heading", name="Theo cơ quan")).to_be_visible()
        expect(page.locator(".figure-tiles")).to_contain_text("2")
        screenshot(page, f"figures-{name}")
