"""The mock national document axis over real HTTP, as the portal meets it: signed calls, the organ
directory, sending packages and statuses once, mailboxes, the external organs' answers (signed statuses
that chain to the mock's root), what they send of their own accord, restarts and faults."""

import datetime as dt
import io
import json
import time
import uuid

import pypdf
import pytest
import requests

from axis import edxml, xmlsig
from tests.axis.conftest import (
    DEPARTMENT,
    GOVERNMENT_OFFICE,
    MINISTRY,
    NGHE_AN,
    PROVINCE,
    SCHEME,
    SECRET,
    SYSTEM_ID,
    AxisMock,
    free_port,
    package,
    signed,
    signed_package,
)

PROGRESS = ["01", "03", "04", "05", "06"]


def verified_status(mock, entry_id: str) -> edxml.Status:
    """The status in that entry, its signature checked against the mock's root as the portal checks it."""
    data = mock.fetch(entry_id)
    signed_root, signer = xmlsig.verify(data, edxml.parse(data), trust_roots=[mock.ca])
    assert signer.chain_checked
    return edxml.read_status(signed_root)


def verified_package(mock, entry_id: str) -> edxml.Package:
    data = mock.fetch(entry_id)
    signed_root, _signer = xmlsig.verify(data, edxml.parse(data), trust_roots=[mock.ca])
    return edxml.read_package(signed_root)


def test_calls_without_a_valid_signature_get_401(axis_mock):
    assert requests.get(f"{axis_mock.url}/v1/organs", timeout=5).status_code == 401
    assert axis_mock.call("GET", "/v1/organs", secret="not-the-secret").status_code == 401
    assert axis_mock.call("GET", "/v1/organs", system_id="another-system").status_code == 401
    stale = SCHEME.signed_headers(key_id=SYSTEM_ID, secret=SECRET, method="GET", path="/v1/organs", body=b"")
    stale[SCHEME.timestamp_header] = str(int(time.time()) - 3600)
    response = requests.get(f"{axis_mock.url}/v1/organs", headers=stale, timeout=5)
    assert response.status_code == 401 and response.json()["error"]
    assert axis_mock.call("GET", "/v1/organs").status_code == 200


def test_the_province_registers_its_organs_in_the_directory(axis_mock):
    response = axis_mock.register("000.00.13.H22", "Sở Tư pháp")
    assert response.status_code == 200 and response.json() == {"organ_id": "000.00.13.H22", "name": "Sở Tư pháp"}
    assert axis_mock.register("000.00.13.H22", "Sở Tư pháp tỉnh").status_code == 200  # a rename
    organs = {o["organ_id"]: o for o in axis_mock.call("GET", "/v1/organs").json()["organs"]}
    assert organs["000.00.13.H22"] == {"organ_id": "000.00.13.H22", "name": "Sở Tư pháp tỉnh", "external": False}
    assert organs[MINISTRY] == {"organ_id": MINISTRY, "name": "Bộ Nội vụ", "external": True}
    assert organs[GOVERNMENT_OFFICE]["name"] == "Văn phòng Chính phủ"
    assert organs["000.00.00.H41"]["name"] == "Ủy ban nhân dân tỉnh Nghệ An"

    assert axis_mock.register(MINISTRY, "Bộ Nội vụ (giả)").status_code == 409
    assert axis_mock.register("bad id!", "Sở").status_code == 400
    assert axis_mock.register("000.00.14.H22", "").status_code == 400


def test_a_document_to_the_ministry_is_answered_01_03_04_05_06_in_order_each_signed(axis_mock):
    data = signed_package(to=(MINISTRY,))
    document_id = package().document_id
    response = axis_mock.post_message(data)
    assert response.status_code == 200 and response.json()["status"] == "accepted"

    entries = axis_mock.wait_mailbox(PROVINCE, 5)
    assert [e["status_code"] for e in entries] == PROGRESS
    assert {(e["type"], e["from"], e["document_id"]) for e in entries} == {("status", MINISTRY, document_id)}
    statuses = [verified_status(axis_mock, e["id"]) for e in entries]
    assert [s.code for s in statuses] == PROGRESS
    for status in statuses:
        assert status.sender.organ_id == MINISTRY and status.sender.name == "Bộ Nội vụ"
        assert status.response_for.document_id == document_id and status.response_for.organ_id == PROVINCE
        assert status.response_for.code == "15/UBND-VP"
    assert "vào sổ đến số" in statuses[1].description and "phân công" in statuses[2].description

    received = axis_mock.received(MINISTRY)
    assert [(m["type"], m["from"], m["document_id"], m["business"], m["description"])
            for m in received["messages"]] == [("edoc", PROVINCE, document_id, 0, package().subject)]
    assert [s["status_code"] for s in received["sent"]] == PROGRESS
    assert axis_mock.mailbox(DEPARTMENT) == []


