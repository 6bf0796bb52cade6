"""Each dossier command over the API: its happy path, who is refused (403 / 404) and when the state does
not allow it (409), with the exact error codes the services give."""

import datetime as dt

import pytest
from django.utils import timezone

from dossiers.models import Dossier, DossierStep
from dossiers.services import (
    dossier_refuse,
    dossier_request_supplement,
    dossier_return,
    step_complete,
)
from tests.dossiers.api_helpers import as_user, error, ok, send, url
from tests.dossiers.factories import pdf_upload, received, result_ready, submitted

pytestmark = pytest.mark.django_db


def test_receive(world):
    dossier = submitted(world)
    assert error(send(world.citizen, dossier, "receive")) == (403, "dossier.forbidden")
    assert error(send(world.specialist, dossier, "receive")) == (403, "dossier.forbidden")
    assert error(send(world.provincial_officer, dossier, "receive")) == (404, "dossier.not_found")  # other centre
    body = ok(send(world.officer, dossier, "receive"))
    assert body["state"] == "received" and body["due_at"]
    assert error(send(world.officer, dossier, "receive")) == (409, "dossier.bad_state")


def test_refuse(world):
    dossier = submitted(world)
    assert error(send(world.specialist, dossier, "refuse", {"reason": "Thiếu"})) == (403, "dossier.forbidden")
    empty = send(world.officer, dossier, "refuse", {"reason": "  "})
    assert error(empty) == (400, "dossier.invalid")
    assert list(empty.json()["extra"]["errors"]) == ["reason"]
    body = ok(send(world.officer, dossier, "refuse", {"reason": "Không thuộc thẩm quyền"}))
    assert body["state"] == "refused"
    assert body["events"][-1]["note"] == "Không thuộc thẩm quyền"
    assert error(send(world.officer, dossier, "refuse", {"reason": "x"})) == (409, "dossier.bad_state")


def test_request_supplement_and_supplement(world):
    dossier = received(world)
    data = {"reason": "Giấy chứng sinh mờ", "items": ["Giấy chứng sinh (bản rõ)"]}
    assert error(send(world.citizen, dossier, "request-supplement", data)) == (403, "dossier.forbidden")
    no_items = send(world.officer, dossier, "request-supplement", {"reason": "Mờ", "items": [" "]})
    assert error(no_items) == (400, "dossier.invalid")
    assert list(no_items.json()["extra"]["errors"]) == ["items"]
    body = ok(send(world.officer, dossier, "request-supplement", data))
    assert body["state"] == "supplement_requested" and body["paused_at"]
    assert body["events"][-1]["data"]["items"] == ["Giấy chứng sinh (bản rõ)"]

    assert error(send(world.specialist, dossier, "supplement", {"note": "x"}, multipart=True)) == (
        403, "dossier.forbidden")
    assert error(send(world.citizen, dossier, "supplement", {}, multipart=True)) == (400, "dossier.invalid")
    component = world.components[1]
    answer = ok(send(world.citizen, dossier, "supplement",
                     {"note": "Đã scan lại", f"component_{component.position}": pdf_upload("ro.pdf")}, multipart=True))
    assert answer["state"] == "received" and answer["paused_at"] is None
    assert "ro.pdf" in [f["original_name"] for f in answer["files"]]
    assert error(send(world.citizen, dossier, "supplement", {"note": "x"}, multipart=True)) == (
        409, "dossier.bad_state")
    refused = submitted(world)
    dossier_refuse(dossier=refused, officer=world.officer, reason="Sai")
    assert error(send(world.officer, refused, "request-supplement", data)) == (409, "dossier.bad_state")


def test_request_supplement_by_component_positions_and_items(world):
    dossier = received(world)
    chungsinh = world.components[1]
    for hostile in ([99], [0], ["abc"], [True], "1"):
        refused = send(world.officer, dossier, "request-supplement", {"reason": "Mờ", "components": hostile})
        assert error(refused) == (400, "dossier.invalid") and "components" in refused.json()["extra"]["errors"]
    unknown = send(world.officer, dossier, "request-supplement", {"reason": "Mờ", "components": [9]},
                   lang="vi")
    assert error(unknown) == (400, "dossier.invalid")
    assert unknown.json()["extra"]["errors"]["components"] == [
        "Thủ tục hành chính không có thành phần hồ sơ này: 9. Vui lòng chọn trong danh sách thành phần hồ sơ của "
        "thủ tục."]
    body = ok(send(world.officer, dossier, "request-supplement",
                   {"reason": "Giấy chứng sinh mờ", "components": [chungsinh.position], "items": ["Bản dịch"]}))
    data = body["events"][-1]["data"]
    assert data["items"] == ["Giấy chứng sinh", "Bản dịch"]
    assert data["component_positions"] == [chungsinh.position] and data["other_items"] == ["Bản dịch"]
    assert "components" not in data  # database ids stay inside the portal
    citizen_view = ok(as_user(world.citizen).get(url(dossier)))["events"][-1]["data"]
    assert citizen_view == {"items": ["Giấy chứng sinh", "Bản dịch"], "component_positions": [chungsinh.position],
                            "other_items": ["Bản dịch"]}


