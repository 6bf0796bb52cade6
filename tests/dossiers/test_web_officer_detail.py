"""The dossier page for officials and every action through it: what is offered to whom, what each POST
changes, and how a refused action is shown (400 with field errors, 403, 404, 409 changing nothing)."""

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from dossiers.models import Dossier, DossierEvent, DossierStep
from dossiers.services import dossier_request_supplement, step_complete
from tests.dossiers.factories import pdf_upload, received, result_ready, submitted
from tests.factories import AgencyFactory, UserFactory

pytestmark = pytest.mark.django_db


def login(user) -> Client:
    client = Client()
    client.cookies["django_language"] = "en"
    client.force_login(user)
    return client


def page(client, dossier) -> str:
    response = client.get(reverse("dossiers:detail", kwargs={"uuid": dossier.uuid}))
    assert response.status_code == 200
    return response.content.decode()


def act(client, dossier, action, data=None, *, follow=False):
    return client.post(reverse("dossiers:act", kwargs={"uuid": dossier.uuid, "action": action}), data or {},
                       follow=follow)


def step_act(client, dossier, position, action, data=None, *, follow=False):
    url = reverse("dossiers:step_act", kwargs={"uuid": dossier.uuid, "position": position, "action": action})
    return client.post(url, data or {}, follow=follow)


def events(dossier, kind):
    return DossierEvent.objects.filter(dossier=dossier, kind=kind).count()


# --- The page and who sees it ---------------------------------------------------------------------

def test_officer_sees_the_submitted_dossier_with_its_papers_and_the_check_actions(world):
    dossier = submitted(world)
    html = page(login(world.officer), dossier)

    assert "Nguyễn Văn An" in html and "022090012345" in html and "0912345678" in html
    assert "Birth registration form" in html and "giay-chung-sinh.pdf" in html
    assert reverse("dossiers:file", kwargs={"uuid": dossier.uuid, "file_id": dossier.files.first().pk}) in html
    for action in ("receive", "request_supplement", "refuse"):
        assert reverse("dossiers:act", kwargs={"uuid": dossier.uuid, "action": action}) in html
    assert "/act/stop/" not in html and "/steps/" not in html
    assert "Submitted online" in html  # the history


def test_specialist_of_the_agency_sees_the_dossier_but_no_check_action(world):
    dossier = received(world)
    html = page(login(world.specialist), dossier)
    assert "Receive the dossier" not in html and "Refuse the dossier" not in html
    assert "Take this step" in html  # receiving did the centre's step 1: step 2 is the specialist's
    assert "There is nothing for you to do on this dossier now." in page(login(world.clerk), dossier)


def test_each_paper_has_an_in_page_preview_of_the_sandboxed_file(world):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from dossiers.services import dossier_draft_save, dossier_submit
    from tests.dossiers.factories import png_bytes

    photo = world.components[1]
    uploads = {**world.uploads(), photo.pk: SimpleUploadedFile("anh.png", png_bytes(), content_type="image/png")}
    dossier = dossier_submit(dossier=dossier_draft_save(
        citizen=world.citizen, version=world.version, centre=world.centre, applicant=world.applicant(),
        uploads=uploads), citizen=world.citizen)
    pdf, png = dossier.files.get(content_type="application/pdf"), dossier.files.get(content_type="image/png")
    citizen = Client()
    citizen.cookies["django_language"] = "en"
    citizen.force_login(world.citizen)
    for html in (page(login(world.officer), dossier), page(citizen, dossier)):
        assert html.count('<details class="preview">') == 2
        raw = reverse("dossiers:file", kwargs={"uuid": dossier.uuid, "file_id": pdf.pk})
        assert (f'<iframe class="preview__frame" src="{raw}?view=1" loading="lazy" '
                f'title="giay-chung-sinh.pdf"></iframe>') in html
        raw = reverse("dossiers:file", kwargs={"uuid": dossier.uuid, "file_id": png.pk})
        assert f'<img class="preview__image" src="{raw}?view=1" loading="lazy" alt="anh.png">' in html
        assert '<span class="preview__open">View</span>' in html
    # What the preview loads is the sandboxed file, inline only for a frame or an image.
    client = login(world.officer)
    framed = client.get(f"{reverse('dossiers:file', kwargs={'uuid': dossier.uuid, 'file_id': pdf.pk})}?view=1",
                        headers={"Sec-Fetch-Dest": "iframe"})
    assert framed["Content-Disposition"].startswith("inline") and framed["Content-Security-Policy"].startswith(
        "sandbox")
    followed = client.get(f"{reverse('dossiers:file', kwargs={'uuid': dossier.uuid, 'file_id': pdf.pk})}?view=1",
                          headers={"Sec-Fetch-Dest": "document"})
    assert followed["Content-Disposition"].startswith("attachment")


