"""The draft result: the specialist attaches or generates it at the step that drafts the result, the leader
sees it in the approval page and approves it (signing it when they hold a certificate), replaces it or sends
the step back; completing the approval step without a file issues the draft."""

import hashlib
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse

from dossiers.models import DossierEvent, DossierStep, ResultDraft
from dossiers.services import drafting_step, result_draft_attach, step_complete, step_take
from procedures.services import StepData
from signatures import pdfforms
from signatures import services as signature_services
from signatures.selectors import verification_trust
from signatures.verification import verify_pdf
from tests.dossiers.api_helpers import as_user, error, ok, send
from tests.dossiers.api_helpers import url as api_url
from tests.dossiers.factories import make_world, pdf_bytes, pdf_upload, png_bytes, received
from tests.dossiers.test_slips import pdf_text, poppler_text

pytestmark = pytest.mark.django_db
PIN = "482915"


def login(user, lang="en") -> Client:
    client = Client()
    client.cookies["django_language"] = lang
    client.force_login(user)
    return client


def page(client, dossier) -> str:
    response = client.get(reverse("dossiers:detail", kwargs={"uuid": dossier.uuid}))
    assert response.status_code == 200
    return response.content.decode()


def step_act(client, dossier, position, action, data=None, *, follow=False):
    target = reverse("dossiers:step_act", kwargs={"uuid": dossier.uuid, "position": position, "action": action})
    return client.post(target, data or {}, follow=follow)


def at_specialist(world):
    """Received: the receipt did the one-stop officer's first step, so the specialist's is current."""
    dossier = received(world)
    assert dossier.steps.get(position=1).state == "done" and dossier.steps.get(position=2).state == "active"
    return dossier


def result_bytes(dossier) -> bytes:
    dossier.refresh_from_db()
    with dossier.result_file.open("rb") as handle:
        return handle.read()


def test_the_drafting_step_is_marked_from_the_catalogue(world):
    steps = list(at_specialist(world).steps.order_by("position"))
    assert [s.drafts_result for s in steps] == [False, True, False, False]  # "Thẩm định hồ sơ, dự thảo kết quả"
    assert drafting_step(steps).position == 2
    assert world.version.steps.get(position=2).drafts_result is True


def test_without_a_marked_step_the_specialist_before_the_approval_drafts(db):
    plain = make_world(steps=(
        StepData(name="Tiếp nhận hồ sơ", responsible_role="officer", duration=Decimal("0.5")),
        StepData(name="Thẩm định, trình ký", responsible_role="specialist", duration=Decimal("2")),
        StepData(name="Ký giấy khai sinh", responsible_role="leader", duration=Decimal("0.5")),
    ))
    steps = list(at_specialist(plain).steps.order_by("position"))
    assert not any(s.drafts_result for s in steps)
    assert drafting_step(steps).position == 2


def test_specialist_attaches_a_draft_the_leader_sees_and_approves_it_without_uploading_again(world):
    dossier = at_specialist(world)
    specialist = login(world.specialist)
    html = page(specialist, dossier)
    assert "Attach the draft result" in html and 'name="draft_result-draft"' in html
    assert "No draft result is attached yet" in html

    content = pdf_bytes("Du thao giay khai sinh")
    response = step_act(specialist, dossier, 2, "draft_result",
                        {"draft_result-draft": pdf_upload("du-thao.pdf", content),
                         "draft_result-note": "Kính trình lãnh đạo"}, follow=True)
    text = response.content.decode()
    assert f"The draft result of dossier {dossier.code} is attached" in text
    assert "du-thao.pdf" in text and "Replace the draft result" in text and "No draft result is attached yet" not in text
    draft = ResultDraft.objects.get(dossier=dossier)
    with draft.file.open("rb") as handle:
        prepared = handle.read()
    # The upload itself, with the empty fields of its number, date and signatures added after it.
    assert prepared.startswith(content) and set(pdfforms.field_names(prepared)) == {
        "SoKyHieu", "NgayBanHanh", "ChuKyLanhDao", "ChuKyCoQuan"}
    assert draft.sha256 == hashlib.sha256(prepared).hexdigest() and draft.created_by == world.specialist
    event = dossier.events.get(kind=DossierEvent.Kind.RESULT_DRAFTED)
    assert (event.actor, event.step.position, event.note) == (world.specialist, 2, "Kính trình lãnh đạo")
    assert dossier.steps.get(position=2).handler == world.specialist  # attaching the draft took the step
    step_act(specialist, dossier, 2, "complete", {"complete-note": "Đủ điều kiện"})

    leader = login(world.leader)
    html = page(leader, dossier)
    frame = reverse("dossiers:result_document", kwargs={"uuid": dossier.uuid}) + "?view=1"
    viewer = reverse("dossiers:result_draft_view", kwargs={"uuid": dossier.uuid, "draft_id": draft.pk})
    assert f'<iframe class="viewer__frame draft-preview" src="{frame}"' in html and viewer in html
    assert "Kính trình lãnh đạo" in html and "Phạm Thị Dung" in html
    assert "Approve the result" in html and "Leave empty to issue the draft result shown on this page." in html
    framed = leader.get(frame, HTTP_SEC_FETCH_DEST="iframe")
    assert framed.status_code == 200 and b"".join(framed.streaming_content) == prepared  # what is signed
    assert "inline" in framed["Content-Disposition"] and "sandbox" in framed["Content-Security-Policy"]
    assert leader.get(viewer).status_code == 200

    response = step_act(leader, dossier, 3, "complete", {}, follow=True)
    assert f"Step 3 of dossier {dossier.code} is done; the next step is to do." in response.content.decode()
    completed = dossier.events.get(kind=DossierEvent.Kind.STEP_COMPLETED, step__position=3)
    assert completed.data["draft"] == draft.pk
    step_complete(dossier=dossier, position=4, user=world.clerk)
    result = result_bytes(dossier)
    assert result.startswith(prepared) and dossier.result_name == "01-TLKS-UBND.pdf"
    assert "Du thao giay khai sinh" in pdf_text(result) and "Số: 01/TLKS-UBND" in poppler_text(result)