def test_step_take(world):
    dossier = received(world)  # the centre's step 1 was done at receipt: the specialist's step 2 is to do
    assert error(send(world.citizen, dossier, "steps/2/take")) == (403, "dossier.forbidden")
    assert error(send(world.officer, dossier, "steps/2/take")) == (403, "dossier.forbidden")  # specialist's step
    assert error(send(world.specialist, dossier, "steps/9/take")) == (400, "dossier.no_step")
    assert error(send(world.officer, dossier, "steps/1/take")) == (409, "dossier.step_not_current")
    assert error(send(world.leader, dossier, "steps/3/take")) == (409, "dossier.step_not_current")
    body = ok(send(world.specialist, dossier, "steps/2/take"))
    assert (body["state"], body["steps"][1]["state"]) == ("in_progress", "taken")
    assert error(send(world.specialist, dossier, "steps/2/take")) == (409, "dossier.step_taken")


def test_step_complete(world):
    dossier = received(world)
    assert error(send(world.officer, dossier, "steps/2/complete", multipart=True)) == (403, "dossier.forbidden")
    assert error(send(world.specialist, dossier, "steps/2/complete", {"result": pdf_upload()}, multipart=True)) == (
        400, "dossier.result_not_here")
    body = ok(send(world.specialist, dossier, "steps/2/complete", {"note": "Đủ"}, multipart=True))
    assert (body["steps"][1]["state"], body["steps"][1]["note"], body["current_step"]) == ("done", "Đủ", 3)
    assert error(send(world.specialist, dossier, "steps/2/complete", multipart=True)) == (
        409, "dossier.step_not_current")


def test_step_complete_generates_the_result_and_the_clerk_numbers_it(world):
    dossier = received(world)
    step_complete(dossier=dossier, position=2, user=world.specialist)
    body = ok(send(world.leader, dossier, "steps/3/complete", {"generate_result": "true"}, multipart=True))
    assert body["result_document"]["state"] == "signed" and body["result_document"]["number"] == ""
    assert body["result_document"]["document_type"] == "Trích lục khai sinh" and not body["result_name"]
    body = ok(send(world.clerk, dossier, "steps/4/complete", {}, multipart=True))
    assert body["result_name"] == "01-TLKS-UBND.pdf" and body["result_number"] == "01/TLKS-UBND"
    assert body["result_document"]["state"] == "issued"
    dossier.refresh_from_db()
    assert dossier.result_file.read().startswith(b"%PDF")


def test_step_return(world):
    dossier = received(world)
    assert error(send(world.officer, dossier, "steps/2/return", {"note": "x"})) == (403, "dossier.forbidden")
    assert error(send(world.specialist, dossier, "steps/2/return", {"note": ""})) == (400, "dossier.invalid")
    body = ok(send(world.specialist, dossier, "steps/2/return", {"note": "Thiếu chữ ký"}))
    assert [s["state"] for s in body["steps"]] == ["active", "waiting", "waiting", "waiting"]
    assert body["current_step"] == 1  # back at the centre's reception step
    assert error(send(world.officer, dossier, "steps/1/return", {"note": "x"})) == (400, "dossier.first_step")


def test_step_transfer(world):
    dossier = received(world)
    unknown = send(world.specialist, dossier, "steps/2/transfer", {"agency": "H99.99"})
    assert error(unknown) == (400, "dossier.invalid")
    assert list(unknown.json()["extra"]["errors"]) == ["agency"]
    same = send(world.specialist, dossier, "steps/2/transfer", {"agency": world.commune_agency.code})
    assert error(same) == (400, "dossier.same_agency")
    assert error(send(world.leader, dossier, "steps/2/transfer", {"agency": world.province_agency.code})) == (
        403, "dossier.forbidden")
    body = ok(send(world.specialist, dossier, "steps/2/transfer",
                   {"agency": world.province_agency.code, "note": "Liên thông"}))
    assert body["steps"][1]["agency"]["code"] == world.province_agency.code
    assert DossierStep.objects.get(dossier=dossier, position=2).agency == world.province_agency


def test_extend(world):
    dossier = received(world)
    later = (dossier.due_at + dt.timedelta(days=7)).isoformat()
    assert error(send(world.citizen, dossier, "extend", {"new_due_at": later, "reason": "x"})) == (
        403, "dossier.forbidden")
    earlier = (dossier.due_at - dt.timedelta(hours=1)).isoformat()
    assert error(send(world.officer, dossier, "extend", {"new_due_at": earlier, "reason": "Chậm"})) == (
        400, "dossier.invalid")
    assert error(send(world.officer, dossier, "extend", {"new_due_at": "mai", "reason": "Chậm"})) == (
        400, "dossier.invalid")
    body = ok(send(world.officer, dossier, "extend", {"new_due_at": later, "reason": "Cần xác minh thêm"}))
    assert body["extended"] is True
    assert dt.datetime.fromisoformat(body["due_at"]) == dt.datetime.fromisoformat(later)
    again = (dossier.due_at + dt.timedelta(days=9)).isoformat()
    assert error(send(world.officer, dossier, "extend", {"new_due_at": again, "reason": "Lại"})) == (
        409, "dossier.already_extended")


