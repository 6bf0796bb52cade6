"""The outgoing flow over the API: a draft created with JSON (composed) or multipart (a file), each step an
explicit command answering the document; wrong PINs counted, who may act enforced, other agencies' documents
answered 404."""

import json

import pytest
from django.test import Client

from documents.models import Document
from signatures.models import SoftwareToken
from tests.documents.outgoing_helpers import (
    PIN,
    draft,
    pdf_upload,
    recipients_to,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("outgoing_env")]
BASE = "/api/v1/documents/"


def _client(user) -> Client:
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(user)
    return client


def _post(user, path, data=None, *, multipart=False):
    client = _client(user)
    if multipart:
        return client.post(BASE + path, data or {})
    return client.post(BASE + path, data or {}, content_type="application/json")


def _command(user, document, command, data=None):
    return _post(user, f"{document.uuid}/{command}/", data)


def _code(response) -> tuple[int, str]:
    return response.status_code, response.json()["code"]


def test_the_whole_flow_by_api(certified, other_office):
    office = certified
    created = _post(office.specialist, "outgoing/", {
        "document_type": "cong-van", "subject": "Trả lời về việc ngày hội", "signer": office.leader.username,
        "urgency": 2, "recipients": [{"agency": other_office.agency.code}, {"unit": "VP", "for_information": True}],
        "body": "Ủy ban nhân dân xã trả lời như sau."})
    assert created.status_code == 201, created.json()
    body = created.json()
    document = Document.objects.get(uuid=body["uuid"])
    assert body["state"] == "draft" and body["urgency"] == 2 and len(body["recipients"]) == 2
    assert _command(office.specialist, document, "submit").json()["state"] == "in_review"
    assert _command(office.head, document, "approve", {"note": "Đồng ý"}).json()["state"] == "to_sign"
    draft_sha = document.files.order_by("-version").first().sha256
    assert _code(_command(office.leader, document, "sign", {"pin": "999999"})) == (400, "signatures.wrong_pin")
    assert SoftwareToken.objects.get(certificate__holder=office.leader).failed_attempts == 1
    assert _code(_command(office.leader, document, "sign", {"pin": PIN, "expected_sha256": "0" * 64})) == \
        (409, "document.preview_stale")
    signed = _command(office.leader, document, "sign", {"pin": PIN, "expected_sha256": draft_sha})
    assert signed.status_code == 200 and signed.json()["state"] == "signed"
    assert _code(_command(office.clerk, document, "number", {"register": "Sổ văn bản đi mật"})) == \
        (400, "document.wrong_register")
    numbered = _command(office.clerk, document, "number", {"register": "Sổ văn bản đi"}).json()
    assert numbered["number"] == "01/UBND-VX" and numbered["state"] == "signed"
    issued = _command(office.clerk, document, "issue").json()
    assert issued["state"] == "issued"
    statuses = {r["name"]: r["status"] for r in issued["recipients"]}
    assert statuses == {"Ủy ban nhân dân xã Bình An": "received", "Văn phòng": "received"}
    assert _code(_command(office.clerk, document, "issue")) == (409, "document.bad_state")
    recalled = _command(office.clerk, document, "recall", {"reason": "Ban hành nhầm"}).json()
    assert recalled["state"] == "recalled"


def test_a_draft_with_a_file_by_multipart(office, other_office):
    created = _post(office.specialist, "outgoing/", {
        "document_type": "quyet-dinh", "subject": "Về việc khen thưởng", "signer": office.leader.username,
        "recipients": json.dumps([{"agency": other_office.agency.code}]), "file": pdf_upload()}, multipart=True)
    assert created.status_code == 201, created.json()
    assert created.json()["files"][0]["kind"] == "draft"


def test_bad_input_is_refused_field_by_field(office, other_office):
    refused = _post(office.specialist, "outgoing/", {
        "document_type": "khong-co", "subject": "x", "signer": "nobody", "recipients": [{"agency": "H99"}],
        "body": "x"})
    assert refused.status_code == 400
    assert set(refused.json()["extra"]["errors"]) == {"document_type", "signer", "recipients.0"}
    secret = _post(office.specialist, "outgoing/", {
        "document_type": "cong-van", "subject": "Mật", "signer": office.leader.username, "secrecy": 1,
        "recipients": [{"name": "Báo Nhân Dân"}], "body": "x"})
    assert _code(secret) == (400, "document.secret_external")
    assert not Document.objects.exists()


def test_who_may_act_is_enforced_and_other_agencies_get_404(office, other_office, letter_type):
    document = draft(office, letter_type, to=recipients_to(other_office.agency))
    assert _command(other_office.clerk, document, "submit").status_code == 404
    assert _command(office.head, document, "submit").status_code == 404  # a draft is its drafter's until sent on
    assert _code(_command(office.clerk, document, "submit")) == (403, "document.forbidden")
    assert _command(office.specialist, document, "submit").status_code == 200
    assert _code(_command(office.specialist, document, "approve")) == (403, "document.forbidden")
    assert _code(_command(office.leader, document, "approve")) == (403, "document.forbidden")
    assert _code(_command(office.leader, document, "sign", {"pin": PIN})) == (409, "document.bad_state")


def test_revise_by_api_changes_only_what_is_given(office, other_office, letter_type):
    document = draft(office, letter_type, to=recipients_to(other_office.agency))
    response = _post(office.specialist, f"{document.uuid}/revise/", {"subject": "Trích yếu mới", "note": "sửa"})
    assert response.status_code == 200, response.json()
    document.refresh_from_db()
    assert document.subject == "Trích yếu mới" and document.recipients.count() == 1
    assert document.files.filter(kind="draft").count() == 2  # a composed draft is laid out anew
