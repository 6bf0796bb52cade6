"""Digital signatures in real Chromium, each person in their own browser: the provincial admin registers
and approves the leader's certificate request, the leader chooses a PIN, then signs a dossier's result at
the approval step after reading it in the page; the clerk numbers it and the agency's certificate signs it;
the citizen downloads the signed result and the public page verifies both signatures."""

import pytest
from playwright.sync_api import expect

from dossiers.services import step_complete
from signatures import services as signature_services
from signatures.models import Certificate
from tests.browser.conftest import PHONE
from tests.browser.test_dossier_browser import log_in
from tests.dossiers.factories import make_world, received

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PIN = "482915"


@pytest.fixture
def world(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.SIGNATURES_KEY_BITS = 2048
    signature_services.ca_init()
    world = make_world()
    request = signature_services.certificate_request_create(admin=world.admin, agency=world.commune_agency)
    signature_services.certificate_request_approve(request=request, admin=world.admin)  # the ward's own
    return world


def test_a_certificate_issued_used_to_sign_a_result_and_verified(new_page, world, tmp_path, screenshot):
    dossier = received(world)
    step_complete(dossier=dossier, position=2, user=world.specialist)

    # The provincial admin registers the leader's request and approves it.
    admin = log_in(new_page, world.admin.username)
    admin.goto("/signatures/manage/requests/new/")
    admin.get_by_label("Cán bộ được cấp chứng thư số").select_option(label="Hoàng Văn Em — Lãnh đạo, "
                                                                          f"{world.commune_agency.name}")
    admin.get_by_role("button", name="Đăng ký đề nghị").click()
    expect(admin.locator("body")).to_contain_text("Chờ xét duyệt")
    screenshot(admin, "admin-requests")
    admin.get_by_role("button", name="Phê duyệt").click()
    expect(admin.locator("body")).to_contain_text("Đã duyệt, chờ phát hành")

    # The leader chooses a PIN: the certificate is issued.
    leader = log_in(new_page, world.leader.username)
    leader.goto("/signatures/mine/")
    leader.get_by_label("Chọn mã PIN (từ 6 đến 32 ký tự)").fill(PIN)
    leader.get_by_label("Nhập lại mã PIN").fill(PIN)
    screenshot(leader, "leader-choose-pin")
    leader.get_by_role("button", name="Phát hành chứng thư số").click()
    certificate = Certificate.objects.get(holder=world.leader)
    expect(leader.locator("body")).to_contain_text(certificate.serial)

    # At the approval step the leader generates the result from the template and reads it in the page; a
    # wrong PIN is refused, the right one signs exactly what was shown.
    leader.goto(f"/dossiers/{dossier.uuid}/")
    leader.get_by_label("Tạo dự thảo từ mẫu của thủ tục").check()
    leader.get_by_role("button", name="Đính kèm dự thảo kết quả").click()
    expect(leader.locator("iframe.draft-preview")).to_be_visible()
    leader.get_by_label("Mã PIN chứng thư số của đồng chí").fill("000000")
    leader.get_by_role("button", name="Phê duyệt, ký số kết quả").click()
    expect(leader.locator("body")).to_contain_text("Sai mã PIN. Còn 4 lần thử")
    expect(leader.locator("iframe.draft-preview")).to_be_visible()
    leader.get_by_label("Mã PIN chứng thư số của đồng chí").fill(PIN)
    screenshot(leader, "leader-sign")
    leader.get_by_role("button", name="Phê duyệt, ký số kết quả").click()
    expect(leader.locator("body")).to_contain_text("đã được ký số")
    dossier.refresh_from_db()
    assert dossier.result_signed_by == certificate.serial

    # The ward's clerk numbers it; the citizen downloads it and checks it on the public page, on a phone.
    clerk = log_in(new_page, world.clerk.username)
    clerk.goto(f"/dossiers/{dossier.uuid}/")
    clerk.get_by_role("button", name="Vào sổ, cấp số và chuyển kết quả về bộ phận một cửa").click()
    expect(clerk.locator(".messages")).to_contain_text("số 01/TLKS-UBND")
    citizen = log_in(new_page, world.citizen.username, viewport=PHONE)
    citizen.goto(f"/dossiers/{dossier.uuid}/")
    citizen.get_by_label("Tôi xác nhận đã nhận kết quả điện tử của hồ sơ này trên tài khoản của mình.").check()
    citizen.get_by_role("button", name="Nhận kết quả điện tử").click()
    expect(citizen.locator("body")).to_contain_text("Bạn đã nhận kết quả điện tử.")
    result = tmp_path / "ket-qua.pdf"
    result.write_bytes(citizen.request.get(f"/dossiers/{dossier.uuid}/result/").body())
    citizen.goto(f"/dossiers/{dossier.uuid}/")
    expect(citizen.locator("body")).to_contain_text("Kết quả đã được cơ quan ký số")
    citizen.goto("/signatures/verify/")
    citizen.locator("input[type=file]").set_input_files(str(result))
    citizen.get_by_role("button", name="Xác thực", exact=True).click()
    expect(citizen.locator("body")).to_contain_text("Văn bản còn nguyên vẹn và mọi chữ ký số đều hợp lệ.")
    expect(citizen.locator("body")).to_contain_text("Chữ ký số 1: Hoàng Văn Em")
    expect(citizen.locator("body")).to_contain_text("Chữ ký số 2: Ủy ban nhân dân phường Hạ Long")
    screenshot(citizen, "citizen-verified")