def test_extend_after_the_due_date_is_refused(world):
    dossier = received(world)
    Dossier.objects.filter(pk=dossier.pk).update(due_at=timezone.now() - dt.timedelta(hours=1))
    later = (timezone.now() + dt.timedelta(days=3)).isoformat()
    assert error(send(world.officer, dossier, "extend", {"new_due_at": later, "reason": "Chậm"})) == (
        409, "dossier.past_due")


def test_stop(world):
    dossier = received(world)
    assert error(send(world.citizen, dossier, "stop", {"reason": "x"})) == (403, "dossier.forbidden")
    assert error(send(world.officer, dossier, "stop", {})) == (400, "dossier.invalid")
    assert ok(send(world.officer, dossier, "stop", {"reason": "Người nộp không bổ sung"}))["state"] == "stopped"
    assert error(send(world.officer, dossier, "stop", {"reason": "x"})) == (409, "dossier.bad_state")


def test_return(world):
    dossier = received(world)
    assert error(send(world.officer, dossier, "return")) == (409, "dossier.bad_state")
    ready = result_ready(world)
    assert error(send(world.specialist, ready, "return")) == (403, "dossier.forbidden")
    body = ok(send(world.citizen, ready, "return"))  # the applicant receives the electronic result online
    # ... the paper original (the birth certificate) is still owed: the dossier stays open.
    assert (body["state"], body["events"][-1]["kind"]) == ("result_ready", "result_delivered")
    assert body["events"][-1]["data"] == {"channel": "online", "delivery": "electronic"}
    assert [d["kind"] for d in body["deliveries"]] == ["electronic"] and body["issues_paper_original"] is True
    assert body["result_url"].endswith(f"/dossiers/{ready.uuid}/result/") and "return" not in body["actions"]
    assert error(send(world.citizen, ready, "return")) == (409, "dossier.already_received")
    handed = ok(send(world.officer, ready, "return", {"recipient_name": "Trần Văn Bình",
                                                      "recipient_id": "022 090 099 999"}))
    assert handed["state"] == "returned"
    assert handed["deliveries"][1] == {
        "kind": "paper_counter", "kind_display": "Handed over at the centre", "at": handed["closed_at"],
        "recipient_name": "Trần Văn Bình", "recipient_id": "022090099999", "address": "", "note": ""}


def test_withdraw(world):
    dossier = received(world)
    assert error(send(world.officer, dossier, "withdraw", {"reason": "x"})) == (403, "dossier.forbidden")
    assert error(send(world.other_citizen, dossier, "withdraw")) == (404, "dossier.not_found")
    assert ok(send(world.citizen, dossier, "withdraw", {"reason": "Không cần nữa"}))["state"] == "withdrawn"
    assert error(send(world.citizen, dossier, "withdraw")) == (409, "dossier.bad_state")


def test_rate(world):
    ready = result_ready(world)
    assert error(send(world.citizen, ready, "rate", {"score": "satisfied"})) == (409, "dossier.bad_state")
    dossier_return(dossier=ready, user=world.officer)
    bad = send(world.citizen, ready, "rate", {"score": "tuyet-voi"})
    assert error(bad) == (400, "dossier.invalid")
    assert list(bad.json()["extra"]["errors"]) == ["score"]
    assert error(send(world.officer, ready, "rate", {"score": "satisfied"})) == (403, "dossier.forbidden")
    body = ok(send(world.citizen, ready, "rate", {"score": "satisfied", "comment": "Tốt"}))
    assert body["rating"]["score_display"] == "Satisfied"
    assert error(send(world.citizen, ready, "rate", {"score": "satisfied"})) == (409, "dossier.already_rated")


def test_actions_follow_role_and_state(world):
    dossier = received(world)
    officer = as_user(world.officer).get(url(dossier)).json()["actions"]
    assert officer == ["request-supplement", "extend", "stop"]  # receipt did step 1; step 2 is the specialist's
    specialist = as_user(world.specialist).get(url(dossier)).json()["actions"]
    assert specialist == ["request-supplement", "extend", "stop", "steps/2/take", "steps/2/draft-result",
                          "steps/2/complete", "steps/2/return", "steps/2/transfer"]
    citizen = as_user(world.citizen).get(url(dossier)).json()["actions"]
    assert citizen == ["withdraw"]
    dossier_request_supplement(dossier=dossier, user=world.specialist, reason="Mờ", items=["Tờ khai"])
    assert as_user(world.citizen).get(url(dossier)).json()["actions"] == ["supplement", "withdraw"]
