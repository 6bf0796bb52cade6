"""A dossier's whole life in real Chromium, each person in their own browser: the citizen submits online,
the one-stop officer receives it, the specialist generates the draft result, the leader approves it as
shown, the clerk numbers it in the ward's outgoing register, the citizen receives the electronic result
online, the officer hands the paper original over at the counter and the citizen rates the service."""

import pytest
from playwright.sync_api import expect

from dossiers.models import Dossier
from tests.browser.conftest import PHONE, pass_second_factor
from tests.dossiers.factories import make_world, pdf_bytes

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "Mật-khẩu-2025!"  # tests.factories.UserFactory's


@pytest.fixture
def world(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # argon2 is slow
    return make_world()


def log_in(new_page, username, *, viewport=None):
    page = new_page(viewport) if viewport else new_page()
    page.goto("/accounts/login/")
    page.locator("input[name=username]").fill(username)
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("main").get_by_role("button", name="Đăng nhập").click()
    pass_second_factor(page, username)
    expect(page.locator("body")).not_to_contain_text("Please enter a correct")
    return page


def officer_act(page, uuid, button_name):
    page.goto(f"/dossiers/{uuid}/")
    page.get_by_role("button", name=button_name).click()


def test_a_dossier_from_online_submission_to_a_rated_result(new_page, world, tmp_path, screenshot):
    paper = tmp_path / "giay-chung-sinh.pdf"
    paper.write_bytes(pdf_bytes())

    # The citizen, on a phone, finds the procedure and submits online.
    citizen = log_in(new_page, world.citizen.username, viewport=PHONE)
    citizen.goto("/procedures/1.001193/")
    citizen.get_by_role("link", name="Nộp hồ sơ trực tuyến").click()
    centre = citizen.locator("select[name=centre]")
    centre.select_option(label="Phường Hạ Long — Trung tâm PVHCC")  # the distinguishing name first
    for component in world.components:
        if component.is_mandatory:
            citizen.locator(f"input[type=file][name$='{component.pk}']").set_input_files(str(paper))
    screenshot(citizen, "citizen-form")
    citizen.get_by_role("button", name="Nộp hồ sơ", exact=True).click()
    expect(citizen.locator("body")).to_contain_text("Đã nộp, chờ kiểm tra")
    dossier = Dossier.objects.get(applicant=world.citizen)
    assert dossier.state == "submitted" and dossier.code
    expect(citizen.locator(".messages")).to_contain_text(f"với mã hồ sơ {dossier.code}")  # tracked from now on

    # The one-stop officer sees it on the desk and receives it: one click hands it to the specialist.
    officer = log_in(new_page, world.officer.username)
    officer.goto("/dossiers/desk/")
    expect(officer.locator(".queue-tabs a[aria-current=page]")).to_contain_text("Chờ kiểm tra 1")
    expect(officer.locator("body")).to_contain_text("Nguyễn Văn An")
    officer_act(officer, dossier.uuid, "Tiếp nhận hồ sơ")
    expect(officer.locator("body")).to_contain_text(dossier.code)
    expect(officer.locator("#actions")).to_contain_text("Bước hiện tại: 2.")
    screenshot(officer, "officer-received")

    # The specialist generates the draft result from the template and completes the examination.
    specialist = log_in(new_page, world.specialist.username)
    specialist.goto("/dossiers/work/")
    expect(specialist.locator("body")).to_contain_text(dossier.code)
    specialist.goto(f"/dossiers/{dossier.uuid}/")
    specialist.get_by_label("Tạo dự thảo từ mẫu của thủ tục").check()
    specialist.get_by_role("button", name="Đính kèm dự thảo kết quả").click()
    expect(specialist.locator("body")).to_contain_text(f"du-thao-ket-qua-{dossier.code}.pdf")
    screenshot(specialist, "specialist-draft")
    specialist.set_viewport_size(PHONE)
    screenshot(specialist, "specialist-draft-phone")
    specialist.get_by_role("button", name="Hoàn thành, chuyển bước tiếp theo").click()

    # The leader sees the draft in the approval page and approves it: no file to upload again.
    leader = log_in(new_page, world.leader.username)
    leader.goto(f"/dossiers/{dossier.uuid}/")
    expect(leader.locator("iframe.draft-preview")).to_be_visible()
    expect(leader.locator("body")).to_contain_text("Để trống để ban hành dự thảo kết quả hiển thị trên trang này.")
    screenshot(leader, "leader-approval")
    leader.set_viewport_size(PHONE)
    screenshot(leader, "leader-approval-phone")
    leader.get_by_role("button", name="Phê duyệt kết quả").click()
    # The ward's clerk numbers it in the outgoing register ("vào sổ"): its number is on its face.
    clerk = log_in(new_page, world.clerk.username)
    officer_act(clerk, dossier.uuid, "Vào sổ, cấp số và chuyển kết quả về bộ phận một cửa")
    expect(clerk.locator(".messages")).to_contain_text("số 01/TLKS-UBND")
    dossier.refresh_from_db()
    assert dossier.state == "result_ready" and dossier.result_file and dossier.result_document.code_number == "01"

    # The citizen receives the electronic result by a confirmed act: it opens in the viewer.
    citizen.goto(f"/dossiers/{dossier.uuid}/")
    expect(citizen.locator("body")).to_contain_text("Đã có kết quả")
    screenshot(citizen, "citizen-result-ready")
    assert citizen.request.get(f"/dossiers/{dossier.uuid}/result/").status == 404  # not received yet
    citizen.get_by_label("Tôi xác nhận đã nhận kết quả điện tử của hồ sơ này trên tài khoản của mình.").check()
    citizen.get_by_role("button", name="Nhận kết quả điện tử").click()
    expect(citizen.locator("body")).to_contain_text("Bạn đã nhận kết quả điện tử.")
    assert citizen.request.get(f"/dossiers/{dossier.uuid}/result/").body()[:5] == b"%PDF-"
    citizen.goto(f"/dossiers/{dossier.uuid}/")
    screenshot(citizen, "citizen-received-electronic")
    dossier.refresh_from_db()
    assert dossier.state == "result_ready"  # the birth certificate's paper original is still owed

    # The one-stop officer hands the paper original over at the counter: the dossier is closed.
    officer.goto(f"/dossiers/{dossier.uuid}/")
    expect(officer.locator("body")).to_contain_text("Người nộp hồ sơ đã nhận trực tuyến lúc")
    screenshot(officer, "officer-hand-over")
    officer.set_viewport_size(PHONE)
    screenshot(officer, "officer-hand-over-phone")
    officer.get_by_role("button", name="Trả bản chính kết quả tại quầy").click()
    expect(officer.locator("body")).to_contain_text("hồ sơ đã kết thúc")
    dossier.refresh_from_db()
    assert dossier.state == "returned"

    citizen.goto(f"/dossiers/{dossier.uuid}/")
    citizen.get_by_label("Rất hài lòng").check()
    citizen.get_by_role("button", name="Gửi đánh giá").click()
    expect(citizen.locator("body")).to_contain_text("Rất hài lòng")
    screenshot(citizen, "citizen-rated")
    citizen.set_viewport_size({"width": 1366, "height": 900})
    screenshot(citizen, "citizen-rated-desktop")
    dossier.refresh_from_db()
    assert dossier.state == "returned" and dossier.rating.score == "very_satisfied"


def test_a_supplement_request_ticked_from_the_papers_and_answered(new_page, world, tmp_path, screenshot):
    from tests.dossiers.factories import received

    dossier = received(world)
    paper = tmp_path / "chung-sinh-ro.pdf"
    paper.write_bytes(pdf_bytes())

    # The officer opens the request form: the procedure's papers to tick, other papers to type, a reason.
    officer = log_in(new_page, world.officer.username)
    officer.goto(f"/dossiers/{dossier.uuid}/")
    form = officer.locator("#action-request_supplement")
    form.locator("summary").click()
    form.get_by_label("Lý do").fill("Giấy chứng sinh bị mờ")
    form.get_by_role("button", name="Yêu cầu bổ sung, hoàn thiện hồ sơ").click()  # nothing ticked or typed
    expect(form).to_contain_text("Chọn ít nhất một thành phần hồ sơ")
    expect(form.get_by_label("Lý do")).to_have_value("Giấy chứng sinh bị mờ")
    form.get_by_label("Giấy chứng sinh").check()
    form.get_by_label("Giấy tờ, nội dung khác cần bổ sung, hoàn thiện").fill("Bản dịch có chứng thực")
    screenshot(officer, "officer-checklist")
    form.get_by_role("button", name="Yêu cầu bổ sung, hoàn thiện hồ sơ").click()
    expect(officer.locator("body")).to_contain_text("Bản dịch có chứng thực")

    # The citizen, on a phone, sees the same list; the ticked paper leads to its upload field.
    citizen = log_in(new_page, world.citizen.username, viewport=PHONE)
    citizen.goto(f"/dossiers/{dossier.uuid}/")
    items = citizen.locator(".supplement-items li")
    expect(items).to_have_text(["Giấy chứng sinh", "Bản dịch có chứng thực"])
    items.get_by_role("link", name="Giấy chứng sinh").click()
    field = citizen.locator(f"#id_component_{world.components[1].pk}")
    expect(field).to_be_in_viewport()
    screenshot(citizen, "citizen-request")
    field.set_input_files(str(paper))
    citizen.get_by_role("button", name="Gửi hồ sơ bổ sung").click()
    dossier.refresh_from_db()
    assert dossier.state == "received"
