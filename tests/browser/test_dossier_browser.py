"""A dossier's whole life in real Chromium, each person in their own browser: the citizen submits online,
the one-stop officer receives it, the steps are completed, the leader approves and generates the result,
the clerk registers it, and the citizen collects the result online and rates the service."""

import pytest
from playwright.sync_api import expect

from dossiers.models import Dossier
from tests.browser.conftest import PHONE
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
    citizen.locator("select[name=centre]").select_option(label=world.centre.name)
    for component in world.components:
        if component.is_mandatory:
            citizen.locator(f"input[type=file][name$='{component.pk}']").set_input_files(str(paper))
    screenshot(citizen, "citizen-form")
    citizen.get_by_role("button", name="Nộp hồ sơ", exact=True).click()
    expect(citizen.locator("body")).to_contain_text("Đã nộp, chờ kiểm tra")
    dossier = Dossier.objects.get(applicant=world.citizen)
    assert dossier.state == "submitted"

    # The one-stop officer sees it on the desk and receives it.
    officer = log_in(new_page, world.officer.username)
    officer.goto("/dossiers/desk/")
    expect(officer.locator("body")).to_contain_text("Nguyễn Văn An")
    officer_act(officer, dossier.uuid, "Tiếp nhận hồ sơ")
    dossier.refresh_from_db()
    expect(officer.locator("body")).to_contain_text(dossier.code)
    screenshot(officer, "officer-received")
    officer.get_by_role("button", name="Hoàn thành, chuyển bước tiếp theo").click()

    # The specialist completes the examination; the leader approves and generates the result.
    specialist = log_in(new_page, world.specialist.username)
    specialist.goto("/dossiers/work/")
    expect(specialist.locator("body")).to_contain_text(dossier.code)
    officer_act(specialist, dossier.uuid, "Hoàn thành, chuyển bước tiếp theo")
    leader = log_in(new_page, world.leader.username)
    leader.goto(f"/dossiers/{dossier.uuid}/")
    leader.get_by_label("Tạo văn bản kết quả từ dữ liệu hồ sơ").check()
    screenshot(leader, "leader-approval")
    leader.get_by_role("button", name="Phê duyệt, ban hành kết quả").click()
    clerk = log_in(new_page, world.clerk.username)
    officer_act(clerk, dossier.uuid, "Hoàn thành, chuyển bước tiếp theo")
    dossier.refresh_from_db()
    assert dossier.state == "result_ready" and dossier.result_file

    # The citizen collects the result online: the download is the generated PDF.
    citizen.goto(f"/dossiers/{dossier.uuid}/")
    expect(citizen.locator("body")).to_contain_text("Đã có kết quả")
    with citizen.expect_response(lambda r: r.url.endswith(f"/dossiers/{dossier.uuid}/result/")) as answer:
        citizen.get_by_role("button", name="Nhận kết quả trực tuyến").click()
    assert answer.value.status == 200 and answer.value.header_value("content-type") == "application/pdf"
    assert citizen.request.get(f"/dossiers/{dossier.uuid}/result/").body()[:5] == b"%PDF-"
    citizen.goto(f"/dossiers/{dossier.uuid}/")
    citizen.get_by_label("Rất hài lòng").check()
    citizen.get_by_role("button", name="Gửi đánh giá").click()
    expect(citizen.locator("body")).to_contain_text("Rất hài lòng")
    screenshot(citizen, "citizen-rated")
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
