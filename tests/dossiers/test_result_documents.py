"""Dossier results are outgoing documents (issue 12 §2): the specialist drafts the birth registration's extract
from the procedure's template, the leader sees it in the page before the PIN and signs it, the ward's clerk
numbers it in the outgoing register and the agency's signature covers it, and the citizen downloads and
verifies the numbered, twice-signed result. One flow, one numbering, one signing service."""

from __future__ import annotations

import shutil
import subprocess
from decimal import Decimal
from urllib.parse import urlsplit

import pytest
from django.test import Client
from django.urls import reverse

from documents.models import Document, DocumentEvent, Register
from dossiers.lookups import lookup_url
from dossiers.models import Dossier, DossierEvent, DossierStep
from dossiers.services import result_draft_attach, step_complete, step_complete_with_pin, step_return
from procedures.services import StepData
from signatures.models import SignatureRecord, SoftwareToken
from tests.dossiers.api_helpers import as_user, error, ok, send, url
from tests.dossiers.factories import make_world, pdf_bytes, pdf_upload
from tests.dossiers.result_helpers import PIN, birth_dossier, certify, with_birth_form
from tests.dossiers.test_slips import pdf_text, poppler_text
from tests.qr import qr_texts

pytestmark = [pytest.mark.django_db,
              pytest.mark.skipif(shutil.which("pdfsig") is None, reason="needs poppler-utils")]
WARD = "Ủy ban nhân dân phường Hạ Long"


@pytest.fixture
def world(world, settings):
    settings.SIGNATURES_CA_KEY_BITS = settings.SIGNATURES_KEY_BITS = 2048
    return with_birth_form(world)


def login(user) -> Client:
    client = Client()
    client.cookies["django_language"] = "en"
    client.force_login(user)
    return client


def page(client, dossier) -> str:
    response = client.get(reverse("dossiers:detail", kwargs={"uuid": dossier.uuid}))
    assert response.status_code == 200
    return response.content.decode()


def step_act(client, dossier, position, action, data=None, **extra):
    target = reverse("dossiers:step_act", kwargs={"uuid": dossier.uuid, "position": position, "action": action})
    return client.post(target, data or {}, **extra)


def pdfsig(content: bytes, tmp_path) -> list[str]:
    """pdfsig's report of each signature (poppler), in order; a signature field left empty is not one."""
    path = tmp_path / "ket-qua.pdf"
    path.write_bytes(content)
    out = subprocess.run(["pdfsig", "-nocert", str(path)], capture_output=True, text=True, timeout=60).stdout
    return [block for block in out.split("Signature #")[1:] if "field is not signed" not in block]


