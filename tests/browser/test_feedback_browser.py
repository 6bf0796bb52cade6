"""A petition's whole way in real Chromium (issue 14): a citizen files it on a phone from their dossier's page,
with a photo, and gets its code; on a laptop the official of the agency holding the dossier classifies it and
proposes an answer, and the leader approves it for publication at once; a visitor on a phone finds the answer
by typing without diacritics, with the citizen's name masked; the citizen rates it "satisfied"."""

import re

import pytest
from playwright.sync_api import expect

from accounts.models import User
from feedback.models import Petition
from tests.browser.conftest import DESKTOP, PHONE, pass_second_factor
from tests.dossiers.factories import png_bytes, received
from tests.feedback.factories import answered, make_feedback_world

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "Mật-khẩu-2025!"  # tests.factories.UserFactory's
TITLE = "Hồ sơ khai sinh chậm trả kết quả"
ANSWER = ("Ủy ban nhân dân phường Hạ Long đã kiểm tra hồ sơ của ông Nguyễn Văn An: hồ sơ đang ở bước thẩm định "
          "và được trả kết quả trong ngày làm việc tiếp theo.")


@pytest.fixture
def world(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    return make_feedback_world()


def log_in(new_page, user: User, viewport):
    page = new_page(viewport)
    page.goto("/accounts/login/")
    page.locator("input[name=username]").fill(user.username)
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("main").get_by_role("button", name="Đăng nhập").click()
    pass_second_factor(page, user.username)
    expect(page.locator("body")).not_to_contain_text("không khớp")
    return page


def test_a_citizen_files_an_official_answers_the_public_reads_and_the_citizen_rates(new_page, world, screenshot):
    answered(world, title="Giờ làm việc ngày thứ Bảy")  # another published answer, which the search leaves out
    dossier = received(world.base)  # at the specialist's step of the ward's People's Committee

    # The citizen, on a phone, from the dossier's page.
    citizen = log_in(new_page, world.citizen, PHONE)
    citizen.goto(f"/dossiers/{dossier.uuid}/")
    citizen.get_by_role("link", name="Gửi phản ánh, kiến nghị về hồ sơ này").click()
    expect(citizen.get_by_label("Một hồ sơ của tôi")).to_be_checked()
    expect(citizen.get_by_label("Hồ sơ của ông/bà")).to_have_value(dossier.code)
    expect(citizen.get_by_label("Họ và tên (hoặc tên tổ chức)")).to_have_value("Nguyễn Văn An")  # from the account
    citizen.get_by_label("Tiêu đề").fill(TITLE)
    citizen.get_by_role("textbox", name="Nội dung phản ánh").fill("Tôi nộp hồ sơ đăng ký khai sinh cho con đã quá hẹn, gọi "
                                                   "điện cho bộ phận một cửa không ai nghe máy.")
    citizen.get_by_label("Ảnh hoặc tệp PDF").set_input_files(
        {"name": "quay-tiep-nhan.png", "mimeType": "image/png", "buffer": png_bytes()})
    citizen.get_by_label(re.compile(r"^Địa chỉ")).fill("Tổ 1, khu 2, phường Hạ Long")
    citizen.get_by_label("Số điện thoại").fill("0912 345 678")
    screenshot(citizen, "form-phone")
    citizen.get_by_role("button", name="Gửi", exact=True).click()
    receipt = citizen.locator("main")
    expect(receipt).to_contain_text("Phản ánh, kiến nghị của ông/bà đã được tiếp nhận")
    expect(receipt).to_contain_text("Ủy ban nhân dân phường Hạ Long")  # the agency holding the dossier
    code = re.search(r"PAKN-\d{6}-\d{4}", receipt.inner_text()).group(0)
    screenshot(citizen, "receipt-phone")
    petition = Petition.objects.get(code=code)
    assert (petition.dossier, petition.citizen, petition.agency) == (dossier, world.citizen, world.commune_agency)
    assert [f.original_name for f in petition.files.all()] == ["quay-tiep-nhan.png"]

    # The ward's specialist, on a laptop: classifies it for themself, then proposes the answer.
    official = log_in(new_page, world.specialist, DESKTOP)
    official.goto("/feedback/desk/")
    official.locator(".queue-tabs").get_by_role("link", name="Chờ phân loại").click()
    official.get_by_role("link", name=code).click()
    expect(official.locator("main")).to_contain_text(f"Hồ sơ {dossier.code}")
    expect(official.get_by_role("link", name="quay-tiep-nhan.png")).to_be_visible()
    classify = official.locator("#action-classify")
    classify.get_by_label("Nhóm nội dung").select_option("conduct")
    classify.get_by_label("Cán bộ xử lý").select_option(label="Phạm Thị Dung · Chuyên viên")
    classify.get_by_role("button", name="Tiếp nhận và phân loại").click()
    expect(official.locator(".messages")).to_contain_text(f"Đã tiếp nhận phản ánh, kiến nghị {code}.")
    official.locator("#action-propose_answer").get_by_label("Nội dung trả lời người gửi").fill(ANSWER)
    screenshot(official, "propose-desktop")
    official.locator("#action-propose_answer").get_by_role("button", name="Trình dự thảo trả lời").click()
    expect(official.locator(".messages")).to_contain_text("đang chờ lãnh đạo duyệt")

    # The ward's leader approves it, to be published now.
    leader = log_in(new_page, world.leader, DESKTOP)
    leader.goto("/feedback/desk/")
    leader.locator(".queue-tabs").get_by_role("link", name="Chờ duyệt").click()
    leader.get_by_role("link", name=code).click()
    approve = leader.locator("#action-approve_answer")
    expect(approve.get_by_label("Nội dung trả lời (chỉnh sửa nếu cần)")).to_have_value(ANSWER)
    expect(approve.get_by_label("Công khai ngay, đã che thông tin cá nhân")).to_be_checked()
    approve.get_by_role("button", name="Duyệt và gửi trả lời").click()
    expect(leader.locator(".messages")).to_contain_text(f"Đã duyệt và gửi trả lời phản ánh, kiến nghị {code}")
    expect(leader.locator("h1")).to_contain_text("Đã trả lời và công khai")
    screenshot(leader, "approved-desktop")

    # Anyone, on a phone, finds it typing without diacritics; the citizen's name is masked.
    visitor = new_page(PHONE)
    visitor.goto("/feedback/")
    visitor.get_by_label("Tìm kiếm").fill("cham tra ket qua khai sinh")
    visitor.locator("form[role=search]").get_by_role("button", name="Tìm kiếm").click()
    expect(visitor.locator(".result-count")).to_contain_text("1 kết quả trả lời")
    expect(visitor.locator("main")).not_to_contain_text("Giờ làm việc ngày thứ Bảy")
    visitor.get_by_role("link", name=TITLE).click()
    page_text = visitor.locator("main")
    expect(page_text).to_contain_text("đã kiểm tra hồ sơ của ông N.V.A.: hồ sơ đang ở bước thẩm định")
    expect(page_text).not_to_contain_text("Nguyễn Văn An")
    screenshot(visitor, "public-answer-phone")

    # The citizen reads the answer on the tracking page and rates it.
    citizen.goto("/feedback/mine/")
    citizen.get_by_role("link", name=code).click()
    expect(citizen.locator(".answer-box")).to_contain_text(ANSWER)
    rate = citizen.locator("#act-rate")
    rate.get_by_label("Hài lòng", exact=True).check()
    rate.get_by_role("button", name="Đánh giá kết quả trả lời").click()
    expect(citizen.locator(".messages")).to_contain_text(f"đánh giá kết quả trả lời phản ánh, kiến nghị {code}")
    expect(citizen.locator("#petition")).to_contain_text("Ông/bà đã đánh giá kết quả trả lời “Hài lòng”")
    expect(citizen.locator("#act-rate")).to_have_count(0)  # once
    screenshot(citizen, "rated-phone")
    petition.refresh_from_db()
    assert (petition.state, petition.rating) == (Petition.State.PUBLISHED, Petition.Rating.SATISFIED)