def test_an_organ_set_to_refuse_answers_02_with_the_reason(axis_mock):
    axis_mock.behaviour(organ=MINISTRY, refuse="Văn bản không thuộc thẩm quyền giải quyết của Bộ")
    assert axis_mock.post_message(signed_package(to=(MINISTRY, GOVERNMENT_OFFICE))).status_code == 200

    entries = axis_mock.wait_mailbox(PROVINCE, 6)
    time.sleep(0.5)  # nothing more comes
    by_organ = {}
    for entry in axis_mock.mailbox(PROVINCE):
        by_organ.setdefault(entry["from"], []).append(entry)
    assert [e["status_code"] for e in by_organ[MINISTRY]] == ["02"]
    assert [e["status_code"] for e in by_organ[GOVERNMENT_OFFICE]] == PROGRESS
    refusal = verified_status(axis_mock, by_organ[MINISTRY][0]["id"])
    assert refusal.description == "Từ chối tiếp nhận: Văn bản không thuộc thẩm quyền giải quyết của Bộ"
    assert len(entries) == 6


def test_a_package_whose_signature_does_not_match_is_refused_by_the_organ(axis_mock):
    data = signed_package(to=(MINISTRY,)).replace("vận hành".encode(), "sửa đổi".encode())
    assert axis_mock.post_message(data).status_code == 200  # the axis routes it; the recipient checks it
    [entry] = axis_mock.wait_mailbox(PROVINCE, 1)
    refusal = verified_status(axis_mock, entry["id"])
    assert refusal.code == "02" and "Chữ ký số XML không hợp lệ" in refusal.description


def test_a_package_without_a_pdf_is_refused(axis_mock):
    data = signed_package(attachments=[edxml.Attachment("note.txt", b"plain text", content_type="text/plain")])
    axis_mock.post_message(data)
    [entry] = axis_mock.wait_mailbox(PROVINCE, 1)
    assert verified_status(axis_mock, entry["id"]).description.endswith("không kèm tệp văn bản điện tử (PDF).")


def test_a_message_sent_twice_with_one_id_is_stored_and_delivered_once(axis_mock):
    data = signed_package()
    first = axis_mock.post_message(data, key="outbox-42")
    second = axis_mock.post_message(data, key="outbox-42")
    assert first.json()["status"] == "accepted" and second.json() == {"id": first.json()["id"],
                                                                    "status": "duplicate"}
    axis_mock.wait_mailbox(PROVINCE, 5)
    time.sleep(0.5)
    assert len(axis_mock.mailbox(PROVINCE)) == 5
    assert len(axis_mock.received(MINISTRY)["messages"]) == 1
    stats = axis_mock.stats()
    assert (stats["accepted"], stats["duplicates"], stats["statuses_sent"]) == (1, 1, 5)


def test_what_the_axis_refuses_to_route(axis_mock):
    response = axis_mock.post_message(signed_package(to=(MINISTRY, "000.00.00.Z99")))
    assert response.status_code == 422 and response.json()["error"] == "unknown recipient 000.00.00.Z99"
    response = axis_mock.post_message(signed_package(sender=GOVERNMENT_OFFICE))
    assert response.status_code == 403
    response = axis_mock.post_message(edxml.build_package(package()))
    assert response.status_code == 400 and response.json()["code"] == "unsigned"
    assert axis_mock.post_message(b"<not xml").status_code == 400
    response = axis_mock.call("POST", "/v1/messages", body=signed_package(),
                              headers={"Content-Type": "application/xml"})
    assert response.status_code == 400 and "X-Axis-Message-Id" in response.json()["error"]
    assert axis_mock.post_message(signed_package(), key="k" * 65).status_code == 400
    assert axis_mock.stats()["accepted"] == 0 and axis_mock.received(MINISTRY)["messages"] == []


