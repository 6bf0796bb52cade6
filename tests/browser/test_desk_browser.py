"""The one-stop desk in real Chromium, on a desktop (1366 px) and a phone (390 px): the queues with their
counts, a walk-in filed and received at the counter with its slip at hand, the papers previewed inside the
dossier's page under the Content-Security-Policy, and the centre select of the online form."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from playwright.sync_api import expect

from accounts.models import User
from dossiers.models import Dossier
from dossiers.services import (
    dossier_draft_save,
    dossier_request_supplement,
    dossier_submit,
    dossier_supplement,
)
from tests.browser.conftest import DESKTOP, PHONE, pass_second_factor
from tests.dossiers.factories import make_world, pdf_bytes, received, submitted
from tests.factories import AgencyFactory, CommuneFactory, ServiceCentreFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "Mật-khẩu-2025!"  # tests.factories.UserFactory's


@pytest.fixture
def world(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    return make_world()


def log_in(new_page, user: User, viewport=DESKTOP):
    """A page logged in as ``user`` that collects the browser's reports of what the CSP blocked."""
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


def test_the_desk_queues_with_their_counts(new_page, world, screenshot):
    submitted(world, name="Trần Văn Bình")
    back = submitted(world, name="Đỗ Văn Bổ")
    dossier_request_supplement(dossier=back, user=world.officer, reason="Ảnh mờ", items=["Giấy chứng sinh"])
    dossier_supplement(dossier=back, user=world.citizen, note="Đã chụp lại rõ nét")
    received(world, name="Lê Thị Hoa")
    for viewport, name in ((DESKTOP, "desktop"), (PHONE, "phone")):
        officer = log_in(new_page, world.officer, viewport)
        officer.goto("/dossiers/desk/")
        tabs = officer.locator(".queue-tabs a")
        expect(tabs).to_have_text(["Chờ kiểm tra 1", "Bổ sung trở lại 1", "Chờ trả kết quả 0", "Của tôi 1"])
        screenshot(officer, f"desk-{name}")
        tabs.nth(1).click()
        expect(officer.locator("table")).to_contain_text("Đỗ Văn Bổ")
        expect(officer.locator("table .badge--supplemented")).to_have_text("Đã bổ sung")
        screenshot(officer, f"desk-supplemented-{name}")
        assert officer.violations == [], officer.violations


def test_a_walk_in_is_received_at_the_counter_with_its_slip_ready(new_page, world, tmp_path, screenshot):
    paper = tmp_path / "to-khai.pdf"
    paper.write_bytes(pdf_bytes())
    officer = log_in(new_page, world.officer)
    officer.goto("/dossiers/counter/new/?procedure=1.001193")
    officer.locator("input[name=applicant_cccd]").fill("001195054321")
    officer.locator("input[name=applicant_name]").fill("Trần Thị Bích")
    for component in world.components:
        if component.is_mandatory:
            officer.locator(f"input[type=file][name='component_{component.pk}']").set_input_files(str(paper))
    officer.get_by_role("button", name="Tiếp nhận hồ sơ", exact=True).click()

    dossier = Dossier.objects.get(applicant_cccd="001195054321")
    assert dossier.state == "received" and dossier.code
    expect(officer.locator(".messages")).to_contain_text(f"Đã tiếp nhận hồ sơ của Trần Thị Bích, mã hồ sơ {dossier.code}")
    slip = officer.get_by_role("link", name="In Giấy tiếp nhận hồ sơ và hẹn trả kết quả (Mẫu 01)").first
    expect(slip).to_be_visible()
    screenshot(officer, "counter-received")
    assert officer.request.get(slip.get_attribute("href")).body()[:5] == b"%PDF-"
    assert officer.violations == [], officer.violations


def scan_png() -> bytes:
    """A photographed paper: 640 × 400, a coloured band and some ruled lines."""
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (640, 400), "#f7f3e8")
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 0, 640, 60), fill="#a0191e")
    for y in range(100, 380, 30):
        draw.line((40, y, 600, y), fill="#5d6470", width=2)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


