"""The dossier API end to end: a dossier's whole life by API calls only, drafts, counter intake, CSRF."""

import pytest
from django.test import Client

from dossiers.models import Dossier, DossierEvent, DossierFile
from tests.dossiers.api_helpers import BASE, as_user, error, send, url
from tests.dossiers.factories import CCCD_A, pdf_upload, png_bytes, submitted

pytestmark = pytest.mark.django_db

APPLICANT = {"applicant_name": "Nguyễn Văn An", "applicant_cccd": CCCD_A, "applicant_phone": "0912345678",
             "applicant_email": "an@example.vn", "applicant_address": "Tổ 1, khu 2, phường Hạ Long"}


def mandatory_files(world) -> dict:
    return {f"component_{c.position}": pdf_upload(f"thanh-phan-{c.position}.pdf")
            for c in world.components if c.is_mandatory}


def draft_by_api(world, **overrides):
    data = {"procedure": world.version.procedure.code, "centre": world.centre.slug, **APPLICANT,
            "description": "Đăng ký khai sinh cho con", **mandatory_files(world), **overrides}
    return as_user(world.citizen).post(BASE, data)


def test_the_whole_life_of_a_dossier_by_api_only(world):
    created = draft_by_api(world)
    assert created.status_code == 201, created.json()
    body = created.json()
    assert (body["state"], body["code"], body["channel"]) == ("draft", None, "online")
    assert body["procedure"] == {"code": "1.001193", "version": 1, "display_name": "Birth registration"}
    assert body["applicant_cccd"] == CCCD_A
    assert sorted(f["component"] for f in body["files"]) == [1, 2]
    assert body["actions"] == ["draft", "submit"]
    dossier = Dossier.objects.get(uuid=body["uuid"])

    def state(user, command, data=None, **kwargs):
        response = send(user, dossier, command, data, **kwargs)
        assert response.status_code == 200, response.json()
        return response.json()

    sent = state(world.citizen, "submit")
    assert sent["state"] == "submitted" and sent["code"].startswith("000.01.49.H49-")  # its code from now on
    received = state(world.officer, "receive")
    assert received["state"] == "received" and received["code"] == sent["code"]
    # Receiving is the centre's step 1: done, and the specialist's step 2 is to do.
    assert [s["state"] for s in received["steps"]] == ["done", "active", "waiting", "waiting"]
    assert received["current_step"] == 2
    assert "steps/2/take" not in received["actions"]  # the officer's actions: not the specialist's step
    taken = state(world.specialist, "steps/2/take")
    assert (taken["state"], taken["steps"][1]["state"]) == ("in_progress", "taken")
    assert taken["steps"][1]["handler"]["full_name"] == "Phạm Thị Dung"
    state(world.specialist, "steps/2/complete", {"note": "Đề nghị duyệt"}, multipart=True)
    signed = state(world.leader, "steps/3/complete", {"result": pdf_upload("ket-qua.pdf")}, multipart=True)
    assert (signed["state"], signed["result_name"], signed["result_url"]) == ("in_progress", "", None)
    assert signed["result_document"]["state"] == "signed"  # the clerk numbers it next
    ready = state(world.clerk, "steps/4/complete", multipart=True)
    assert (ready["state"], ready["result_name"], ready["result_number"]) == (
        "result_ready", "01-TLKS-UBND.pdf", "01/TLKS-UBND")
    assert ready["result_url"] == f"http://testserver/dossiers/{dossier.uuid}/result/"

    assert state(world.officer, "return", {"note": "Đã trả tại quầy"})["state"] == "returned"
    rated = state(world.citizen, "rate", {"score": "very_satisfied", "comment": "Nhanh, đúng hẹn"})
    assert rated["rating"]["score"] == "very_satisfied"
    assert rated["actions"] == ["return"]  # the applicant may still receive the electronic result online
    assert [e["kind"] for e in rated["events"]] == [
        "drafted", "submitted", "received", "step_completed", "step_taken", "step_completed", "step_completed",
        "step_completed", "result_ready", "returned", "rated",
    ]
    dossier.refresh_from_db()
    assert (dossier.state, dossier.rating.comment) == ("returned", "Nhanh, đúng hẹn")


