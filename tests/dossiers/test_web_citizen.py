"""The citizen's area: the online application form, my dossiers, one dossier's page and its actions."""

import html
import os

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from dossiers.models import Dossier, DossierEvent, DossierFile, Rating
from dossiers.services import dossier_request_supplement, dossier_return
from procedures.models import ProcedureVersion
from tests.dossiers.factories import CCCD_A, CCCD_B, pdf_upload, received, result_ready, submitted

START = reverse("dossiers:start", args=["1.001193"])
MINE = reverse("dossiers:mine")


def page(response) -> str:
    return html.unescape(response.content.decode())


def component_block(text: str, name: str) -> str:
    """The upload row of one component on the form."""
    return next(block.split("</li>")[0] for block in text.split('<li class="component-upload')[1:] if name in block)


def url(name: str, dossier: Dossier) -> str:
    return reverse(f"dossiers:{name}", kwargs={"uuid": dossier.uuid})


@pytest.fixture
def citizen(world):
    client = Client()
    client.cookies["django_language"] = "en"
    client.force_login(world.citizen)
    return client


def form_data(world, **overrides) -> dict:
    data = {"centre": world.centre.pk, "applicant_name": "Nguyễn Văn An", "applicant_cccd": CCCD_A,
            "applicant_phone": "0912345678", "applicant_email": "an@example.vn",
            "applicant_address": "Tổ 1, khu 2, phường Hạ Long", "description": "Đăng ký khai sinh cho con",
            "action": "save"}
    data.update(overrides)
    return data


def files_for(world, *, mandatory_only=True) -> dict:
    return {f"component_{c.pk}": pdf_upload(f"ban-scan-{c.position}.pdf") for c in world.components
            if c.is_mandatory or not mandatory_only}


# ---- Starting an online dossier ----------------------------------------------------------------------

def test_anonymous_visitors_log_in_first_and_come_back(world):
    response = Client().get(START)
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('accounts:login')}?next={START}"


def test_the_form_is_prefilled_from_the_account(citizen, world):
    world.citizen.phone, world.citizen.email, world.citizen.address = "0912345678", "an@example.vn", "Số 5 Lê Lợi"
    world.citizen.save()
    response = citizen.get(START)
    assert response.status_code == 200
    text = page(response)
    for shown in ("Submit a dossier online", "Birth registration", 'value="Nguyễn Văn An"', f'value="{CCCD_A}"',
                  'value="0912345678"', 'value="an@example.vn"', 'value="Số 5 Lê Lợi"',
                  "Trung tâm Phục vụ hành chính công phường Hạ Long", "Trung tâm Phục vụ hành chính công tỉnh",
                  "Birth registration form", "Medical birth notice", "Power of attorney", "Save draft",
                  "Submit the dossier"):
        assert shown in text, shown
    components = text[text.index('class="component-uploads"'):]
    assert components.count("Mandatory") == 2 and components.count("If applicable") == 1


def test_officials_and_unknown_or_offline_procedures_are_refused(world, citizen):
    official = Client()
    official.force_login(world.officer)
    assert official.get(START).status_code == 403
    assert citizen.get(reverse("dossiers:start", args=["9.999999"])).status_code == 404
    ProcedureVersion.objects.filter(pk=world.version.pk).update(channel_online=False)
    response = citizen.get(START)
    assert response.status_code == 404
    assert "This procedure cannot be submitted online" in page(response)


def test_save_a_draft_then_resume_it_with_its_files_listed(citizen, world):
    response = citizen.post(START, {**form_data(world), **files_for(world)})
    dossier = Dossier.objects.get()
    assert response.status_code == 302 and response["Location"] == url("edit", dossier)
    assert dossier.state == Dossier.State.DRAFT and dossier.applicant == world.citizen
    assert dossier.files.filter(is_current=True).count() == 2
    text = page(citizen.get(response["Location"]))
    assert "Your draft is saved." in text and "Draft dossier" in text
    assert text.count("Attached:") == 2 and "ban-scan-1.pdf" in text and "ban-scan-2.pdf" in text
    assert 'value="Đăng ký khai sinh cho con"' not in text and "Đăng ký khai sinh cho con</textarea>" in text


