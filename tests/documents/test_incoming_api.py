"""The incoming commands of /api/v1/documents/: receive (multipart), register, return, direct, assign, comment,
complete — each answering the document's representation, with the documented errors."""

import datetime as dt
import io
from zoneinfo import ZoneInfo

import pytest
from django.test import Client

from documents.models import Document
from tests.documents.incoming_helpers import pdf, recipient_of, send
from units.calendar import calendar_cache_invalidate
from units.services import calendar_seed

API = "/api/v1/"
HCM = ZoneInfo("Asia/Ho_Chi_Minh")


@pytest.fixture(autouse=True)
def _setup(db, settings, time_machine):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    calendar_seed(years=[2026])
    calendar_cache_invalidate()
    time_machine.move_to(dt.datetime(2026, 2, 13, 10, 0, tzinfo=HCM), tick=False)
    yield
    calendar_cache_invalidate()


def client_for(user) -> Client:
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(user)
    return client


def post(user, path, data=None, **kwargs):
    return client_for(user).post(f"{API}{path}", data or {}, content_type="application/json", **kwargs)


def command(user, document, name, data=None):
    return post(user, f"documents/{document.uuid}/{name}/", data)


def upload(name="scan.pdf", content=None):
    handle = io.BytesIO(content if content is not None else pdf())
    handle.name = name
    return handle


PAPER = {"document_type": "cong-van", "subject": "Về việc góp ý dự thảo quy hoạch", "organ_name": "Sở Xây dựng",
         "code_number": "45", "code_notation": "SXD-QH", "issued_date": "2026-02-11", "urgency": "1"}


def test_the_clerk_receives_a_paper_scan_then_registers_it(office):
    answer = client_for(office.clerk).post(f"{API}documents/incoming/receive/", {**PAPER, "file": upload()})
    assert answer.status_code == 201, answer.content
    body = answer.json()
    assert (body["state"], body["channel"], body["urgency"], body["number"]) == ("arrived", "paper", 1, "45/SXD-QH")
    document = Document.objects.get(uuid=body["uuid"])
    answer = command(office.clerk, document, "register")
    assert answer.status_code == 200 and answer.json()["arrival_number"] == 1
    assert answer.json()["state"] == "registered"


def test_a_file_that_is_not_a_pdf_is_refused_and_nothing_is_received(office):
    answer = client_for(office.clerk).post(f"{API}documents/incoming/receive/",
                                           {**PAPER, "file": upload("scan.pdf", b"MZ\x90\x00 not a pdf at all")})
    assert answer.status_code == 400 and answer.json()["code"] == "document.file_type"
    assert not Document.objects.exists()


def test_a_pdf_with_active_content_or_cut_off_is_refused(office):
    from tests.hostile import pdf_with_javascript

    answer = client_for(office.clerk).post(f"{API}documents/incoming/receive/",
                                           {**PAPER, "file": upload(content=pdf_with_javascript())})
    assert answer.status_code == 400 and answer.json()["code"] == "document.pdf_active_content"
    answer = client_for(office.clerk).post(f"{API}documents/incoming/receive/",
                                           {**PAPER, "file": upload(content=pdf()[:400])})
    assert answer.status_code == 400 and answer.json()["code"] == "document.file_type"
    assert not Document.objects.exists()


def test_receiving_is_the_clerks_and_bad_metadata_is_named_by_field(office):
    answer = client_for(office.specialist).post(f"{API}documents/incoming/receive/", {**PAPER, "file": upload()})
    assert answer.status_code == 403
    answer = client_for(office.clerk).post(f"{API}documents/incoming/receive/", {
        **PAPER, "code_number": "1" * 12, "document_type": "khong-co", "subject": "", "file": upload()})
    assert answer.status_code == 400
    assert {"code_number", "document_type", "subject"} <= set(answer.json()["extra"]["errors"])
    answer = client_for(office.clerk).post(f"{API}documents/incoming/receive/", {
        **PAPER, "subject": "Trích\x00yếu", "file": upload()})
    assert answer.status_code == 400 and answer.json()["code"] == "invalid.nul_character"
    assert not Document.objects.exists()