def test_a_generated_draft_is_laid_out_for_the_leader_and_numbered_by_the_clerk(world):
    dossier = at_specialist(world)
    ok(send(world.specialist, dossier, "steps/2/draft-result", {"generate": "true"}, multipart=True))
    draft = ResultDraft.objects.get(dossier=dossier)
    with draft.file.open("rb") as handle:
        text = pdf_text(handle.read())
    assert draft.generated and draft.original_name == f"du-thao-ket-qua-{dossier.code}.pdf"
    assert "TRÍCH LỤC KHAI SINH" in text and "ỦY BAN NHÂN DÂN" in text and "PHƯỜNG HẠ LONG" in text
    assert "Số:" not in text  # the number's place is an empty field until the clerk's step
    assert "Hoàng Văn Em" in text and "NGUYỄN VĂN AN" in text and dossier.code in text
    step_complete(dossier=dossier, position=2, user=world.specialist)
    step_complete(dossier=dossier, position=3, user=world.leader)  # nothing uploaded: the draft is approved
    step_complete(dossier=dossier, position=4, user=world.clerk)
    final = poppler_text(result_bytes(dossier))  # the number is written in its field, which poppler reads
    assert "Hoàng Văn Em" in final and "Số: 01/TLKS-UBND" in final


def test_a_new_draft_replaces_the_current_one_and_the_earlier_stays_as_history(world):
    dossier = at_specialist(world)
    first = result_draft_attach(dossier=dossier, position=2, user=world.specialist,
                                draft=pdf_upload("lan-1.pdf", pdf_bytes("first")))
    second = result_draft_attach(dossier=dossier, position=2, user=world.specialist,
                                 draft=pdf_upload("lan-2.pdf", pdf_bytes("second")))
    first.refresh_from_db()
    assert (first.is_current, second.is_current) == (False, True)
    step_complete(dossier=dossier, position=2, user=world.specialist)
    html = page(login(world.leader), dossier)
    assert "lan-2.pdf" in html and "1 earlier draft" in html and "lan-1.pdf" in html
    assert dossier.events.filter(kind=DossierEvent.Kind.RESULT_DRAFTED).count() == 2


def test_the_leader_signs_the_draft_with_the_pin(world, settings):
    settings.SIGNATURES_CA_KEY_BITS = settings.SIGNATURES_KEY_BITS = 2048
    signature_services.ca_init()
    request = signature_services.certificate_request_create(admin=world.admin, official=world.leader)
    request = signature_services.certificate_request_approve(request=request, admin=world.admin)
    signature_services.certificate_issue(request=request, official=world.leader, pin=PIN, pin_confirm=PIN)
    dossier = at_specialist(world)
    content = pdf_bytes("Du thao")
    result_draft_attach(dossier=dossier, position=2, user=world.specialist, draft=pdf_upload("du-thao.pdf", content))
    step_complete(dossier=dossier, position=2, user=world.specialist)
    leader = login(world.leader)
    missing = step_act(leader, dossier, 3, "complete", {})
    assert missing.status_code == 400 and "Enter the PIN of your certificate" in missing.content.decode()
    step_act(leader, dossier, 3, "complete", {"complete-pin": PIN})
    step_complete(dossier=dossier, position=4, user=world.clerk)
    signed = result_bytes(dossier)
    trust, revoked = verification_trust()
    assert "Du thao" in pdf_text(signed)  # the draft's own text, now signed
    assert verify_pdf(signed, trust=trust, revocations=revoked).ok and dossier.result_signed_by