def test_submit_from_the_form(citizen, world):
    response = citizen.post(START, {**form_data(world, action="submit"), **files_for(world)})
    dossier = Dossier.objects.get()
    assert dossier.state == Dossier.State.SUBMITTED and dossier.centre == world.centre
    assert response["Location"] == url("detail", dossier)
    text = page(citizen.get(response["Location"]))
    assert "Your dossier has been sent to Trung tâm Phục vụ hành chính công phường Hạ Long." in text


def test_a_failed_submission_shows_every_problem_at_once_and_creates_nothing(citizen, world):
    first = world.components[0]
    response = citizen.post(START, {**form_data(world, action="submit", centre="", applicant_name=""),
                                    f"component_{first.pk}": pdf_upload("to-khai.pdf")})
    assert response.status_code == 400
    assert not Dossier.objects.exists() and not DossierFile.objects.exists()
    text = page(response)
    summary = text[text.index('id="problems"'):text.index("</div>", text.index('id="problems"'))]
    assert "The dossier was not submitted" in summary and "Nothing has been saved yet." in summary
    assert "3 problems to correct before you send the form again:" in summary
    assert "Receiving centre</a>: Choose the centre that receives your dossier." in summary
    assert "Full name</a>:" in summary
    assert "Medical birth notice</a>: Attach this paper: the dossier cannot be submitted without it." in summary
    assert "Attach this paper" in component_block(text, "Medical birth notice")
    assert "Attach this paper" not in component_block(text, "Birth registration form")
    assert "Attach this paper" not in component_block(text, "Power of attorney")


def test_a_failed_submission_of_a_draft_leaves_the_draft_as_it_was(citizen, world):
    first = world.components[0]
    citizen.post(START, {**form_data(world), f"component_{first.pk}": pdf_upload("to-khai.pdf")})
    dossier = Dossier.objects.get()
    response = citizen.post(url("edit", dossier), form_data(world, action="submit", applicant_name="Nguyễn Văn Bình"))
    assert response.status_code == 400
    text = page(response)
    assert "Your draft is kept as it was before this attempt." in text
    assert "1 problem to correct" in text and "Medical birth notice</a>: Attach this paper" in text
    dossier.refresh_from_db()
    assert dossier.state == Dossier.State.DRAFT and dossier.applicant_name == "Nguyễn Văn An"
    # The paper the draft already holds counts: only the missing one is asked for.
    assert "Attach this paper" not in component_block(text, "Birth registration form")


def test_the_service_saves_and_submits_together_or_not_at_all(world):
    from dossiers.errors import DossierError
    from dossiers.services import ApplicantData, dossier_draft_save, dossier_save_and_submit

    applicant = ApplicantData(name="Nguyễn Văn Bình", cccd=CCCD_A)
    with pytest.raises(DossierError) as refused:
        dossier_save_and_submit(citizen=world.citizen, version=world.version, centre=world.centre,
                                applicant=applicant)
    assert refused.value.code == "dossier.incomplete" and not Dossier.objects.exists()
    draft = dossier_draft_save(citizen=world.citizen, version=world.version, centre=world.centre,
                               applicant=ApplicantData(name="Nguyễn Văn An", cccd=CCCD_A))
    with pytest.raises(DossierError):
        dossier_save_and_submit(citizen=world.citizen, version=world.version, centre=world.centre,
                                applicant=applicant, dossier=draft)
    draft.refresh_from_db()
    assert draft.state == Dossier.State.DRAFT and draft.applicant_name == "Nguyễn Văn An"


def test_a_paper_shown_at_the_counter_is_labelled_so_and_not_required_online(citizen, world):
    from procedures.models import RequiredComponent

    RequiredComponent.objects.create(version=world.version, position=9, name="Căn cước của người nộp hồ sơ",
                                     name_en="Applicant's identity card", originals=0, copies=0, is_mandatory=True)
    text = page(citizen.get(START))
    assert "Shown at the counter" in component_block(text, "Applicant's identity card")
    assert "Mandatory" not in component_block(text, "Applicant's identity card")
    response = citizen.post(START, {**form_data(world, action="submit"), **files_for(world)})
    assert response.status_code == 302 and Dossier.objects.get().state == Dossier.State.SUBMITTED
    vi = Client()
    vi.force_login(world.citizen)
    procedure_page = page(vi.get(reverse("procedures:detail", args=["1.001193"])))
    assert "Xuất trình tại quầy" in procedure_page and procedure_page.count("Bắt buộc") == 2