def test_file_download_links_name_the_dossier_and_file(world):
    body = draft_by_api(world).json()
    files = {f.component.position: f for f in DossierFile.objects.filter(dossier__uuid=body["uuid"])}
    links = {f["component"]: f["download_url"] for f in body["files"]}
    assert links[1] == f"http://testserver/dossiers/{body['uuid']}/files/{files[1].pk}/"
    assert body["files"][0]["original_name"] == "thanh-phan-1.pdf"


def test_a_draft_with_a_bad_file_changes_nothing_and_names_the_component(world):
    response = draft_by_api(world, component_2=pdf_upload("anh.pdf", content=b"not a pdf at all"))
    assert error(response) == (400, "dossier.bad_files")
    assert list(response.json()["extra"]["errors"]) == ["component_2"]
    assert not Dossier.objects.exists()


def test_a_file_for_no_component_is_refused(world):
    response = draft_by_api(world, component_9=pdf_upload())
    assert error(response) == (400, "dossier.bad_files")
    assert list(response.json()["extra"]["errors"]) == ["component_9"]


def test_draft_needs_a_procedure_in_force_and_a_centre(world):
    response = draft_by_api(world, procedure="9.999999", centre="khong-co")
    assert error(response) == (400, "dossier.invalid")
    assert set(response.json()["extra"]["errors"]) == {"procedure", "centre"}


def test_applicant_errors_come_from_the_service_per_field(world):
    response = draft_by_api(world, applicant_name=" ", applicant_cccd="123")
    assert error(response) == (400, "dossier.invalid")
    assert set(response.json()["extra"]["errors"]) == {"applicant_name", "applicant_cccd"}


def test_officials_do_not_file_online_drafts(world):
    client = as_user(world.officer)
    data = {"procedure": "1.001193", "centre": "ha-long", **APPLICANT, **mandatory_files(world)}
    assert error(client.post(BASE, data)) == (403, "dossier.forbidden")


def test_draft_update_keeps_what_is_left_out_and_replaces_files(world):
    body = draft_by_api(world, component_2=pdf_upload("cu.pdf")).json()
    dossier = Dossier.objects.get(uuid=body["uuid"])
    response = send(world.citizen, dossier, "draft", {"description": "Sửa lại", "centre": "tinh",
                                                      "component_2": pdf_upload("moi.pdf")}, multipart=True)
    assert response.status_code == 200, response.json()
    updated = response.json()
    assert (updated["description"], updated["centre"]["slug"], updated["applicant_name"]) == (
        "Sửa lại", "tinh", "Nguyễn Văn An")
    assert sorted(f["original_name"] for f in updated["files"]) == ["moi.pdf", "thanh-phan-1.pdf"]
    assert dossier.files.filter(is_current=False).count() == 1


def test_only_the_author_edits_a_draft_and_only_while_it_is_one(world):
    body = draft_by_api(world).json()
    dossier = Dossier.objects.get(uuid=body["uuid"])
    assert error(send(world.other_citizen, dossier, "draft", {"description": "x"}, multipart=True)) == (
        404, "dossier.not_found")
    assert error(send(world.officer, dossier, "submit")) == (404, "dossier.not_found")  # drafts are private
    send(world.citizen, dossier, "submit")
    assert error(send(world.citizen, dossier, "draft", {"description": "x"}, multipart=True)) == (
        409, "dossier.bad_state")
    assert error(send(world.citizen, dossier, "submit")) == (409, "dossier.bad_state")


def test_the_author_deletes_a_draft_but_never_a_sent_dossier(world):
    body = draft_by_api(world).json()
    dossier = Dossier.objects.get(uuid=body["uuid"])
    assert error(as_user(world.other_citizen).delete(url(dossier, "draft"))) == (404, "dossier.not_found")
    assert error(as_user(world.officer).delete(url(dossier, "draft"))) == (404, "dossier.not_found")
    assert as_user(world.citizen).delete(url(dossier, "draft")).status_code == 204
    assert not Dossier.objects.filter(pk=dossier.pk).exists() and not DossierFile.objects.exists()
    assert error(as_user(world.citizen).delete(url(dossier, "draft"))) == (404, "dossier.not_found")
    sent = submitted(world)
    response = as_user(world.citizen, lang="vi").delete(url(sent, "draft"))
    assert error(response) == (409, "dossier.bad_state") and "không thể thực hiện thao tác" in response.json()["message"]