def test_a_duplicate_answers_409_until_confirmed(office, other_office):
    assert command(office.clerk, send(other_office, office), "register").status_code == 200
    again = send(other_office, office)
    answer = command(office.clerk, again, "register")
    assert answer.status_code == 409 and answer.json()["code"] == "document.duplicate"
    assert answer.json()["extra"]["duplicates"][0]["arrival_number"] == 1
    answer = command(office.clerk, again, "register", {"confirm_duplicate": True})
    assert answer.status_code == 200 and answer.json()["arrival_number"] == 2


def test_a_wrong_register_is_a_field_error(office, other_office):
    answer = command(office.clerk, send(other_office, office), "register", {"register": office.secret_incoming.pk})
    assert answer.status_code == 400 and answer.json()["code"] == "document.wrong_register"
    answer = command(office.clerk, send(other_office, office, number="2"), "register",
                     {"register": other_office.incoming.pk})
    assert answer.status_code == 400 and "register" in answer.json()["extra"]["errors"]


def test_return_with_a_reason_shows_the_sender_refused(office, other_office):
    arrival = send(other_office, office)
    assert command(office.clerk, arrival, "return", {"reason": ""}).status_code == 400
    answer = command(office.clerk, arrival, "return", {"reason": "Gửi nhầm: không thuộc thẩm quyền của xã."})
    assert answer.status_code == 200 and answer.json()["state"] == "refused"
    assert recipient_of(arrival).status_note == "Gửi nhầm: không thuộc thẩm quyền của xã."


def test_direct_assign_comment_complete_over_the_api(office, other_office):
    arrival = send(other_office, office)
    command(office.clerk, arrival, "register")
    answer = command(office.leader, arrival, "direct", {"note": "Phòng VX chủ trì.", "lines": [
        {"role": "lead", "unit": "VX", "days": 2}, {"role": "cooperate", "user": office.other.username},
        {"role": "inform", "unit": "VP"}]})
    assert answer.status_code == 200, answer.content
    body = answer.json()
    assert body["state"] == "directed" and body["due_date"] == "2026-02-24" and body["direction_note"]
    unit_part = next(a for a in body["assignments"] if a["role"] == "lead")
    answer = command(office.head, arrival, "assign", {"assignment": unit_part["id"],
                                                     "user": office.specialist.username})
    assert answer.status_code == 200 and len(answer.json()["assignments"]) == 4
    assert command(office.specialist, arrival, "comment", {"text": "Đang xử lý."}).json()["state"] == "in_progress"
    answer = command(office.specialist, arrival, "complete", {"result": "Đã báo cáo."})
    assert answer.status_code == 200 and answer.json()["state"] == "done"
    assert recipient_of(arrival).status == "done"


def test_unknown_keys_and_a_second_lead_are_field_errors(office, other_office):
    arrival = send(other_office, office)
    command(office.clerk, arrival, "register")
    answer = command(office.leader, arrival, "direct", {"lines": [{"role": "lead", "unit": "KHONG", "days": 2}]})
    assert answer.status_code == 400 and "lines" in answer.json()["extra"]["errors"]
    answer = command(office.leader, arrival, "direct", {"lines": [{"role": "lead", "unit": "VX", "days": 2},
                                                                  {"role": "lead", "unit": "VP", "days": 2}]})
    assert answer.status_code == 400 and answer.json()["code"] == "document.invalid"
    answer = command(office.leader, arrival, "direct", {"lines": [{"role": "lead", "unit": "VX", "days": 99999}]})
    assert answer.status_code == 400


def test_who_may_act_a_specialist_cannot_direct_and_another_agency_gets_404(office, other_office):
    arrival = send(other_office, office)
    command(office.clerk, arrival, "register")
    assert command(office.specialist, arrival, "direct", {"lines": [
        {"role": "lead", "unit": "VX", "days": 2}]}).status_code == 404  # not given it: not seen
    answer = command(other_office.clerk, arrival, "register")
    assert answer.status_code == 404 and answer.json()["code"] == "document.not_found"
    command(office.leader, arrival, "direct", {"lines": [{"role": "lead", "user": office.specialist.username,
                                                          "days": 2}]})
    answer = command(office.specialist, arrival, "direct", {"lines": [{"role": "lead", "unit": "VX", "days": 2}]})
    assert answer.status_code == 403 and answer.json()["code"] == "document.forbidden"
    answer = command(office.leader, arrival, "direct", {"lines": [{"role": "lead", "unit": "VX", "days": 2}]})
    assert answer.status_code == 409 and answer.json()["code"] == "document.bad_state"