def test_bad_fields_and_bad_files_are_all_shown_and_the_rest_is_kept(citizen, world):
    second = world.components[1]
    fake = SimpleUploadedFile("giay-chung-sinh.pdf", b"MZ not a pdf at all", content_type="application/pdf")
    response = citizen.post(START, {**form_data(world, applicant_cccd="12345", applicant_email="an@",
                                                description="Cho con gái thứ hai"),
                                    f"component_{second.pk}": fake})
    assert response.status_code == 400
    assert not Dossier.objects.exists()
    text = page(response)
    cccd = text[text.index('name="applicant_cccd"'):text.index('name="applicant_phone"')]
    assert "field--invalid" in text and 'value="12345"' in cccd and 'class="error"' in cccd
    email = text[text.index('name="applicant_email"'):text.index('name="applicant_address"')]
    assert "Enter a valid email address." in email
    assert "is not a PDF, JPEG or PNG file" in component_block(text, "Medical birth notice")
    assert 'value="Nguyễn Văn An"' in text and "Cho con gái thứ hai</textarea>" in text
    assert "choose them again" in text


def test_a_bad_file_on_a_draft_changes_nothing_and_saved_files_stay_listed(citizen, world):
    citizen.post(START, {**form_data(world), **files_for(world)})
    dossier = Dossier.objects.get()
    attorney = world.components[2]
    response = citizen.post(url("edit", dossier), {
        **form_data(world, applicant_name="Nguyễn Văn Bình"),
        f"component_{attorney.pk}": SimpleUploadedFile("uy-quyen.pdf", b"", content_type="application/pdf")})
    assert response.status_code == 400
    text = page(response)
    assert "is empty" in text and text.count("Attached:") == 2 and 'value="Nguyễn Văn Bình"' in text
    dossier.refresh_from_db()
    assert dossier.applicant_name == "Nguyễn Văn An" and dossier.files.count() == 2


def test_a_centre_that_does_not_receive_the_procedure_is_refused_on_its_field(citizen, world):
    from tests.factories import ServiceCentreFactory

    elsewhere = ServiceCentreFactory(slug="khac", name="Trung tâm khác")
    response = citizen.post(START, form_data(world, centre=elsewhere.pk))
    assert response.status_code == 400
    assert "Select a valid choice." in page(response) and not Dossier.objects.exists()


def test_a_sent_dossier_is_no_longer_edited(citizen, world):
    dossier = submitted(world)
    response = citizen.get(url("edit", dossier))
    assert response.status_code == 302 and response["Location"] == url("detail", dossier)
    response = citizen.post(url("edit", dossier), form_data(world, applicant_name="Khác"))
    assert response.status_code == 302
    dossier.refresh_from_db()
    assert dossier.applicant_name == "Nguyễn Văn An"


def test_submit_a_draft_from_its_page(citizen, world):
    citizen.post(START, {**form_data(world), **files_for(world)})
    dossier = Dossier.objects.get()
    text = page(citizen.get(url("detail", dossier)))
    assert "This dossier is a draft" in text and url("submit", dossier) in text
    response = citizen.post(url("submit", dossier))
    assert response["Location"] == url("detail", dossier)
    assert Dossier.objects.get().state == Dossier.State.SUBMITTED
    again = citizen.post(url("submit", dossier))
    assert again.status_code == 409
    assert "this action is no longer possible" in page(again)


def test_a_citizen_deletes_a_draft_and_its_files(citizen, world, django_capture_on_commit_callbacks):
    citizen.post(START, {**form_data(world), **files_for(world)})
    dossier = Dossier.objects.get()
    stored = [f.file.path for f in dossier.files.all()]
    assert url("delete_draft", dossier) in page(citizen.get(url("edit", dossier)))
    assert url("delete_draft", dossier) in page(citizen.get(MINE))
    confirm = page(citizen.get(url("delete_draft", dossier)))
    assert "nobody but you has seen it" in confirm and "Keep the draft" in confirm
    with django_capture_on_commit_callbacks(execute=True):
        response = citizen.post(url("delete_draft", dossier))
    assert response["Location"] == MINE
    assert not Dossier.objects.exists() and not DossierFile.objects.exists()
    assert not any(os.path.exists(path) for path in stored)
    assert "The draft of “Birth registration” has been deleted." in page(citizen.get(MINE))
    assert citizen.post(url("delete_draft", dossier)).status_code == 404