def test_a_draft_is_named_by_its_procedure_when_an_action_needs_a_sent_dossier(world):
    dossier = Dossier.objects.get(uuid=draft_by_api(world).json()["uuid"])
    response = send(world.citizen, dossier, "withdraw")
    assert error(response) == (409, "dossier.bad_state")
    assert response.json()["message"] == ("The dossier of “Birth registration” is still a draft; this action is "
                                          "only possible once it has been submitted.")


def test_submit_needs_every_mandatory_component(world):
    body = draft_by_api(world, component_2="").json()
    response = send(world.citizen, Dossier.objects.get(uuid=body["uuid"]), "submit")
    assert error(response) == (400, "dossier.incomplete")
    assert list(response.json()["extra"]["errors"]) == ["component_2"]  # the position, never a database id


def test_counter_intake_by_an_officer(world):
    data = {"procedure": "1.001193", **APPLICANT, "description": "Nộp tại quầy", **mandatory_files(world)}
    response = as_user(world.officer).post(f"{BASE}counter/", data)
    assert response.status_code == 201, response.json()
    body = response.json()
    # The officer checked the papers across the counter: filed is received, with its code and slip.
    assert (body["state"], body["channel"], body["centre"]["slug"]) == ("received", "counter", "ha-long")
    assert body["code"].startswith("000.01.49.H49-") and body["due_at"]
    assert [s["state"] for s in body["steps"]] == ["done", "active", "waiting", "waiting"]
    assert "receive" not in body["actions"]
    dossier = Dossier.objects.get(uuid=body["uuid"])
    assert [e.kind for e in dossier.events.order_by("id")] == ["created_at_counter", "received", "step_completed"]
    assert dossier.applicant == world.citizen  # same CCCD: the citizen sees it online too
    assert as_user(world.citizen).get(url(dossier)).status_code == 200


def test_counter_intake_may_leave_the_dossier_awaiting_the_check(world):
    data = {"procedure": "1.001193", **APPLICANT, "await_check": "true"}  # papers missing: no scans
    body = as_user(world.officer).post(f"{BASE}counter/", data).json()
    assert (body["state"], body["received_at"], body["steps"]) == ("submitted", None, [])
    assert body["code"].startswith("000.01.49.H49-")  # a code from filing, all the same
    assert "receive" in body["actions"]
    refused = as_user(world.officer).post(f"{BASE}counter/", {"procedure": "1.001193", **APPLICANT})
    assert error(refused) == (400, "dossier.incomplete")
    assert sorted(refused.json()["extra"]["errors"]) == ["component_1", "component_2"]  # positions, not ids


def test_counter_intake_is_for_one_stop_officers(world):
    data = {"procedure": "1.001193", **APPLICANT, **mandatory_files(world)}
    for user in (world.citizen, world.specialist):
        assert error(as_user(user).post(f"{BASE}counter/", data)) == (403, "dossier.forbidden")
    assert not Dossier.objects.exists()


def test_commands_need_a_login_and_the_csrf_token():
    assert error(Client().get(BASE)) == (403, "not_authenticated")


def test_session_posts_without_the_csrf_token_are_refused(world):
    dossier = submitted(world)
    client = Client(enforce_csrf_checks=True, HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(world.officer)
    response = client.post(url(dossier, "receive"), {}, content_type="application/json")
    assert response.status_code == 403
    assert "CSRF" in response.json()["message"]
    dossier.refresh_from_db()
    assert dossier.state == "submitted"
    assert not DossierEvent.objects.filter(kind="received").exists()


def test_a_png_is_not_a_result(world):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from dossiers.services import step_complete
    from tests.dossiers.factories import received

    dossier = received(world)
    step_complete(dossier=dossier, position=2, user=world.specialist)
    png = SimpleUploadedFile("ket-qua.png", png_bytes(), content_type="image/png")
    assert error(send(world.leader, dossier, "steps/3/complete", {"result": png}, multipart=True)) == (
        400, "dossier.result_not_pdf")
    assert error(send(world.leader, dossier, "steps/3/complete", multipart=True)) == (400, "dossier.result_missing")