def test_a_body_over_40_mb_gets_413(axis_mock):
    response = axis_mock.post_message(b"<" + b"x" * (40 * 1024 * 1024 + 1), key="too-big")
    assert response.status_code == 413


def test_mailbox_entries_leave_the_list_when_acknowledged(axis_mock):
    axis_mock.post_message(signed_package())
    entries = axis_mock.wait_mailbox(PROVINCE, 5)
    assert [e["id"] for e in axis_mock.mailbox(PROVINCE, limit=2)] == [e["id"] for e in entries[:2]]
    assert axis_mock.ack(entries[0]["id"]).json() == {"status": "acknowledged"}
    assert axis_mock.ack(entries[0]["id"]).status_code == 200  # again: still fine
    assert [e["id"] for e in axis_mock.mailbox(PROVINCE)] == [e["id"] for e in entries[1:]]
    assert axis_mock.fetch(entries[0]["id"]).startswith(b"<?xml")  # still readable after the ack
    assert axis_mock.stats()["acked"] == 1

    assert axis_mock.call("GET", f"/v1/mailbox?organ={MINISTRY}").status_code == 403
    assert axis_mock.call("GET", "/v1/messages/" + "0" * 32).status_code == 404
    assert axis_mock.ack("0" * 32).status_code == 404
    ministry_entry = axis_mock.received(MINISTRY)["messages"][0]["id"]
    assert axis_mock.call("GET", f"/v1/messages/{ministry_entry}").status_code == 404  # not our mailbox


def test_an_external_organ_sends_a_signed_document_and_a_reply(axis_mock):
    sent = axis_mock.send(MINISTRY, PROVINCE, subject="Về việc rà soát tổ chức bộ máy cấp xã",
                          code_number="512", code_notation="BNV-CQĐP", signer_name="Trần Văn Hùng",
                          signer_position="Thứ trưởng", priority=1, due_date="2030/12/31")
    [entry] = axis_mock.wait_mailbox(PROVINCE, 1)
    assert entry["id"] == sent["id"] and (entry["type"], entry["from"], entry["business"]) == ("edoc", MINISTRY, 0)
    document = verified_package(axis_mock, entry["id"])
    assert document.document_id == sent["document_id"] and document.document_id.endswith(",512/BNV-CQĐP")
    assert (document.subject, document.signer_name, document.priority) == (
        "Về việc rà soát tổ chức bộ máy cấp xã", "Trần Văn Hùng", 1)
    [attachment] = document.attachments
    reader = pypdf.PdfReader(io.BytesIO(attachment.content))
    assert "rà soát tổ chức bộ máy" in reader.pages[0].extract_text()
    assert reader.get_fields()["Signature1"]["/FT"] == "/Sig"  # the organ signed the PDF too

    ours = package().document_id
    reply = axis_mock.send(GOVERNMENT_OFFICE, DEPARTMENT, subject="Về việc phúc đáp", response_for=ours)
    answer = verified_package(axis_mock, axis_mock.wait_mailbox(DEPARTMENT, 1)[0]["id"])
    assert answer.document_id == reply["document_id"]
    assert [(r.organ_id, r.code, r.document_id) for r in answer.response_for] == [(PROVINCE, "15/UBND-VP", ours)]


def test_the_portal_tests_can_get_unsigned_and_tampered_packages(axis_mock):
    unsigned = axis_mock.send(MINISTRY, PROVINCE, unsigned=True)
    tampered = axis_mock.send(MINISTRY, PROVINCE, tamper=True)
    with pytest.raises(edxml.PackageError) as error:
        edxml.parse(axis_mock.fetch(unsigned["id"]))
    assert error.value.code == "unsigned"
    data = axis_mock.fetch(tampered["id"])
    with pytest.raises(edxml.PackageError) as error:
        xmlsig.verify(data, edxml.parse(data), trust_roots=[axis_mock.ca])
    assert error.value.code == "signature"

    response = axis_mock.admin("POST", "/admin/send", {"from": PROVINCE, "to": MINISTRY})
    assert response.status_code == 422