def test_the_leader_may_issue_another_file_or_replace_the_draft_or_send_it_back(world):
    dossier = at_specialist(world)
    result_draft_attach(dossier=dossier, position=2, user=world.specialist, draft=pdf_upload("du-thao.pdf"))
    step_complete(dossier=dossier, position=2, user=world.specialist)
    leader = login(world.leader)
    html = page(leader, dossier)
    assert "Send back to the previous step" in html and "Replace the draft result" in html
    replaced = step_act(leader, dossier, 3, "draft_result",
                        {"draft_result-draft": pdf_upload("sua.pdf", pdf_bytes("leader's version"))}, follow=True)
    assert "sua.pdf" in replaced.content.decode()
    other = pdf_bytes("another result")
    step_act(leader, dossier, 3, "complete", {"complete-result": pdf_upload("khac.pdf", other)})
    step_complete(dossier=dossier, position=4, user=world.clerk)
    assert result_bytes(dossier).startswith(other) and "another result" in pdf_text(result_bytes(dossier))

    sent_back = at_specialist(world)
    result_draft_attach(dossier=sent_back, position=2, user=world.specialist, draft=pdf_upload())
    step_complete(dossier=sent_back, position=2, user=world.specialist)
    step_act(leader, sent_back, 3, "send_back", {"send_back-note": "Sửa lại họ tên"})
    assert sent_back.steps.get(position=2).state == DossierStep.State.ACTIVE
    assert "Sửa lại họ tên" in page(login(world.specialist), sent_back)


def test_who_may_attach_a_draft_and_what(world):
    dossier = at_specialist(world)
    assert error(send(world.officer, dossier, "steps/2/draft-result", {"generate": "true"}, multipart=True)) == (
        403, "dossier.forbidden")
    assert error(send(world.citizen, dossier, "steps/2/draft-result", {"generate": "true"}, multipart=True)) == (
        403, "dossier.forbidden")
    missing = send(world.specialist, dossier, "steps/2/draft-result", {}, multipart=True)
    assert error(missing) == (400, "dossier.draft_missing") and list(missing.json()["extra"]["errors"]) == ["draft"]
    image = {"draft": pdf_upload("anh.png", png_bytes())}
    assert error(send(world.specialist, dossier, "steps/2/draft-result", image, multipart=True)) == (
        400, "dossier.result_not_pdf")
    vietnamese = send(world.specialist, dossier, "steps/2/draft-result", {}, multipart=True, lang="vi")
    assert vietnamese.json()["message"] == ("Đính kèm dự thảo kết quả (PDF), hoặc chọn tạo dự thảo từ mẫu của "
                                            "thủ tục.")
    colleague = type(world.specialist).objects.create(username="chuyenvien2", role="specialist",
                                                      agency=world.commune_agency, full_name="Đỗ Văn Hòa")
    step_take(dossier=dossier, position=2, user=world.specialist)
    assert error(send(colleague, dossier, "steps/2/draft-result", {"generate": "true"}, multipart=True)) == (
        409, "dossier.step_taken")
    # The clerk's step after the approval is not a drafting step.
    result_draft_attach(dossier=dossier, position=2, user=world.specialist, generate=True)
    step_complete(dossier=dossier, position=2, user=world.specialist)
    step_complete(dossier=dossier, position=3, user=world.leader)
    assert error(send(world.clerk, dossier, "steps/4/draft-result", {"generate": "true"}, multipart=True)) == (
        400, "dossier.draft_not_here")
    assert "steps/4/draft-result" not in as_user(world.clerk).get(api_url(dossier)).json()["actions"]
    assert not ResultDraft.objects.filter(dossier=dossier, created_by=world.clerk).exists()


def test_the_applicant_never_sees_the_drafts(world):
    dossier = at_specialist(world)
    draft = result_draft_attach(dossier=dossier, position=2, user=world.specialist, generate=True,
                                note="Ghi chú nội bộ")
    citizen = login(world.citizen)
    for name in ("dossiers:result_draft", "dossiers:result_draft_view"):
        target = reverse(name, kwargs={"uuid": dossier.uuid, "draft_id": draft.pk})
        assert citizen.get(target).status_code == 404
        assert login(world.other_citizen).get(target).status_code == 404
        assert login(world.clerk).get(target).status_code == 200  # an official of the agency
    text = page(citizen, dossier)
    assert "Draft result" not in text and "Ghi chú nội bộ" not in text
    body = as_user(world.citizen).get(api_url(dossier)).json()
    assert body["result_draft"] is None and "result_drafted" not in [e["kind"] for e in body["events"]]
    official = as_user(world.specialist).get(api_url(dossier)).json()
    assert official["result_draft"]["generated"] is True and official["result_draft"]["step"] == 2
    assert "result_drafted" in [e["kind"] for e in official["events"]]


def test_the_draft_page_reads_in_vietnamese(world):
    dossier = at_specialist(world)
    result_draft_attach(dossier=dossier, position=2, user=world.specialist, generate=True)
    step_complete(dossier=dossier, position=2, user=world.specialist)
    html = page(login(world.leader, lang="vi"), dossier)
    assert "Dự thảo kết quả" in html and "Phê duyệt kết quả" in html
    assert "Đồng chí kiểm tra kết quả hiển thị trên trang này" in html
    assert "Để trống để ban hành dự thảo kết quả hiển thị trên trang này." in html
