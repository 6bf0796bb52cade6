"""The incoming pages: the worklists on the documents' home and their lists (urgent first, due soon and
overdue), receiving a paper document in one form, the actions on a document's page (register, return,
direct, assign, comment, complete), and the printable phiếu giải quyết."""

import datetime as dt
import io
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from documents.models import Document
from documents.services.handling import DirectionLine, incoming_assign, incoming_direct
from documents.services.incoming import incoming_register
from tests.documents.incoming_helpers import pdf, recipient_of, send
from units.calendar import calendar_cache_invalidate
from units.services import calendar_seed

HCM = ZoneInfo("Asia/Ho_Chi_Minh")


@pytest.fixture(autouse=True)
def _setup(db, settings, time_machine):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    calendar_seed(years=[2026])
    calendar_cache_invalidate()
    time_machine.move_to(dt.datetime(2026, 2, 12, 10, 0, tzinfo=HCM), tick=False)  # Thursday before Tết
    yield
    calendar_cache_invalidate()


def browser(user, lang="en") -> Client:
    client = Client()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = lang  # the switcher's choice; pages default to Vietnamese
    client.force_login(user)
    return client


def page(user, url, lang="en"):
    answer = browser(user, lang).get(url)
    assert answer.status_code == 200, answer.status_code
    return answer.content.decode()


def act(user, document, action, data=None, lang="en"):
    return browser(user, lang).post(reverse("documents:incoming_act", args=[document.uuid, action]), data or {})


def worklist(key):
    return f"{reverse('documents:incoming')}?queue={key}"


def test_each_role_finds_its_worklist_on_the_home(office, other_office):
    send(other_office, office)
    home = reverse("documents:home")
    assert "To register" in page(office.clerk, home) and "Registered today" in page(office.clerk, home)
    assert "To direct" in page(office.leader, home)
    assert "To assign within my unit" in page(office.head, home)
    assert "My assignments" in page(office.specialist, home) and "To direct" not in page(office.specialist, home)


def test_the_clerks_list_puts_urgent_first_shows_the_check_and_registers_in_one_click(
        office, other_office, django_assert_max_num_queries):
    normal = send(other_office, office, number="30", subject="Về việc báo cáo sơ kết quý I")
    urgent = send(other_office, office, number="31", subject="Về việc phòng chống bão số 3", urgency=3)
    for number in range(32, 40):
        send(other_office, office, number=str(number))
    client = browser(office.clerk)
    with django_assert_max_num_queries(14):
        html = client.get(worklist("to_register")).content.decode()
    assert html.index("phòng chống bão số 3") < html.index("báo cáo sơ kết quý I")
    assert "Flash (Hỏa tốc)" in html and "Not checked yet" in html
    answer = client.post(reverse("documents:incoming_act", args=[urgent.uuid, "register"]), {"next": "list"})
    assert answer.status_code == 302 and answer.url == worklist("to_register")
    assert "Registered with incoming number 1." in client.get(answer.url).content.decode()
    assert Document.objects.get(pk=urgent.pk).arrival_number == 1 and normal.arrival_number is None


def test_a_handlers_list_marks_what_is_due_soon_and_what_is_overdue(office, other_office, time_machine):
    soon, late, later = (incoming_register(document=send(other_office, office, number=n), clerk=office.clerk)
                         for n in ("1", "2", "3"))
    for document, deadline in ((soon, dt.date(2026, 2, 13)), (late, dt.date(2026, 2, 12)),
                               (later, dt.date(2026, 3, 20))):
        incoming_direct(document=document, actor=office.leader, note="", lines=[
            DirectionLine(role="lead", user=office.specialist, deadline=deadline)])
    time_machine.move_to(dt.datetime(2026, 2, 13, 8, 0, tzinfo=HCM), tick=False)
    html = page(office.specialist, worklist("mine"))
    assert "Overdue" in html and "Due soon" in html  # the rows
    assert "1 overdue" in html and "1 due soon" in html and "You lead" in html
    vietnamese = page(office.specialist, worklist("mine"), lang="vi")
    assert "Quá hạn" in vietnamese and "Sắp đến hạn" in vietnamese


def test_a_worklist_not_of_the_users_role_is_not_found(office):
    client = browser(office.specialist)
    assert client.get(worklist("to_register")).status_code == 404
    assert client.get(worklist("nonsense")).status_code == 404