def test_a_revocation_is_agreed_and_cancels_the_statuses_not_yet_sent(axis_mock):
    axis_mock.behaviour(organ=MINISTRY, delays={"04": 60, "05": 60, "06": 60})
    axis_mock.post_message(signed_package())
    assert [e["status_code"] for e in axis_mock.wait_mailbox(PROVINCE, 2)] == ["01", "03"]

    revocation = signed_package(business=edxml.REVOCATION, reason="Ban hành nhầm", attachments=[])
    assert axis_mock.post_message(revocation).json()["status"] == "accepted"
    entries = axis_mock.wait_mailbox(PROVINCE, 3)
    agreed = verified_status(axis_mock, entries[2]["id"])
    assert agreed.code == "15" and "Ban hành nhầm" in agreed.description
    assert agreed.response_for.document_id == package().document_id
    stats = axis_mock.stats()
    assert stats["statuses_cancelled"] == 3 and stats["scheduled"] == 0
    assert [s["status_code"] for s in axis_mock.received(MINISTRY)["sent"]] == ["01", "03", "15"]
    assert axis_mock.received(MINISTRY)["messages"][-1]["description"] == "Ban hành nhầm"


def test_a_revocation_can_be_refused_and_one_of_an_unknown_document_is(axis_mock):
    axis_mock.behaviour(organ=GOVERNMENT_OFFICE, change_answer="16")
    axis_mock.post_message(signed_package(to=(GOVERNMENT_OFFICE,)))
    axis_mock.wait_mailbox(PROVINCE, 5)
    axis_mock.post_message(signed_package(to=(GOVERNMENT_OFFICE,), business=edxml.REVOCATION, attachments=[]))
    assert axis_mock.wait_mailbox(PROVINCE, 6)[-1]["status_code"] == "16"

    axis_mock.post_message(signed_package(number="99", business=edxml.REVOCATION, attachments=[]))
    [entry] = [e for e in axis_mock.wait_mailbox(PROVINCE, 7) if e["from"] == MINISTRY]
    assert verified_status(axis_mock, entry["id"]).code == "16"


def test_an_external_organ_revokes_a_document_it_sent(axis_mock):
    sent = axis_mock.send(NGHE_AN := "000.00.00.H41", PROVINCE, subject="Về việc phối hợp")
    axis_mock.send(NGHE_AN, PROVINCE, business=1, reason="Văn bản ban hành sai thể thức")
    entries = axis_mock.wait_mailbox(PROVINCE, 2)
    assert [(e["business"], e["document_id"]) for e in entries] == [(0, sent["document_id"]),
                                                                     (1, sent["document_id"])]
    revocation = verified_package(axis_mock, entries[1]["id"])
    assert revocation.business_reason == "Văn bản ban hành sai thể thức" and revocation.attachments == []


def test_statuses_we_send_to_an_external_organ_are_recorded(axis_mock):
    sent = axis_mock.send(MINISTRY, PROVINCE)
    document = edxml.read_package(edxml.parse(axis_mock.fetch(sent["id"])))
    status = edxml.Status(
        response_for=edxml.ResponseFor(MINISTRY, f"{document.code_number}/{document.code_notation}",
                                       document.promulgation_date, document.document_id),
        sender=edxml.Organ(PROVINCE, "Ủy ban nhân dân tỉnh"), code="03", timestamp=dt.datetime.now().replace(microsecond=0), description="Văn thư đã tiếp nhận, vào sổ đến số 7")
    assert axis_mock.post_message(signed(edxml.build_status(status))).json()["status"] == "accepted"
    received = axis_mock.wait_for(lambda: [m for m in axis_mock.received(MINISTRY)["messages"]
                                           if m["type"] == "status"])
    assert [(m["from"], m["status_code"], m["document_id"], m["description"]) for m in received] == [
        (PROVINCE, "03", sent["document_id"], "Văn thư đã tiếp nhận, vào sổ đến số 7")]


def test_a_restart_keeps_the_mailboxes_and_the_pki_and_sends_the_statuses_that_fell_due(axis_mock):
    ca = axis_mock.ca_path.read_bytes()
    axis_mock.behaviour(organ=MINISTRY, delays={"03": 2, "04": 2, "05": 2, "06": 2})
    axis_mock.post_message(signed_package())
    assert [e["status_code"] for e in axis_mock.wait_mailbox(PROVINCE, 1)] == ["01"]
    axis_mock.stop()
    time.sleep(2.5)  # 03 to 06 fall due while the mock is down
    axis_mock.start()
    assert axis_mock.ca_path.read_bytes() == ca
    entries = axis_mock.wait_mailbox(PROVINCE, 5, timeout=10)
    assert [e["status_code"] for e in entries] == PROGRESS
    assert [verified_status(axis_mock, e["id"]).code for e in entries] == PROGRESS