def test_only_the_author_deletes_and_only_drafts(citizen, world):
    citizen.post(START, {**form_data(world), **files_for(world)})
    draft = Dossier.objects.get()
    other = Client()
    other.force_login(world.other_citizen)
    assert other.post(url("delete_draft", draft)).status_code == 404
    sent = submitted(world)
    response = citizen.post(url("delete_draft", sent))
    assert response["Location"] == url("detail", sent)
    assert "can no longer be deleted; you may withdraw it" in page(citizen.get(response["Location"]))
    assert Dossier.objects.count() == 2


def test_drafts_are_not_told_to_the_national_portal(citizen, world):
    from outbox.models import OutboxMessage

    citizen.post(START, {**form_data(world), **files_for(world)})
    assert not OutboxMessage.objects.filter(topic=OutboxMessage.Topic.DOSSIER_EVENT).exists()
    citizen.post(url("submit", Dossier.objects.get()))
    assert [m.payload["kind"] for m in OutboxMessage.objects.filter(topic=OutboxMessage.Topic.DOSSIER_EVENT)] == [
        "submitted"]


# ---- My dossiers --------------------------------------------------------------------------------------

def test_my_dossiers_with_what_to_do_next(citizen, world):
    citizen.post(START, {**form_data(world), **files_for(world)})
    draft = Dossier.objects.get()
    waiting = received(world)
    asked = received(world)
    dossier_request_supplement(dossier=asked, user=world.officer, reason="Ảnh mờ", items=["Giấy chứng sinh"])
    ready = result_ready(world)
    returned = result_ready(world)
    dossier_return(dossier=returned, user=world.officer)
    submitted(world, citizen=world.other_citizen, cccd=CCCD_B, name="Trần Thị Bích")

    response = citizen.get(MINE)
    assert response.status_code == 200
    text = page(response)
    assert "5 dossiers" in text and "Trần Thị Bích" not in text
    rows = {d: text[text.index(url("detail", d)):].split("</tr>")[0] for d in (waiting, asked, ready, returned)}
    draft_row = text[text.index(url("edit", draft)) - 600:].split("</tr>")[0]
    assert "Draft" in draft_row and "Complete and submit the draft" in draft_row
    assert "Received" in rows[waiting] and "Waiting for the agency" in rows[waiting]
    assert waiting.code in rows[waiting]
    assert "Supplement the dossier" in rows[asked] and "#supplement" in rows[asked]
    assert "Collect the result" in rows[ready] and "Rate the service" in rows[returned]
    assert "Trung tâm Phục vụ hành chính công phường Hạ Long" in rows[waiting]


def test_my_dossiers_is_paginated_in_a_bounded_number_of_queries(citizen, world, django_assert_max_num_queries):
    for _ in range(3):
        received(world)
    with django_assert_max_num_queries(6):
        assert citizen.get(MINE).status_code == 200
    for _ in range(20):
        submitted(world)
    with django_assert_max_num_queries(6):
        first = page(citizen.get(MINE))
    assert "23 dossiers" in first and "?page=2" in first
    assert page(citizen.get(MINE, {"page": 2})).count("<tr>") == 1 + 3


def test_nobody_else_sees_my_dossiers_list_empty(world):
    client = Client()
    client.cookies["django_language"] = "en"
    client.force_login(world.other_citizen)
    received(world)
    text = page(client.get(MINE))
    assert "You have no dossier yet" in text


# ---- One dossier --------------------------------------------------------------------------------------

def test_the_dossier_page(citizen, world):
    dossier = received(world)
    text = page(citizen.get(url("detail", dossier)))
    for shown in (dossier.code, "Birth registration", "Received", "Receive and check", "Examine and draft the result",
                  "To do", "Waiting", "Submitted online", "Processing steps", "History", "giay-chung-sinh.pdf",
                  reverse("dossiers:file", kwargs={"uuid": dossier.uuid, "file_id": dossier.files.first().pk}),
                  "Withdraw this dossier"):
        assert shown in text, shown
    assert "Collect the result online" not in text and "Send my rating" not in text