def test_papers_preview_inside_the_dossier_page_under_the_policy(new_page, world, screenshot):
    photo = world.components[1]
    uploads = {**world.uploads(), photo.pk: SimpleUploadedFile("giay-chung-sinh.png", scan_png(),
                                                               content_type="image/png")}
    draft = dossier_draft_save(citizen=world.citizen, version=world.version, centre=world.centre,
                               applicant=world.applicant(), uploads=uploads)
    dossier = dossier_submit(dossier=draft, citizen=world.citizen)
    pdf = dossier.files.get(content_type="application/pdf")

    officer = log_in(new_page, world.officer)
    officer.goto(f"/dossiers/{dossier.uuid}/")
    frame = officer.locator("iframe.preview__frame")
    expect(frame).to_be_hidden()
    with officer.expect_response(lambda r: f"/files/{pdf.pk}/?view=1" in r.url) as framed:
        officer.locator("details.preview summary").first.click()
    assert framed.value.header_value("content-disposition").startswith("inline")
    assert framed.value.header_value("content-security-policy").startswith("sandbox")
    expect(frame).to_be_visible()
    officer.locator("details.preview summary").nth(1).click()
    image = officer.locator("img.preview__image")
    expect(image).to_be_visible()
    # The PNG itself, drawn in the page (once loaded: it is fetched when the preview opens).
    officer.wait_for_function("() => document.querySelector('img.preview__image').naturalWidth === 640")
    officer.wait_for_load_state("networkidle")
    officer.wait_for_timeout(1000)  # the PDF viewer paints after the frame's load
    screenshot(officer, "officer-preview-desktop")
    assert officer.violations == [], officer.violations

    citizen = log_in(new_page, world.citizen, PHONE)
    citizen.goto(f"/dossiers/{dossier.uuid}/")
    citizen.get_by_text("Xem", exact=True).last.click()
    expect(citizen.locator("img.preview__image")).to_be_visible()
    citizen.wait_for_function("() => document.querySelector('img.preview__image').naturalWidth === 640")
    expect(citizen.get_by_role("link", name="mở tệp ở trang riêng").first).to_be_attached()
    screenshot(citizen, "citizen-preview-phone")
    assert citizen.violations == [], citizen.violations
    wide = log_in(new_page, world.citizen)
    wide.goto(f"/dossiers/{dossier.uuid}/")
    wide.get_by_text("Xem", exact=True).first.click()
    expect(wide.locator("iframe.preview__frame")).to_be_visible()
    wide.wait_for_timeout(1000)
    screenshot(wide, "citizen-preview-desktop")
    assert wide.violations == [], wide.violations


def test_the_centre_select_reads_on_a_phone_and_starts_at_the_citizens_commune(new_page, world, screenshot):
    for name in ("Phường Hiệp Hòa", "Phường Hà An", "Xã Ba Chẽ"):
        unit = CommuneFactory(name=name, parent=world.centre.unit.parent)
        world.version.centres.add(ServiceCentreFactory(
            name=f"Trung tâm Phục vụ hành chính công {name.lower()}", level="commune", unit=unit,
            agency=AgencyFactory(unit=unit)))
    world.citizen.address = "Tổ 4, khu 1, phường Hiệp Hòa, tỉnh Quảng Ninh"
    world.citizen.save()

    citizen = log_in(new_page, world.citizen, PHONE)
    citizen.goto("/dossiers/new/1.001193/")
    select = citizen.locator("select[name=centre]")
    labels = select.locator("option").all_text_contents()[1:]
    assert labels == ["Tỉnh Quảng Ninh — Trung tâm PVHCC tỉnh", "Phường Hà An — Trung tâm PVHCC",
                      "Phường Hạ Long — Trung tâm PVHCC", "Phường Hiệp Hòa — Trung tâm PVHCC",
                      "Xã Ba Chẽ — Trung tâm PVHCC"]
    assert select.evaluate("s => s.options[s.selectedIndex].text") == "Phường Hiệp Hòa — Trung tâm PVHCC"
    # On a 390 px screen the select shows the start of the chosen option: the commune is in it.
    assert select.bounding_box()["width"] <= 390
    select.scroll_into_view_if_needed()
    screenshot(citizen, "centre-select-phone")
    assert citizen.violations == [], citizen.violations