def test_officials_of_another_centre_or_agency_get_404(world):
    dossier = submitted(world)
    outsider = UserFactory(role="specialist", agency=AgencyFactory())
    for user in (world.provincial_officer, outsider):
        client = login(user)
        assert client.get(reverse("dossiers:detail", kwargs={"uuid": dossier.uuid})).status_code == 404
        assert act(client, dossier, "receive").status_code == 404
        assert act(client, dossier, "refuse", {"refuse-reason": "Không hợp lệ"}).status_code == 404
    dossier.refresh_from_db()
    assert dossier.state == Dossier.State.SUBMITTED


def test_an_official_who_sees_it_but_may_not_act_gets_403(world):
    dossier = submitted(world)
    response = act(login(world.specialist), dossier, "receive")
    # The specialist's agency receives at its centre, so they see the dossier; receiving is the officers'.
    assert response.status_code == 403
    assert "Only the receiving centre&#x27;s one-stop officers receive." in response.content.decode()
    dossier.refresh_from_db()
    assert dossier.state == Dossier.State.SUBMITTED


def test_unknown_actions_are_404_and_get_is_refused(world):
    dossier = submitted(world)
    client = login(world.officer)
    assert act(client, dossier, "approve_everything").status_code == 404
    url = reverse("dossiers:act", kwargs={"uuid": dossier.uuid, "action": "receive"})
    assert client.get(url).status_code == 405


# --- The one-stop check ---------------------------------------------------------------------------

def test_receive_keeps_the_code_offers_the_receipt_slip_and_hands_the_dossier_on(world):
    dossier = submitted(world)
    code = dossier.code
    client = login(world.officer)
    assert f"Dossier {code}" in page(client, dossier)  # the code of its submission, from the first moment

    response = act(client, dossier, "receive", follow=True)

    dossier.refresh_from_db()
    html = response.content.decode()
    assert dossier.state == Dossier.State.RECEIVED and dossier.code == code
    assert f"Dossier {code} received." in html
    assert reverse("dossiers:slip", kwargs={"uuid": dossier.uuid, "form": "01"}) in html
    # One click: the reception step is done by this officer and the specialist's step is to do.
    assert "Take this step" not in html
    assert "Current step: 2. Examine and draft the result" in html
    step = DossierStep.objects.get(dossier=dossier, position=1)
    assert (step.state, step.handler) == (DossierStep.State.DONE, world.officer)
    specialist = page(login(world.specialist), dossier)
    assert "Take this step" in specialist
    assert dossier.code in login(world.specialist).get(reverse("dossiers:work")).content.decode()


def test_a_second_receive_is_a_409_that_changes_nothing(world):
    dossier = submitted(world)
    client = login(world.officer)
    assert act(client, dossier, "receive").status_code == 302
    dossier.refresh_from_db()
    code, receipts = dossier.code, events(dossier, "received")

    response = act(client, dossier, "receive")

    html = response.content.decode()
    assert response.status_code == 409
    assert "this action is no longer possible. Reload the page to see what changed." in html
    dossier.refresh_from_db()
    assert dossier.code == code and events(dossier, "received") == receipts


def test_request_supplement_needs_reason_and_items_shown_by_their_fields(world):
    dossier = submitted(world)
    client = login(world.officer)

    response = act(client, dossier, "request_supplement", {"request_supplement-reason": "Thiếu giấy tờ",
                                                            "request_supplement-items": "  \n "})
    html = response.content.decode()
    assert response.status_code == 400
    assert "Tick at least one paper of the dossier, or write what the applicant must add or correct." in html
    assert '<details class="action" open id="action-request_supplement">' in html  # the failed form stays open with its values
    assert "Thiếu giấy tờ" in html

    response = act(client, dossier, "request_supplement", {
        "request_supplement-reason": "Giấy chứng sinh bị mờ",
        "request_supplement-items": "Giấy chứng sinh (bản rõ nét)\nTờ khai có chữ ký"}, follow=True)
    dossier.refresh_from_db()
    html = response.content.decode()
    assert dossier.state == Dossier.State.SUPPLEMENT_REQUESTED
    assert "The supplement request for dossier" in html
    assert "Giấy chứng sinh (bản rõ nét)" in html and "Tờ khai có chữ ký" in html
    assert "Receive the supplement at the counter" in html


