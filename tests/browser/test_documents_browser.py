"""An incoming document from registration to a reply, in real Chromium, each official in their own browser
(issue 12 §7): the ward's clerk receives a paper document of the provincial Office and registers it, the
chair directs it to a specialist with a deadline, the specialist answers it with an outgoing document, the
head of her unit approves it, the chair reads it and signs it with the PIN, the clerk numbers it and issues
it to the Office — whose clerk finds it arrived and registers it, and the ward sees its status move."""

import datetime as dt

import pytest
from playwright.sync_api import expect

from documents.data import DOCUMENT_TYPES
from documents.models import Document, DocumentType
from portal.celery import app as celery_app
from signatures import services as signature_services
from tests.browser.conftest import PHONE
from tests.browser.test_dossier_browser import log_in
from tests.documents.conftest import office_make
from tests.documents.incoming_helpers import pdf
from tests.factories import UserFactory
from units.models import Agency

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PIN = "482915"


@pytest.fixture
def cast(settings, tmp_path, monkeypatch):
    """Tân Hòa's People's Committee (its chair holds a certificate) and the provincial Office, both with
    their organisation certificates."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.SIGNATURES_KEY_BITS = 2048
    # The arrival's check and the e-mails, at once: on the Celery app itself, whose configuration was read
    # from the settings when the first task of the run was sent.
    monkeypatch.setitem(celery_app.conf, "task_always_eager", True)
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    # A transactional test may follow another that flushed the kinds of document the migration seeded.
    for position, (code, name, name_en, abbreviation) in enumerate(DOCUMENT_TYPES, start=1):
        DocumentType.objects.get_or_create(code=code, defaults={"name": name, "name_en": name_en,
                                                                "abbreviation": abbreviation, "position": position})
    ward = office_make("000.00.31.H01", "Ủy ban nhân dân xã Tân Hòa", "th")
    office = office_make("000.00.01.H01", "Văn phòng Ủy ban nhân dân tỉnh", "vp")
    Agency.objects.filter(pk=office.agency.pk).update(is_people_committee=False)
    signature_services.ca_init()
    admin = UserFactory(admin=True, username="quantri")
    request = signature_services.certificate_request_create(admin=admin, official=ward.leader)
    request = signature_services.certificate_request_approve(request=request, admin=admin)
    signature_services.certificate_issue(request=request, official=ward.leader, pin=PIN, pin_confirm=PIN)
    for agency in (ward.agency, office.agency):
        request = signature_services.certificate_request_create(admin=admin, agency=agency)
        signature_services.certificate_request_approve(request=request, admin=admin)
    return ward, office


def _open_queue(page, label: str):
    page.goto("/documents/")
    page.get_by_role("link", name=label).click()


def test_an_incoming_paper_document_answered_and_the_answer_registered_by_its_recipient(new_page, cast, tmp_path,
                                                                                       screenshot):
    ward, office = cast
    scan = tmp_path / "cong-van-125.pdf"
    scan.write_bytes(pdf("Về việc báo cáo số liệu nhà văn hóa khu dân cư"))
    issued = (dt.date.today() - dt.timedelta(days=2)).isoformat()

    # The ward's clerk receives the Office's paper letter, types what is written on it and registers it.
    clerk = log_in(new_page, ward.clerk.username)
    clerk.goto("/documents/")
    clerk.get_by_role("link", name="Tiếp nhận văn bản giấy").click()
    clerk.get_by_label("Bản quét văn bản (PDF)").set_input_files(str(scan))
    clerk.get_by_label("Cơ quan ban hành", exact=True).fill("Văn phòng Ủy ban nhân dân tỉnh")
    clerk.get_by_label("Mã định danh cơ quan ban hành").fill("000.00.01.H01")
    clerk.locator("input[name=code_number]").fill("125")  # "Số (không bắt buộc)", beside "Số trang"
    clerk.get_by_label("Ký hiệu").fill("VPUBND-TH")
    clerk.get_by_label("Ngày tháng văn bản").fill(issued)
    clerk.get_by_label("Trích yếu").fill("Báo cáo số liệu nhà văn hóa khu dân cư")
    clerk.locator("input[name=signer_name]").fill("Bùi Thị Lan")
    screenshot(clerk, "clerk-receives")
    clerk.get_by_role("button", name="Tiếp nhận", exact=True).click()
    expect(clerk.locator("body")).to_contain_text("Đã vào sổ, số đến 1.")
    expect(clerk.locator("h1")).to_contain_text("125/VPUBND-TH — Báo cáo số liệu nhà văn hóa khu dân cư")

    # The chair finds it to direct and gives it to the specialist, three working days.
    leader = log_in(new_page, ward.leader.username)
    _open_queue(leader, "Chờ cho ý kiến chỉ đạo")
    leader.get_by_role("link", name="125/VPUBND-TH").click()
    leader.get_by_label("Ý kiến chỉ đạo").fill("Đồng chí Chuyên rà soát, dự thảo báo cáo.")
    leader.get_by_label("Đơn vị hoặc cán bộ 1").select_option(label="Nguyễn Thị Chuyên")
    leader.get_by_label("hoặc số ngày làm việc 1").fill("3")
    leader.get_by_role("button", name="Cho ý kiến chỉ đạo").click()
    expect(leader.locator("body")).to_contain_text("Đã cho ý kiến chỉ đạo")
    expect(leader.locator("body")).to_contain_text("Chủ trì: Nguyễn Thị Chuyên")

    # The specialist, on her phone, answers it: the draft is addressed to the Office already.
    specialist = log_in(new_page, ward.specialist.username, viewport=PHONE)
    _open_queue(specialist, "Văn bản tôi xử lý")
    specialist.get_by_role("link", name="125/VPUBND-TH").click()
    specialist.get_by_role("link", name="Trả lời bằng văn bản đi").click()
    expect(specialist.get_by_label("Cơ quan trên Cổng")).to_have_values([str(office.agency.pk)])
    expect(specialist.get_by_label("Loại văn bản")).to_have_value(str(DocumentType.objects.get(code="cong-van").pk))
    specialist.get_by_label("Nội dung văn bản").fill(
        "Ủy ban nhân dân xã Tân Hòa báo cáo số liệu nhà văn hóa khu dân cư như sau:\n"
        "Toàn xã có 09/09 thôn có nhà văn hóa; 02 nhà văn hóa cần sửa chữa.")
    specialist.get_by_role("button", name="Lưu dự thảo").click()
    expect(specialist.locator("body")).to_contain_text("Đã lưu dự thảo")
    specialist.get_by_role("button", name="Trình duyệt").click()
    expect(specialist.locator("body")).to_contain_text("Dự thảo đã được trình lãnh đạo đơn vị xem xét.")
    screenshot(specialist, "specialist-sent")
    answer = Document.objects.get(direction="outgoing", agency=ward.agency)

    # The head of her unit approves it for signature.
    head = log_in(new_page, ward.head.username)
    _open_queue(head, "Dự thảo chờ xem xét")
    head.get_by_role("link", name="Trả lời Báo cáo số liệu").click()
    head.get_by_role("button", name="Duyệt, trình ký").click()
    expect(head.locator("body")).to_contain_text("Đã duyệt: dự thảo đã được trình lãnh đạo ký.")

    # The chair reads the document, then signs it with the PIN.
    _open_queue(leader, "Văn bản chờ ký")
    leader.get_by_role("link", name="Trả lời Báo cáo số liệu").click()
    expect(leader.locator("iframe.document-pdf")).to_be_visible()
    leader.get_by_label("Mã PIN chứng thư số của đồng chí").fill(PIN)
    screenshot(leader, "leader-signs")
    leader.get_by_role("button", name="Ký số").click()
    expect(leader.locator("body")).to_contain_text("Đã ký. Văn thư sẽ cấp số và ban hành văn bản.")

    # The clerk numbers it and issues it: the Office receives it at once.
    _open_queue(clerk, "Chờ cấp số và ban hành")
    clerk.get_by_role("link", name="Trả lời Báo cáo số liệu").click()
    clerk.get_by_role("button", name="Cấp số và ban hành").click()
    expect(clerk.locator("body")).to_contain_text("Văn bản 01/UBND-VX đã được ban hành")
    expect(clerk.locator("h1")).to_contain_text("01/UBND-VX — Trả lời Báo cáo số liệu nhà văn hóa khu dân cư")
    expect(clerk.locator("body")).to_contain_text("Văn bản đi · Công văn · Đã ban hành")
    row = clerk.get_by_role("row", name="Văn phòng Ủy ban nhân dân tỉnh")
    expect(row).to_contain_text("Đã tiếp nhận")
    # The letter it answers is done, answered by that number.
    clerk.get_by_role("link", name="125/VPUBND-TH").click()
    expect(clerk.locator("body")).to_contain_text("Văn bản đến · Công văn · Đã giải quyết")
    expect(clerk.locator("body")).to_contain_text("Văn bản trả lời: 01/UBND-VX — Trả lời Báo cáo số liệu nhà văn "
                                                  "hóa khu dân cư · Đã ban hành")

    # The Office's clerk finds it among the arrivals, its signatures checked, and registers it.
    office_clerk = log_in(new_page, office.clerk.username)
    _open_queue(office_clerk, "Chờ vào sổ")
    expect(office_clerk.locator("body")).to_contain_text("Chữ ký số hợp lệ")
    office_clerk.get_by_role("link", name="01/UBND-VX").click()
    office_clerk.get_by_role("button", name="Vào sổ", exact=True).click()
    expect(office_clerk.locator("body")).to_contain_text("Đã vào sổ, số đến 1.")
    screenshot(office_clerk, "office-registered")

    # The ward sees its answer registered by the Office.
    clerk.goto(f"/documents/{answer.uuid}/")
    expect(clerk.get_by_role("row", name="Văn phòng Ủy ban nhân dân tỉnh")).to_contain_text("Đã vào sổ")
    expect(clerk.locator("body")).to_contain_text("Văn phòng Ủy ban nhân dân tỉnh: Đã vào sổ")
    screenshot(clerk, "ward-sees-registered")