def test_down_window_answers_503_but_admin_and_health_still_work(axis_mock):
    handled = axis_mock.stats()["requests"]
    axis_mock.faults(down_for_seconds=30)
    assert axis_mock.call("GET", "/v1/organs").status_code == 503
    assert axis_mock.post_message(signed_package()).status_code == 503
    assert requests.get(f"{axis_mock.url}/health", timeout=5).status_code == 200
    assert axis_mock.stats()["requests"] == handled and axis_mock.received(MINISTRY)["messages"] == []
    axis_mock.faults(clear=True)
    assert axis_mock.call("GET", "/v1/organs").status_code == 200


def test_refuse_window_closes_the_socket_then_opens_it_again(axis_mock):
    axis_mock.post_message(signed_package())
    axis_mock.wait_mailbox(PROVINCE, 5)
    assert axis_mock.faults(refuse_for_seconds=1.5)["refuse_for_seconds"] > 0
    time.sleep(0.4)
    with pytest.raises(requests.ConnectionError):
        axis_mock.call("GET", "/v1/organs", timeout=2)
    axis_mock.wait_up()
    assert len(axis_mock.mailbox(PROVINCE)) == 5


def test_faults_are_set_through_the_admin_api_only(axis_mock):
    assert requests.post(f"{axis_mock.url}/admin/faults", json={"down_for_seconds": 5}, timeout=5).status_code == 401
    assert axis_mock.faults(latency_ms=50)["latency_ms"] == 50
    started = time.monotonic()
    axis_mock.call("GET", "/v1/organs")
    assert time.monotonic() - started >= 0.05
    response = axis_mock.admin("POST", "/admin/behaviour", {"organ": PROVINCE})
    assert response.status_code == 400 and json.loads(response.content)["error"]


def test_the_demo_sends_each_new_organ_one_letter_from_the_other_province(tmp_path):
    """AXIS_MOCK_DEMO (make run, docker-compose): the ward and the Office find a document from Nghệ An in their
    mailboxes a moment after the portal first registers them — once, whatever registers them again."""
    ward, office = "000.00.30.H49", "000.00.01.H49"
    mock = AxisMock(tmp_path, free_port(), {"AXIS_MOCK_DEMO": "true", "AXIS_MOCK_DEMO_DELAY_SECONDS": "0.5"})
    mock.start()
    try:
        mock.register(ward, "Ủy ban nhân dân phường Hạ Long").raise_for_status()
        [entry] = mock.wait_mailbox(ward, 1)
        assert (entry["type"], entry["from"], entry["business"]) == ("edoc", NGHE_AN, 0)
        letter = verified_package(mock, entry["id"])  # signed by Nghệ An, chained to the mock's root
        assert (letter.sender.name, letter.type_name, letter.signer_position) == (
            "Ủy ban nhân dân tỉnh Nghệ An", "Công văn", "Phó Chủ tịch")
        assert [r.name for r in letter.recipients] == ["Ủy ban nhân dân phường Hạ Long"]
        assert letter.subject.startswith("Về việc trao đổi kinh nghiệm") and letter.due_date > dt.date.today()
        text = pypdf.PdfReader(io.BytesIO(letter.attachments[0].content)).pages[0].extract_text()
        assert "Kính gửi: Ủy ban nhân dân phường Hạ Long" in text and "Trục liên thông" in text

        mock.register(ward, "UBND phường Hạ Long").raise_for_status()  # a rename: not new
        mock.restart()
        mock.register(office, "Văn phòng Ủy ban nhân dân tỉnh").raise_for_status()
        assert mock.wait_mailbox(office, 1)[0]["from"] == NGHE_AN
        time.sleep(1)
        assert [e["id"] for e in mock.mailbox(ward)] == [entry["id"]]
    finally:
        mock.stop()


def test_without_the_demo_a_new_organ_gets_nothing(axis_mock):
    organ_id = f"000.00.{uuid.uuid4().int % 90 + 10}.H21"
    axis_mock.register(organ_id, "Sở Tư pháp").raise_for_status()
    time.sleep(1)  # the tests' mock would send at once (AXIS_MOCK_DEMO_DELAY_SECONDS=0) were the demo on
    assert axis_mock.mailbox(organ_id) == [] and axis_mock.stats()["sent_by_organs"] == 0