def test_request_supplement_is_a_checklist_of_the_papers_and_other_items(world):
    dossier = received(world)
    client = login(world.officer)
    form = page(client, dossier).split('id="action-request_supplement"')[1].split("</form>")[0]
    assert "Papers of the dossier to add or correct" in form
    for component in world.components:  # every paper of the procedure, in the reader's language
        assert f'name="request_supplement-components" value="{component.position}"' in form
        assert component.name_en in form
    assert "Other papers or corrections, one per line" in form

    for hostile in (["99"], ["abc"], ["0"]):
        refused = act(client, dossier, "request_supplement", {
            "request_supplement-reason": "Mờ", "request_supplement-components": hostile})
        assert refused.status_code == 400
        assert "Choose the papers from the procedure&#x27;s list." in refused.content.decode()
    vietnamese = login(world.officer)
    vietnamese.cookies["django_language"] = "vi"
    nothing = act(vietnamese, dossier, "request_supplement", {"request_supplement-reason": "Mờ"})
    assert nothing.status_code == 400
    assert "Chọn ít nhất một thành phần hồ sơ, hoặc ghi rõ giấy tờ, nội dung người nộp hồ sơ cần bổ sung" in (
        nothing.content.decode())
    assert events(dossier, "supplement_requested") == 0

    chungsinh, authority = world.components[1], world.components[2]
    response = act(client, dossier, "request_supplement", {
        "request_supplement-reason": "Giấy chứng sinh bị mờ",
        "request_supplement-components": [str(authority.position), str(chungsinh.position)],
        "request_supplement-items": "Tờ khai có chữ ký của người đi khai\nGiấy chứng sinh"}, follow=True)
    assert response.status_code == 200
    event = DossierEvent.objects.get(dossier=dossier, kind="supplement_requested")
    # in the procedure's order, the components first; a typed item naming a ticked paper is not repeated
    assert event.data["items"] == ["Giấy chứng sinh", "Văn bản ủy quyền", "Tờ khai có chữ ký của người đi khai"]
    assert event.data["components"] == [chungsinh.pk, authority.pk]
    assert event.data["component_positions"] == [chungsinh.position, authority.position]
    assert event.data["other_items"] == ["Tờ khai có chữ ký của người đi khai"]
    html = response.content.decode()
    assert "Giấy chứng sinh" in html and "Văn bản ủy quyền" in html


def test_supplement_at_the_counter_puts_the_dossier_back(world):
    dossier = submitted(world)
    dossier_request_supplement(dossier=dossier, user=world.officer, reason="Mờ", items=["Giấy chứng sinh"])
    client = login(world.officer)
    chungsinh = world.components[1]

    empty = act(client, dossier, "supplement", {})
    assert empty.status_code == 400 and "Attach the requested papers or explain what you changed." in empty.content.decode()

    response = act(client, dossier, "supplement", {f"supplement-component_{chungsinh.pk}": pdf_upload("ban-ro.pdf"),
                                                   "supplement-note": "Công dân mang bản rõ nét"})
    dossier.refresh_from_db()
    assert response.status_code == 302
    assert dossier.state == Dossier.State.SUBMITTED
    assert dossier.files.filter(is_current=True, component=chungsinh).get().original_name == "ban-ro.pdf"


def test_refuse_needs_a_reason(world):
    dossier = submitted(world)
    client = login(world.officer)

    empty = act(client, dossier, "refuse", {"refuse-reason": ""})
    assert empty.status_code == 400 and "Say why the dossier is refused." in empty.content.decode()

    response = act(client, dossier, "refuse", {"refuse-reason": "Không thuộc thẩm quyền"}, follow=True)
    dossier.refresh_from_db()
    assert dossier.state == Dossier.State.REFUSED
    assert "was refused." in response.content.decode() and "Không thuộc thẩm quyền" in response.content.decode()