def scan(content=None, name="scan.pdf"):
    handle = io.BytesIO(content if content is not None else pdf())
    handle.name = name
    return handle


PAPER = {"organ_name": "Sở Xây dựng", "document_type": "", "code_number": "45", "code_notation": "SXD-QH",
         "issued_date": "2026-02-11", "subject": "Về việc góp ý dự thảo quy hoạch", "urgency": "0", "secrecy": "0",
         "register_now": "on"}


def test_the_clerk_receives_and_registers_a_paper_document_in_one_form(office, letter_type):
    client = browser(office.clerk)
    html = client.get(reverse("documents:incoming_receive")).content.decode()
    assert "Scanned document (PDF)" in html and "Register it now" in html
    answer = client.post(reverse("documents:incoming_receive"),
                         {**PAPER, "document_type": letter_type.pk, "file": scan()})
    document = Document.objects.get()
    assert answer.status_code == 302 and answer.url == reverse("documents:detail", args=[document.uuid])
    assert (document.state, document.arrival_number, document.channel) == ("registered", 1, "paper")
    html = client.get(answer.url).content.decode()
    assert "Registered with incoming number 1." in html and "Direction (phiếu giải quyết)" in html


def test_a_file_that_is_not_a_pdf_is_refused_on_the_form_and_nothing_is_kept(office, letter_type):
    answer = browser(office.clerk).post(reverse("documents:incoming_receive"), {
        **PAPER, "document_type": letter_type.pk, "file": scan(b"<html>not a pdf</html>", "scan.pdf")})
    assert answer.status_code == 400 and "PDF" in answer.content.decode()
    assert not Document.objects.exists()
    assert browser(office.specialist).get(reverse("documents:incoming_receive")).status_code == 404


def test_a_duplicate_is_shown_to_the_clerk_who_confirms_it(office, other_office):
    incoming_register(document=send(other_office, office), clerk=office.clerk)
    again = send(other_office, office)
    url = reverse("documents:detail", args=[again.uuid])
    assert "The same document of this sender is already registered" in page(office.clerk, url)
    answer = act(office.clerk, again, "register")
    assert answer.status_code == 409 and "already registered, incoming number 1" in answer.content.decode()
    answer = act(office.clerk, again, "register", {"confirm_duplicate": "on"})
    assert answer.status_code == 302 and Document.objects.get(pk=again.pk).arrival_number == 2


def test_the_clerk_returns_a_misaddressed_document_with_a_reason(office, other_office):
    arrival = send(other_office, office)
    assert act(office.clerk, arrival, "refuse", {"reason": ""}).status_code == 400
    answer = act(office.clerk, arrival, "refuse", {"reason": "Gửi nhầm cơ quan."})
    assert answer.status_code == 302
    assert recipient_of(arrival).status == "refused"
    sender_page = page(other_office.clerk, reverse("documents:detail", args=[arrival.delivery.document.uuid]))
    assert "Refused" in sender_page and "Gửi nhầm cơ quan." in sender_page


def test_the_leader_directs_on_the_documents_page_and_the_deadline_skips_tet(office, other_office):
    document = incoming_register(document=send(other_office, office), clerk=office.clerk)
    html = page(office.leader, reverse("documents:detail", args=[document.uuid]))
    assert "Direction (phiếu giải quyết)" in html and "or working days" in html
    answer = act(office.leader, document, "direct", {
        "note": "Giao Phòng VX chủ trì.", "lines-TOTAL_FORMS": "3", "lines-INITIAL_FORMS": "0",
        "lines-0-target": f"unit:{office.culture.pk}", "lines-0-role": "lead", "lines-0-days": "2",
        "lines-1-target": f"user:{office.other.pk}", "lines-1-role": "cooperate", "lines-1-deadline": "2026-02-23",
        "lines-2-target": "", "lines-2-role": "cooperate"})
    assert answer.status_code == 302, answer.content.decode()[:3000]
    document.refresh_from_db()
    assert document.state == "directed" and document.due_date == dt.date(2026, 2, 23)  # Thu + 2 working days
    assert document.assignments.count() == 2


def test_a_direction_with_a_stranger_target_is_refused_on_the_form(office, other_office):
    document = incoming_register(document=send(other_office, office), clerk=office.clerk)
    answer = act(office.leader, document, "direct", {
        "lines-TOTAL_FORMS": "1", "lines-INITIAL_FORMS": "0",
        "lines-0-target": f"unit:{other_office.culture.pk}", "lines-0-role": "lead", "lines-0-days": "2"})
    assert answer.status_code == 400
    assert Document.objects.get(pk=document.pk).state == "registered"