def test_internal_notes_are_not_shown_to_the_applicant(citizen, world):
    from dossiers.services import step_complete

    dossier = received(world)
    step_complete(dossier=dossier, position=1, user=world.officer, note="Ghi chú nội bộ giữa các cán bộ")
    text = page(citizen.get(url("detail", dossier)))
    assert "Step completed: Receive and check" in text
    assert "Ghi chú nội bộ" not in text


def test_answer_a_supplement_request(citizen, world):
    dossier = received(world)
    dossier_request_supplement(dossier=dossier, user=world.officer, reason="Giấy chứng sinh bị mờ",
                               items=["Giấy chứng sinh (bản rõ nét)"])
    text = page(citizen.get(url("detail", dossier)))
    assert "The centre asks you to supplement your dossier" in text
    assert "Giấy chứng sinh bị mờ" in text and "Giấy chứng sinh (bản rõ nét)" in text

    notice = world.components[1]
    empty = citizen.post(url("supplement", dossier), {"note": ""})
    assert empty.status_code == 400 and "Attach the requested papers or explain what you changed." in page(empty)
    bad = citizen.post(url("supplement", dossier), {
        "note": "Đã scan lại", f"component_{notice.pk}": SimpleUploadedFile("a.pdf", b"GIF89a", "application/pdf")})
    assert bad.status_code == 400
    bad_text = page(bad)
    assert "is not a PDF, JPEG or PNG file" in bad_text and "Đã scan lại</textarea>" in bad_text
    assert Dossier.objects.get(pk=dossier.pk).state == Dossier.State.SUPPLEMENT_REQUESTED

    response = citizen.post(url("supplement", dossier), {
        "note": "Đã scan lại", f"component_{notice.pk}": pdf_upload("chung-sinh-ro.pdf")})
    assert response["Location"] == url("detail", dossier)
    dossier.refresh_from_db()
    assert dossier.state == Dossier.State.RECEIVED
    current = DossierFile.objects.get(dossier=dossier, component=notice, is_current=True)
    assert current.original_name == "chung-sinh-ro.pdf"
    text = page(citizen.get(url("detail", dossier)))
    assert "Thank you. Your supplement has been sent to the officer." in text and "Supplement provided" in text


def test_the_supplement_request_points_at_the_papers_to_upload_again(citizen, world):
    dossier = received(world)
    chungsinh = world.components[1]
    dossier_request_supplement(dossier=dossier, user=world.officer, reason="Giấy chứng sinh bị mờ",
                               components=[chungsinh.position], items=["Bản dịch có chứng thực"])
    text = page(citizen.get(url("detail", dossier)))
    papers = text.split('class="supplement-items"')[1].split("</ol>")[0]
    # the ticked paper in the reader's language, linked to its upload field; the typed one as written
    assert f'<li><a href="#id_component_{chungsinh.pk}">Medical birth notice</a></li>' in papers
    assert "<li>Bản dịch có chứng thực</li>" in papers
    assert "To add or correct" in component_block(text, "Medical birth notice")
    assert "To add or correct" not in component_block(text, "Birth registration form")
    assert f'id="id_component_{chungsinh.pk}"' in text


def test_withdraw_after_confirming(citizen, world):
    dossier = received(world)
    confirm = citizen.get(url("withdraw", dossier))
    assert confirm.status_code == 200 and "cannot be resumed" in page(confirm)
    unticked = citizen.post(url("withdraw", dossier), {"reason": "Nộp nhầm thủ tục"})
    assert unticked.status_code == 400
    assert "Tick the box to confirm the withdrawal." in page(unticked) and "Nộp nhầm thủ tục</textarea>" in page(unticked)
    assert Dossier.objects.get(pk=dossier.pk).state == Dossier.State.RECEIVED
    response = citizen.post(url("withdraw", dossier), {"reason": "Nộp nhầm thủ tục", "confirm": "on"})
    assert response["Location"] == url("detail", dossier)
    dossier.refresh_from_db()
    assert dossier.state == Dossier.State.WITHDRAWN
    text = page(citizen.get(url("detail", dossier)))
    assert "Your dossier has been withdrawn." in text and "Nộp nhầm thủ tục" in text
    assert "Withdraw this dossier" not in text