# --- The internal process -------------------------------------------------------------------------

def test_take_complete_and_pass_to_the_leader(world):
    dossier = received(world)
    specialist = login(world.specialist)
    html = page(specialist, dossier)
    assert "Take this step" in html and "Send back to the previous step" in html
    assert "Transfer to another agency" in html

    response = step_act(specialist, dossier, 2, "take", follow=True)
    assert "You now handle step 2 of dossier" in response.content.decode()
    assert DossierStep.objects.get(dossier=dossier, position=2).handler == world.specialist

    response = step_act(specialist, dossier, 2, "complete", {"complete-note": "Đủ điều kiện"}, follow=True)
    assert "Step 2 of dossier" in response.content.decode()
    assert DossierStep.objects.get(dossier=dossier, position=3).state == DossierStep.State.ACTIVE
    assert "Approve the result" in page(login(world.leader), dossier)


def test_a_step_taken_by_a_colleague_offers_nothing_and_a_second_take_is_409(world):
    dossier = received(world)
    colleague = UserFactory(role="specialist", agency=world.commune_agency)
    assert step_act(login(world.specialist), dossier, 2, "take").status_code == 302

    client = login(colleague)
    html = page(client, dossier)
    assert "Take this step" not in html and "handled by Phạm Thị Dung" in html
    response = step_act(client, dossier, 2, "take")
    assert response.status_code == 409 and "Phạm Thị Dung is already handling this step." in response.content.decode()


def test_send_back_needs_a_note_and_returns_the_step(world):
    dossier = received(world)
    client = login(world.specialist)

    assert step_act(client, dossier, 2, "send_back", {"send_back-note": ""}).status_code == 400
    response = step_act(client, dossier, 2, "send_back", {"send_back-note": "Thiếu bản số hóa"})

    assert response.status_code == 302
    assert DossierStep.objects.get(dossier=dossier, position=1).state == DossierStep.State.ACTIVE
    assert events(dossier, "step_returned") == 1


def test_transfer_to_another_agency(world):
    dossier = received(world)
    client = login(world.specialist)

    missing = step_act(client, dossier, 2, "transfer", {"transfer-agency": ""})
    assert missing.status_code == 400 and "Choose the agency that takes over the step." in missing.content.decode()

    response = step_act(client, dossier, 2, "transfer", {"transfer-agency": world.province_agency.pk,
                                                          "transfer-note": "Thuộc thẩm quyền tỉnh"}, follow=True)
    assert "was transferred to Ủy ban nhân dân tỉnh Quảng Ninh" in response.content.decode()
    assert DossierStep.objects.get(dossier=dossier, position=2).agency == world.province_agency


def test_a_stale_step_action_is_409(world):
    dossier = received(world)
    client = login(world.specialist)
    step_complete(dossier=dossier, position=2, user=world.specialist)  # done in another tab meanwhile
    response = step_act(client, dossier, 2, "complete", {"complete-note": ""})
    assert response.status_code == 409
    assert "is not the current step any more; reload the page" in response.content.decode()


def _at_leader(world):
    dossier = received(world)
    step_complete(dossier=dossier, position=2, user=world.specialist)
    return dossier


def test_the_leader_must_attach_the_result_at_the_result_step(world):
    dossier = _at_leader(world)
    client = login(world.leader)
    html = page(client, dossier)
    assert "Approve the result" in html and 'name="complete-result"' in html
    # Generating the result is drafting it, shown in the page before it is approved, not approving it unseen.
    assert 'name="complete-generate_result"' not in html and 'name="draft_result-generate"' in html

    missing = step_act(client, dossier, 3, "complete", {"complete-note": ""})
    assert missing.status_code == 400 and "The result is required at this step." in missing.content.decode()

    response = step_act(client, dossier, 3, "complete", {"complete-result": pdf_upload("ket-qua.pdf")})
    dossier.refresh_from_db()
    assert response.status_code == 302 and dossier.result_document.state == "signed"
    assert dossier.result_document.files.get(kind="draft").name == "ket-qua.pdf"  # numbered at the clerk's step
    assert DossierStep.objects.get(dossier=dossier, position=4).state == DossierStep.State.ACTIVE