def test_the_unit_head_assigns_and_the_handler_comments_and_completes(office, other_office):
    document = incoming_register(document=send(other_office, office), clerk=office.clerk)
    incoming_direct(document=document, actor=office.leader, note="", lines=[
        DirectionLine(role="lead", unit=office.culture, days=3)])
    url = reverse("documents:detail", args=[document.uuid])
    assert "Assign within the unit" in page(office.head, url)
    answer = act(office.head, document, "assign", {"assignment": document.assignments.get().pk,
                                                   "user": office.specialist.pk})
    assert answer.status_code == 302
    html = page(office.specialist, url)
    assert "Comment" in html and "Complete" in html
    assert act(office.specialist, document, "comment", {"text": "Đang xử lý."}).status_code == 302
    assert Document.objects.get(pk=document.pk).state == "in_progress"
    assert act(office.specialist, document, "complete", {"result": "Đã báo cáo UBND."}).status_code == 302
    assert Document.objects.get(pk=document.pk).state == "done"
    assert "Đã báo cáo UBND." in page(office.specialist, url)


def test_the_lead_handler_gets_the_reply_link_once_the_outgoing_page_exists(office, other_office, monkeypatch):
    from documents.templatetags import incoming_tags

    document = incoming_register(document=send(other_office, office), clerk=office.clerk)
    incoming_direct(document=document, actor=office.leader, note="", lines=[
        DirectionLine(role="lead", user=office.specialist, days=3)])
    url = reverse("documents:detail", args=[document.uuid])
    assert incoming_tags.reply_url(document) in ("", f"/documents/outgoing/new/?reply_to={document.uuid}")
    monkeypatch.setattr(incoming_tags, "reply_url", lambda d: f"/documents/outgoing/new/?reply_to={d.uuid}")
    assert f"/documents/outgoing/new/?reply_to={document.uuid}" in page(office.specialist, url)


def test_the_direction_slip_prints_the_phieu_giai_quyet(office, other_office):
    document = incoming_register(document=send(other_office, office), clerk=office.clerk)
    incoming_direct(document=document, actor=office.leader, note="Phòng VX chủ trì, báo cáo trước Tết.", lines=[
        DirectionLine(role="lead", unit=office.culture, days=3)])
    incoming_assign(document=document, head=office.head, assignment=document.assignments.get(),
                    user=office.specialist)
    html = page(office.clerk, reverse("documents:incoming_slip", args=[document.uuid]))
    assert "PHIẾU GIẢI QUYẾT VĂN BẢN ĐẾN" in html and "Số đến: <strong>1</strong>" in html
    assert "Phòng VX chủ trì, báo cáo trước Tết." in html and "Chủ trì" in html
    assert "Nguyễn Thị Chuyên" in html and "Trần Văn Chủ Tịch" in html
    assert browser(other_office.clerk).get(reverse("documents:incoming_slip", args=[document.uuid])).status_code == 404


def test_the_pages_speak_vietnamese_by_default(office, other_office):
    arrival = send(other_office, office)
    html = page(office.clerk, reverse("documents:detail", args=[arrival.uuid]), lang="vi")
    assert "Vào sổ" in html and "Trả lại nơi gửi" in html and "Kiểm tra tính toàn vẹn và chữ ký số" in html
    assert "Văn bản đến" in page(office.clerk, worklist("to_register"), lang="vi")


def test_a_paper_duplicate_is_received_and_waits_for_the_clerks_decision(office, letter_type):
    client = browser(office.clerk)
    data = {**PAPER, "document_type": letter_type.pk}
    answer = client.post(reverse("documents:incoming_receive"), {**data, "file": scan(), "next": "another"})
    assert answer.status_code == 302 and answer.url == reverse("documents:incoming_receive")
    answer = client.post(reverse("documents:incoming_receive"), {**data, "file": scan()})
    second = Document.objects.get(arrival_number__isnull=True)
    assert answer.url == reverse("documents:detail", args=[second.uuid]) and second.state == "arrived"
    html = client.get(answer.url).content.decode()
    assert "Received, not registered yet" in html and "The same document of this sender is already registered" in html
    assert "Register it although the same document is already registered" in html