def streamed(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


def at_leader(world) -> Dossier:
    """The specialist generated the extract and completed their step: the leader's approval is to do."""
    dossier = birth_dossier(world)
    result_draft_attach(dossier=dossier, position=2, user=world.specialist, generate=True)
    step_complete(dossier=dossier, position=2, user=world.specialist)
    dossier.refresh_from_db()
    return dossier


def test_the_birth_extract_from_the_specialist_to_the_citizen_numbered_and_signed_twice(world, tmp_path):
    certify(world)
    dossier = birth_dossier(world)
    specialist = login(world.specialist)
    assert "template: Birth registration extract (Trích lục khai sinh)" in page(specialist, dossier)
    assert step_act(specialist, dossier, 2, "draft_result", {"draft_result-generate": "on"}).status_code == 302
    assert step_act(specialist, dossier, 2, "complete", {}).status_code == 302

    # The leader reads the exact PDF to sign in the page, above the PIN.
    leader = login(world.leader)
    html = page(leader, dossier)
    dossier.refresh_from_db()
    document = dossier.result_document
    draft = document.files.get(kind="draft")
    frame = reverse("dossiers:result_document", kwargs={"uuid": dossier.uuid}) + "?view=1"
    assert f'<iframe class="viewer__frame draft-preview" src="{frame}"' in html
    assert html.index(frame) < html.index('name="complete-pin"')
    assert f'name="complete-expected_sha256" value="{draft.sha256}"' in html
    assert "Approve and sign the result" in html and "you sign exactly that file with your certificate" in html
    shown = leader.get(frame, HTTP_SEC_FETCH_DEST="iframe")
    assert "sandbox" in shown["Content-Security-Policy"] and "inline" in shown["Content-Disposition"]
    to_sign = streamed(shown)
    with draft.file.open("rb") as handle:
        assert to_sign == handle.read()
    assert "NGUYỄN MINH KHANG" in pdf_text(to_sign) and "Số:" not in poppler_text(to_sign)
    response = step_act(leader, dossier, 3, "complete", {"complete-pin": PIN, "complete-expected_sha256": draft.sha256})
    assert response.status_code == 302
    document.refresh_from_db()
    assert document.state == Document.State.SIGNED and not document.code_number

    # The ward's clerk numbers it: "Số: 01/TLKS-UBND" on its face, the agency's signature over the whole.
    clerk = login(world.clerk)
    html = page(clerk, dossier)
    assert "Number the result and send it to the desk" in html and "Sổ đăng ký văn bản đi" in html
    response = step_act(clerk, dossier, 4, "complete", {}, follow=True)
    assert f"Dossier {dossier.code} is processed: its result, numbered 01/TLKS-UBND, is ready to return." in (
        response.content.decode())
    dossier.refresh_from_db()
    content = dossier.result_file.read()
    face = poppler_text(content)
    assert "TRÍCH LỤC KHAI SINH" in face and "NGUYỄN MINH KHANG" in face and "PHẠM THỊ HƯƠNG" in face
    assert "Số: 01/TLKS-UBND" in face and "Hạ Long, ngày" in face and "Hoàng Văn Em" in face
    # Under it, a QR code opens the public lookup of its dossier.
    assert f"Mã hồ sơ {dossier.code}. Quét mã QR để tra cứu hồ sơ" in " ".join(face.split())
    assert qr_texts(content) == [lookup_url(dossier.code)]
    scanned = Client()
    scanned.cookies["django_language"] = "en"
    scanned_url = urlsplit(qr_texts(content)[0])
    lookup = " ".join(scanned.get(f"{scanned_url.path}?{scanned_url.query}").content.decode().split())
    assert f"No. 01/TLKS-UBND of {world.commune_agency.name}" in lookup and "Digitally signed" in lookup
    signatures = pdfsig(content, tmp_path)
    assert len(signatures) == 2 and all("Signature Validation: Signature is Valid." in s for s in signatures)
    assert "Signer Certificate Common Name: Hoàng Văn Em" in signatures[0]
    assert f"Signer Certificate Common Name: {WARD}" in signatures[1] and "Total document signed" in signatures[1]

    # It is the agency's outgoing document no. 01 of its register, issued; the dossier's result is its PDF.
    document.refresh_from_db()
    assert (document.state, document.code_number, document.code_notation) == ("issued", "01", "TLKS-UBND")
    assert document.register.name == "Sổ đăng ký văn bản đi" and document.register.agency == world.commune_agency
    assert document.result_of == dossier.code and document.subject == "Trích lục khai sinh cho Nguyễn Minh Khang"
    assert document.document_type.abbreviation == "TLKS" and document.issued_date is not None
    assert Document.objects.filter(register=document.register, code_number__gt="").count() == 1
    with document.files.get(kind="main").file.open("rb") as handle:
        assert handle.read() == content
    assert dossier.result_name == "01-TLKS-UBND.pdf" and dossier.state == Dossier.State.RESULT_READY

    # Returned to the citizen as before: received online, downloaded, verified on the public page.
    ok(send(world.citizen, dossier, "return"))
    citizen = login(world.citizen)
    downloaded = streamed(citizen.get(reverse("dossiers:result", kwargs={"uuid": dossier.uuid})))
    assert downloaded == content
    body = as_user(world.citizen).get(url(dossier)).json()
    assert body["result_number"] == "01/TLKS-UBND" and body["result_document"] is None
    report = Client()
    report.cookies["django_language"] = "en"
    verified = report.post(reverse("signatures:verify"), {"file": _named(downloaded)}).content.decode()
    assert "The document is intact and every signature is valid." in verified
    assert "Signature 1: Hoàng Văn Em" in verified and f"Signature 2: {WARD}" in verified


def _named(content: bytes):
    import io

    handle = io.BytesIO(content)
    handle.name = "ket-qua.pdf"
    return handle


def test_a_wrong_pin_changes_nothing(world):
    certify(world)
    dossier = at_leader(world)
    document = dossier.result_document
    files, records = document.files.count(), SignatureRecord.objects.count()
    response = step_act(login(world.leader), dossier, 3, "complete", {"complete-pin": "000111"})
    assert response.status_code == 400 and "Wrong PIN. 4 attempts left" in response.content.decode()
    document.refresh_from_db()
    assert document.state == Document.State.TO_SIGN and document.files.count() == files
    assert SignatureRecord.objects.count() == records and not Dossier.objects.get(pk=dossier.pk).result_signed_by
    assert DossierStep.objects.get(dossier=dossier, position=3).state != DossierStep.State.DONE
    assert SoftwareToken.objects.get(certificate__holder=world.leader).failed_attempts == 1


def test_a_draft_changed_after_the_leader_opened_it_is_not_signed(world):
    certify(world)
    dossier = at_leader(world)
    response = step_act(login(world.leader), dossier, 3, "complete",
                        {"complete-pin": PIN, "complete-expected_sha256": "0" * 64})
    assert response.status_code == 409 and "The draft changed after you opened it" in response.content.decode()
    assert Document.objects.get(pk=dossier.result_document_id).state == Document.State.TO_SIGN
    body = send(world.leader, dossier, "steps/3/complete", {"pin": PIN, "expected_sha256": "1" * 64}, multipart=True)
    assert error(body) == (409, "dossier.result_changed")


def test_an_uploaded_result_goes_through_the_same_pipeline(world, tmp_path):
    certify(world)
    dossier = birth_dossier(world)
    upload = pdf_bytes("Trich luc khai sinh (ban tai len)")
    ok(send(world.specialist, dossier, "steps/2/draft-result", {"draft": pdf_upload("trich-luc.pdf", upload)},
            multipart=True))
    step_complete(dossier=dossier, position=2, user=world.specialist)
    body = as_user(world.leader).get(url(dossier)).json()
    assert body["result_document"]["state"] == "to_sign"
    ok(send(world.leader, dossier, "steps/3/complete",
            {"pin": PIN, "expected_sha256": body["result_document"]["sha256"]}, multipart=True))
    ok(send(world.clerk, dossier, "steps/4/complete", {}, multipart=True))
    dossier.refresh_from_db()
    content = dossier.result_file.read()
    assert content.startswith(upload)  # the upload itself, its fields, number and signatures added after it
    face = poppler_text(content, layout=True)  # the number and the date in the top margin of the first page
    assert any("Số: 01/TLKS-UBND" in line and "Hạ Long, ngày" in line for line in face.splitlines())
    assert "Trich luc khai sinh (ban tai len)" in face
    signatures = pdfsig(content, tmp_path)
    assert len(signatures) == 2 and all("Signature Validation: Signature is Valid." in s for s in signatures)

    # A PDF that carries signatures already is refused as a draft: the leader signs in the portal.
    other = birth_dossier(world, index=1)
    refused = send(world.specialist, other, "steps/2/draft-result", {"draft": pdf_upload("ky-roi.pdf", content)},
                   multipart=True)
    assert error(refused) == (400, "dossier.result_pdf") and "already carries digital signatures" in (
        refused.json()["message"])


def test_without_a_clerks_step_the_system_numbers_the_result_at_the_approval(db, settings, tmp_path):
    settings.SIGNATURES_CA_KEY_BITS = settings.SIGNATURES_KEY_BITS = 2048
    world = with_birth_form(make_world(steps=(
        StepData(name="Tiếp nhận hồ sơ", responsible_role="officer", duration=Decimal("0.5")),
        StepData(name="Thẩm định, dự thảo kết quả", responsible_role="specialist", duration=Decimal("2")),
        StepData(name="Ký trích lục", responsible_role="leader", duration=Decimal("0.5")),
    )))
    certify(world)
    dossier = at_leader(world)
    html = page(login(world.leader), dossier)
    assert "The System then numbers it in the agency" in html
    step_complete_with_pin(dossier=dossier, position=3, user=world.leader, pin=PIN)
    dossier.refresh_from_db()
    assert dossier.state == Dossier.State.RESULT_READY and dossier.result_document.number_display == "01/TLKS-UBND"
    event = dossier.events.get(kind=DossierEvent.Kind.STEP_COMPLETED, step__position=3)
    assert event.data["number"] == "01/TLKS-UBND" and event.data["automatic"] is True
    numbered = dossier.result_document.events.get(kind=DocumentEvent.Kind.NUMBERED)
    assert numbered.actor == world.leader and numbered.data["automatic"] is True
    signatures = pdfsig(dossier.result_file.read(), tmp_path)
    assert len(signatures) == 2 and all("Signature Validation: Signature is Valid." in s for s in signatures)


def test_results_take_the_registers_next_numbers_and_a_leader_without_certificate_approves_unsigned(world, tmp_path):
    certify(world, user=world.clerk)  # the ward's organisation certificate; the leader holds none
    register = Register.objects.create(agency=world.commune_agency, direction="outgoing", name="Sổ văn bản đi 2026")
    numbers = []
    for index in range(2):
        dossier = at_leader(world) if index == 0 else _at_leader_again(world, index)
        step_complete(dossier=dossier, position=3, user=world.leader)
        step_complete(dossier=dossier, position=4, user=world.clerk)
        dossier.refresh_from_db()
        numbers.append(dossier.result_document.number_display)
        assert dossier.result_document.register == register and not dossier.result_signed_by
    assert numbers == ["01/TLKS-UBND", "02/TLKS-UBND"]
    content = dossier.result_file.read()
    signatures = pdfsig(content, tmp_path)  # the agency's alone
    assert len(signatures) == 1 and f"Signer Certificate Common Name: {WARD}" in signatures[0]
    assert "Số: 02/TLKS-UBND" in poppler_text(content)
    signed = dossier.result_document.events.get(kind=DocumentEvent.Kind.SIGNED)
    assert signed.data == {"digital": False} and signed.actor == world.leader


def _at_leader_again(world, index):
    dossier = birth_dossier(world, index=index)
    result_draft_attach(dossier=dossier, position=2, user=world.specialist, generate=True)
    step_complete(dossier=dossier, position=2, user=world.specialist)
    dossier.refresh_from_db()
    return dossier


def test_the_documents_pages_show_the_result_but_its_commands_are_the_dossiers(world):
    certify(world)
    dossier = at_leader(world)
    step_complete_with_pin(dossier=dossier, position=3, user=world.leader, pin=PIN)
    document = Document.objects.get(pk=dossier.result_document_id)
    clerk = login(world.clerk)
    to_issue = clerk.get(reverse("documents:outgoing_list", kwargs={"key": "to_issue"})).content.decode()
    assert document.subject not in to_issue  # it waits in the dossiers' worklist instead
    html = clerk.get(reverse("documents:detail", kwargs={"uuid": document.uuid})).content.decode()
    assert f"This document is the result of dossier {dossier.code}" in html and 'id="action-number"' not in html
    refused = clerk.post(reverse("documents:outgoing_act", kwargs={"uuid": document.uuid, "action": "number"}),
                         {"issue": "on"})
    assert refused.status_code == 409
    api = Client()
    api.force_login(world.clerk)
    answer = api.post(f"/api/v1/documents/{document.uuid}/number/", {}, content_type="application/json")
    assert answer.status_code == 409 and answer.json()["code"] == "document.dossier_result"
    document.refresh_from_db()
    assert document.state == Document.State.SIGNED and not document.code_number


def test_steps_sent_back_keep_one_document_and_a_new_draft_withdraws_the_signature(world, tmp_path):
    certify(world)
    dossier = at_leader(world)
    step_complete_with_pin(dossier=dossier, position=3, user=world.leader, pin=PIN)
    # The clerk sends it back to the leader, who completes again: it is signed already, nothing is re-signed.
    step_return(dossier=dossier, position=4, user=world.clerk, note="Kiểm tra lại nơi sinh")
    step_complete(dossier=dossier, position=3, user=world.leader)
    document = Document.objects.get(pk=dossier.result_document_id)
    assert document.state == Document.State.SIGNED and document.files.filter(kind="draft").count() == 2
    # Back to the specialist, who drafts again: a new version of the same document, to sign again.
    step_return(dossier=dossier, position=4, user=world.clerk, note="Sai nơi sinh")
    step_return(dossier=dossier, position=3, user=world.leader, note="Sửa nơi sinh")
    result_draft_attach(dossier=dossier, position=2, user=world.specialist, generate=True, note="Đã sửa")
    document.refresh_from_db()
    assert document.state == Document.State.TO_SIGN and document.files.filter(kind="draft").count() == 3
    assert document.events.filter(kind=DocumentEvent.Kind.EDITED, data__signature_withdrawn=True).exists()
    step_complete(dossier=dossier, position=2, user=world.specialist)
    step_complete_with_pin(dossier=dossier, position=3, user=world.leader, pin=PIN)
    step_complete(dossier=dossier, position=4, user=world.clerk)
    dossier.refresh_from_db()
    assert Document.objects.filter(result_of=dossier.code).count() == 1
    assert dossier.result_document.number_display == "01/TLKS-UBND"
    signatures = pdfsig(dossier.result_file.read(), tmp_path)
    assert len(signatures) == 2 and all("Signature Validation: Signature is Valid." in s for s in signatures)