def test_the_leader_may_generate_the_result_see_it_then_approve_it(world):
    dossier = _at_leader(world)
    client = login(world.leader)
    assert step_act(client, dossier, 3, "draft_result", {"draft_result-generate": "on"}).status_code == 302
    html = page(client, dossier)
    frame = reverse("dossiers:result_document", kwargs={"uuid": dossier.uuid}) + "?view=1"
    assert f'src="{frame}"' in html and html.index(frame) < html.index('id="action-complete"')
    response = step_act(client, dossier, 3, "complete", {})
    dossier.refresh_from_db()
    assert response.status_code == 302 and dossier.result_document.state == "signed" and not dossier.result_file


def test_the_clerk_completes_the_last_step_and_the_officer_returns_the_result(world):
    dossier = _at_leader(world)
    step_complete(dossier=dossier, position=3, user=world.leader, result=pdf_upload("ket-qua.pdf"))
    response = step_act(login(world.clerk), dossier, 4, "complete", {}, follow=True)
    assert "its result, numbered 01/TLKS-UBND, is ready to return." in response.content.decode()

    client = login(world.officer)
    assert "Hand over the paper original at the counter" in page(client, dossier)
    response = act(client, dossier, "return", {"return-note": "Công dân đã nhận",
                                               "return-recipient_name": "Nguyễn Văn An",
                                               "return-recipient_id": "022090012345"}, follow=True)
    dossier.refresh_from_db()
    assert dossier.state == Dossier.State.RETURNED
    assert "was handed over; the dossier is closed." in response.content.decode()


# --- Deadlines ------------------------------------------------------------------------------------

def _extend_data(when):
    local = timezone.localtime(when)
    return {"extend-new_due_date": local.date().isoformat(), "extend-new_due_time": local.strftime("%H:%M"),
            "extend-reason": "Cần xác minh thêm"}


def test_extend_once_before_the_due_date(world):
    dossier = received(world)
    client = login(world.officer)
    new_due = dossier.due_at + dt.timedelta(days=5)

    earlier = act(client, dossier, "extend", _extend_data(dossier.due_at - dt.timedelta(days=1)))
    assert earlier.status_code == 400 and "The new due date must be after the current one." in earlier.content.decode()

    response = act(client, dossier, "extend", _extend_data(new_due), follow=True)
    dossier.refresh_from_db()
    assert dossier.extended and timezone.localtime(dossier.due_at).date() == timezone.localtime(new_due).date()
    html = response.content.decode()
    assert "was extended" in html and "Extend the deadline (apology letter)" not in html

    again = act(client, dossier, "extend", _extend_data(new_due + dt.timedelta(days=2)))
    assert again.status_code == 409 and "a single extension" in again.content.decode()


def test_extend_is_not_offered_after_the_due_date(world):
    dossier = received(world)
    Dossier.objects.filter(pk=dossier.pk).update(due_at=timezone.now() - dt.timedelta(minutes=5))
    client = login(world.officer)
    assert "Extend the deadline" not in page(client, dossier)
    response = act(client, dossier, "extend", _extend_data(timezone.now() + dt.timedelta(days=3)))
    assert response.status_code == 409 and "it has passed" in response.content.decode()


def test_stop_needs_a_reason(world):
    dossier = received(world)
    client = login(world.officer)
    assert act(client, dossier, "stop", {"stop-reason": ""}).status_code == 400
    response = act(client, dossier, "stop", {"stop-reason": "Công dân đề nghị dừng"}, follow=True)
    dossier.refresh_from_db()
    assert dossier.state == Dossier.State.STOPPED
    assert "Processing of dossier" in response.content.decode()


def test_result_ready_dossier_offers_the_result_download(world):
    dossier = result_ready(world)
    html = page(login(world.officer), dossier)
    assert reverse("dossiers:result", kwargs={"uuid": dossier.uuid}) in html


def test_the_page_is_vietnamese_by_default(world):
    dossier = submitted(world)
    client = Client()
    client.force_login(world.officer)
    html = client.get(reverse("dossiers:detail", kwargs={"uuid": dossier.uuid})).content.decode()
    assert "Tiếp nhận hồ sơ" in html and "Yêu cầu bổ sung" in html and "Từ chối tiếp nhận" in html