def test_collect_the_result_online_then_rate(citizen, world):
    dossier = result_ready(world)
    text = page(citizen.get(url("detail", dossier)))
    assert "Your result is ready" in text and url("collect", dossier) in text and "Withdraw this dossier" not in text
    response = citizen.post(url("collect", dossier))
    assert response.status_code == 302 and response["Location"] == url("result", dossier)
    dossier.refresh_from_db()
    assert dossier.state == Dossier.State.RETURNED
    assert dossier.events.get(kind=DossierEvent.Kind.RETURNED).data == {"channel": "online"}

    text = page(citizen.get(url("detail", dossier)))
    assert "Send my rating" in text and "Download the result" in text
    missing = citizen.post(url("rate", dossier), {"comment": "Nhanh"})
    assert missing.status_code == 400 and "Choose one of the ratings offered." in page(missing)
    assert "Nhanh</textarea>" in page(missing)
    response = citizen.post(url("rate", dossier), {"score": "very_satisfied", "comment": "Nhanh, chu đáo"})
    assert response["Location"] == url("detail", dossier)
    assert Rating.objects.get(dossier=dossier).comment == "Nhanh, chu đáo"
    text = page(citizen.get(url("detail", dossier)))
    assert "You rated the service “Very satisfied”" in text and "Send my rating" not in text
    again = citizen.post(url("rate", dossier), {"score": "not_satisfied"})
    assert again.status_code == 409 and "You have already rated this dossier." in page(again)


def test_a_conflict_shows_the_page_as_it_is_now(citizen, world):
    dossier = received(world)
    response = citizen.post(url("collect", dossier))
    assert response.status_code == 409
    text = page(response)
    assert f"Dossier {dossier.code} is now “Received”; this action is no longer possible." in text
    assert "Processing steps" in text


def test_another_citizen_gets_404_on_everything_of_mine(world, citizen):
    citizen.post(START, {**form_data(world), **files_for(world)})
    draft = Dossier.objects.get()
    dossier = received(world)
    other = Client()
    other.cookies["django_language"] = "en"
    other.force_login(world.other_citizen)
    for target in (draft, dossier):
        assert other.get(url("detail", target)).status_code == 404
        assert other.get(url("edit", target)).status_code == 404
        assert other.get(url("withdraw", target)).status_code == 404
        for action in ("submit", "supplement", "withdraw", "collect", "rate"):
            assert other.post(url(action, target), {"confirm": "on", "score": "satisfied"}).status_code == 404, action
        assert other.post(url("edit", target), form_data(world)).status_code == 404
    assert Dossier.objects.get(pk=draft.pk).state == Dossier.State.DRAFT
    assert Dossier.objects.get(pk=dossier.pk).state == Dossier.State.RECEIVED
    assert "There is no such dossier, or it is not yours to see." in page(other.get(url("detail", dossier)))


# ---- Links into the area ------------------------------------------------------------------------------

def test_links_from_the_procedure_page_the_home_page_and_the_nav(citizen, world):
    text = page(citizen.get(reverse("procedures:detail", args=["1.001193"])))
    assert f'href="{START}"' in text and "Submit a dossier online" in text
    assert f'href="{MINE}"' in text  # nav
    assert f'href="{MINE}"' in page(citizen.get(reverse("accounts:home")))
    ProcedureVersion.objects.filter(pk=world.version.pk).update(channel_online=False)
    assert f'href="{START}"' not in page(citizen.get(reverse("procedures:detail", args=["1.001193"])))


def test_the_form_in_vietnamese(world):
    client = Client()
    client.force_login(world.citizen)
    text = page(client.get(START))
    assert "Nộp hồ sơ trực tuyến" in text and "Lưu nháp" in text and "Nộp hồ sơ</button>" in text


def test_visitors_log_in_and_officials_get_the_officers_page(world):
    dossier = received(world)
    anonymous = Client().get(url("detail", dossier))
    assert anonymous.status_code == 302 and anonymous["Location"].startswith(reverse("accounts:login"))
    officer = Client()
    officer.cookies["django_language"] = "en"
    officer.force_login(world.officer)
    response = officer.get(url("detail", dossier))
    assert response.status_code == 200
    assert "dossiers/citizen/detail.html" not in [t.name for t in response.templates]
    assert officer.post(url("withdraw", dossier), {"confirm": "on"}).status_code == 403
    assert Dossier.objects.get(pk=dossier.pk).state == Dossier.State.RECEIVED
