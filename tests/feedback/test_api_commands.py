"""Each petition command over the API — one endpoint per entry of feedback.actions.ACTIONS, its input made from
the entry's Field specs: its happy path, who is refused (403, or 404 for a petition they may not see) and when
the state no longer allows it (409), with the error codes of the services. The citizen's commands also work
without an account for whoever gives the petition's phone number, limited per petition."""

import pytest
from django.urls import reverse

from feedback import actions
from feedback.models import Petition
from feedback.services import petition_approve_answer, petition_propose_answer, petition_request_info
from tests.feedback.api_helpers import client, error, ok, send, url
from tests.feedback.factories import answered, filed, in_progress
from tests.test_openapi import SCHEMA

pytestmark = pytest.mark.django_db


def test_every_action_of_the_registry_is_an_endpoint_in_the_schema():
    schema = SCHEMA.read_text(encoding="utf-8")
    for action in actions.ACTIONS:
        path = reverse(f"feedback_api:petition-{action.path}", kwargs={"code": "PAKN-250701-0001"})
        assert path == f"/api/v1/feedback/petitions/PAKN-250701-0001/{action.path}/"
        assert f"\n  /api/v1/feedback/petitions/{{code}}/{action.path}/:\n" in schema, action.name
        assert f"operationId: feedback_petitions_{action.name}\n" in schema


def test_classify(world):
    petition = filed(world, citizen=world.citizen)
    data = {"category": "conduct", "handler": world.centre_officer.username, "note": "Giao cán bộ xác minh"}
    assert error(send(world.citizen, petition, "classify", data)) == (403, "feedback.forbidden")
    assert error(send(world.hotline, petition, "classify", data)) == (403, "feedback.forbidden")
    bad = send(world.centre_leader, petition, "classify", {"category": "gossip", "handler": "nobody", "kind": "x"})
    assert error(bad) == (400, "feedback.invalid")
    assert sorted(bad.json()["extra"]["errors"]) == ["category", "handler", "kind"]
    stranger = send(world.centre_leader, petition, "classify", {**data, "handler": world.justice_specialist.username})
    assert "has the username chuyenvien.stp" in stranger.json()["extra"]["errors"]["handler"][0]
    body = ok(send(world.centre_leader, petition, "classify", data))
    assert (body["state"], body["category"], body["klass"]) == ("in_progress", "conduct", "conduct")
    assert body["handler"]["username"] == world.centre_officer.username
    assert body["deadline_for"] == "answer" and body["actions"] == ["assign", "propose-answer"]
    assert error(send(world.centre_leader, petition, "classify", data)) == (409, "feedback.bad_state")


def test_request_info_then_supply_info_from_an_account_or_with_the_phone(world):
    petition = filed(world, citizen=world.citizen)
    assert error(send(world.citizen, petition, "request-info", {"request": "Ảnh"})) == (403, "feedback.forbidden")
    empty = send(world.centre_officer, petition, "request-info", {"request": "   "})
    assert error(empty) == (400, "feedback.invalid") and list(empty.json()["extra"]["errors"]) == ["request"]
    body = ok(send(world.centre_officer, petition, "request-info", {"request": "Gửi ảnh giấy hẹn"}))
    assert (body["state"], body["deadline_at"], body["working_days_left"]) == ("info_requested", None, None)
    assert body["paused_at"] and body["actions"] == ["supply-info"]
    assert error(send(world.centre_officer, petition, "request-info", {"request": "x"})) == (409, "feedback.bad_state")

    assert ok(client(world.citizen).get(url(petition)))["actions"] == ["supply-info"]
    assert error(send(world.other_citizen, petition, "supply-info", {"information": "x"})) == (404,
                                                                                              "feedback.not_found")
    body = ok(send(world.citizen, petition, "supply-info", {"information": "Giấy hẹn ngày 5/3"}))
    assert body["state"] == "received" and body["events"][-1]["note"] == "Giấy hẹn ngày 5/3"
    assert error(send(world.citizen, petition, "supply-info", {"information": "x"})) == (409, "feedback.bad_state")

    anonymous = filed(world)
    petition_request_info(petition=anonymous, actor=world.centre_officer, request="Địa chỉ cụ thể")
    wrong = send(None, anonymous, "supply-info", {"information": "Số 5", "phone": "0912000000"})
    assert error(wrong) == (403, "feedback.forbidden") and list(wrong.json()["extra"]["errors"]) == ["phone"]
    body = ok(send(None, anonymous, "supply-info", {"information": "Số 5 Lê Lợi", "phone": "0912 345 678"}))
    assert body["state"] == "received" and body["petitioner"]["actions"] == [] and "name" not in body
    assert anonymous.events.order_by("-id").first().actor is None


def test_the_hotline_desk_supplies_information_for_a_caller(world):
    petition = filed(world)
    petition_request_info(petition=petition, actor=world.centre_officer, request="Số hồ sơ")
    body = ok(send(world.hotline, petition, "supply-info", {"information": "Khách gọi lại: hồ sơ số 12"}))
    assert body["state"] == "received" and body["events"][-1]["actor"]["username"] == "tongdai"


def test_forward_inside_and_outside_the_portal(world):
    petition = filed(world)
    assert error(send(world.hotline, petition, "forward", {"agency": world.justice.code})) == (403,
                                                                                              "feedback.forbidden")
    same = send(world.centre_officer, petition, "forward", {"agency": world.provincial_centre.agency.code})
    assert error(same) == (400, "feedback.same_agency")
    unknown = send(world.centre_officer, petition, "forward", {"agency": "000.99.99.H49"})
    assert error(unknown) == (400, "feedback.invalid") and list(unknown.json()["extra"]["errors"]) == ["agency"]
    neither = send(world.centre_officer, petition, "forward", {"agency": "", "outside": ""})
    assert error(neither) == (400, "feedback.invalid") and list(neither.json()["extra"]["errors"]) == ["outside"]
    body = ok(send(world.centre_officer, petition, "forward", {"agency": world.justice.code, "note": "Thẩm quyền"}))
    assert (body["state"], body["agency"]["code"], body["actions"]) == ("received", world.justice.code, [])
    assert Petition.objects.get(pk=petition.pk).agency == world.justice
    assert ok(client(world.justice_leader).get(url(petition)))["actions"][0] == "classify"

    outside = filed(world)
    body = ok(send(world.centre_officer, outside, "forward", {"outside": "Bộ Tư pháp"}))
    assert (body["state"], body["forwarded_to"]) == ("forwarded", "Bộ Tư pháp")
    assert error(send(world.centre_officer, outside, "forward", {"outside": "x"})) == (409, "feedback.bad_state")


def test_refuse(world):
    petition = filed(world, citizen=world.citizen)
    assert error(send(world.citizen, petition, "refuse", {"reason": "x"})) == (403, "feedback.forbidden")
    assert error(send(world.centre_officer, petition, "refuse", {})) == (400, "feedback.invalid")
    body = ok(send(world.centre_officer, petition, "refuse", {"reason": "Không thuộc phạm vi Nghị định 20"}))
    assert (body["state"], body["refusal_reason"]) == ("refused", "Không thuộc phạm vi Nghị định 20")
    mine = ok(client(world.citizen).get(url(petition)))
    assert mine["events"][-1]["note"] == "Không thuộc phạm vi Nghị định 20"  # written to the citizen
    assert error(send(world.centre_officer, petition, "refuse", {"reason": "x"})) == (409, "feedback.bad_state")


def test_assign(world):
    petition = in_progress(world, citizen=world.citizen)
    data = {"handler": world.centre_leader.username}
    assert error(send(world.citizen, petition, "assign", data)) == (403, "feedback.forbidden")
    not_a_handler = send(world.centre_leader, petition, "assign", {"handler": world.hotline.username})
    assert error(not_a_handler) == (400, "feedback.handler_not_here")
    assert error(send(world.centre_leader, petition, "assign", {})) == (400, "feedback.invalid")
    body = ok(send(world.centre_leader, petition, "assign", data))
    assert body["handler"]["username"] == world.centre_leader.username
    assert error(send(world.centre_leader, filed(world), "assign", data)) == (409, "feedback.bad_state")


def test_propose_return_and_approve_an_answer(world):
    petition = in_progress(world, citizen=world.citizen)
    answer = {"answer": "Trung tâm đã trả kết quả ngày 5/3."}
    assert error(send(world.hotline, petition, "propose-answer", answer)) == (403, "feedback.forbidden")
    body = ok(send(world.centre_officer, petition, "propose-answer", answer))
    assert body["state"] == "answer_proposed" and body["answer"] == answer["answer"]
    assert ok(client(world.citizen).get(url(petition)))["answer"] == ""  # a draft is the agency's
    assert error(send(world.centre_officer, petition, "propose-answer", answer)) == (409, "feedback.bad_state")

    assert error(send(world.centre_officer, petition, "return-answer", {"note": "x"})) == (403, "feedback.forbidden")
    body = ok(send(world.centre_leader, petition, "return-answer", {"note": "Nêu rõ ngày trả"}))
    assert body["state"] == "in_progress"
    assert error(send(world.centre_leader, petition, "return-answer", {"note": "x"})) == (409, "feedback.bad_state")

    send(world.centre_officer, petition, "propose-answer", answer)
    assert error(send(world.centre_officer, petition, "approve-answer", {})) == (403, "feedback.forbidden")
    body = ok(send(world.centre_leader, petition, "approve-answer", {"publish": False}))
    assert (body["state"], body["deadline_for"]) == ("answered", "publish")
    assert ok(client(world.citizen).get(url(petition)))["answer"] == answer["answer"]
    assert error(send(world.centre_leader, petition, "approve-answer", {})) == (409, "feedback.bad_state")


def test_approving_publishes_at_once_unless_asked_not_to(world):
    petition = in_progress(world)
    petition_propose_answer(petition=petition, actor=world.centre_officer, answer="Ông Nguyễn Văn An đã nhận.")
    body = ok(send(world.centre_leader, petition, "approve-answer", {}))  # the Field's initial: publish
    assert body["state"] == "published" and body["public_answer"] == "Ông N.V.A. đã nhận."


def test_publish(world):
    petition = answered(world, publish=False)
    texts = {"public_title": "Chậm trả kết quả hồ sơ", "public_content": "", "public_answer": ""}
    assert error(send(world.centre_officer, petition, "publish", texts)) == (403, "feedback.forbidden")
    too_long = send(world.centre_leader, petition, "publish", {"public_title": "x" * 201})
    assert error(too_long) == (400, "feedback.invalid")
    body = ok(send(world.centre_leader, petition, "publish", texts))
    assert (body["state"], body["public_title"]) == ("published", "Chậm trả kết quả hồ sơ")
    assert "Nguyễn Văn An" not in body["public_answer"] and body["public_answer"]
    assert error(send(world.centre_leader, petition, "publish", texts)) == (409, "feedback.bad_state")


def test_rate_and_reopen_from_the_account(world):
    petition = answered(world, citizen=world.citizen)
    assert ok(client(world.citizen).get(url(petition)))["actions"] == ["rate"]
    assert error(send(world.centre_leader, petition, "rate", {"rating": "satisfied"})) == (403, "feedback.forbidden")
    assert error(send(world.citizen, petition, "rate", {"rating": "so-so"})) == (400, "feedback.invalid")
    body = ok(send(world.citizen, petition, "rate", {"rating": "unsatisfied", "comment": "Chưa rõ"}))
    assert body["rating"] == "unsatisfied" and body["actions"] == ["reopen"] and body["reopen_until"]
    assert error(send(world.citizen, petition, "rate", {"rating": "satisfied"})) == (409, "feedback.already_rated")

    assert error(send(world.centre_leader, petition, "reopen", {"reason": "x"})) == (403, "feedback.forbidden")
    assert error(send(world.citizen, petition, "reopen", {"reason": ""})) == (400, "feedback.invalid")
    body = ok(send(world.citizen, petition, "reopen", {"reason": "Vẫn chưa nhận được kết quả"}))
    assert (body["state"], body["reopen_count"], body["rating"]) == ("in_progress", 1, "")
    again = answered_again(world, petition)
    send(world.citizen, again, "rate", {"rating": "unsatisfied"})
    assert error(send(world.citizen, again, "reopen", {"reason": "Lần nữa"})) == (409, "feedback.reopen_closed")


def answered_again(world, petition: Petition) -> Petition:
    petition_propose_answer(petition=petition, actor=world.centre_officer, answer="Đã trả kết quả lần hai.")
    return petition_approve_answer(petition=petition, actor=world.centre_leader)


def test_rate_and_reopen_with_the_phone_number(world, settings):
    settings.FEEDBACK_PHONE_RATE = "5/d"  # every attempt counts, the right ones too
    petition = answered(world)
    assert error(send(None, petition, "rate", {"rating": "satisfied"})) == (403, "not_authenticated")
    assert error(send(None, petition, "rate", {"rating": "satisfied", "phone": "12"})) == (400, "feedback.invalid")
    body = ok(send(None, petition, "rate", {"rating": "unsatisfied", "phone": "0912345678"}))
    assert (body["state"], body["petitioner"]["rating"], body["petitioner"]["actions"]) == ("published",
                                                                                            "unsatisfied", ["reopen"])
    body = ok(send(None, petition, "reopen", {"reason": "Chưa giải quyết", "phone": "0912345678"}))
    assert body["state"] == "in_progress" and Petition.objects.get(pk=petition.pk).reopen_count == 1
    for _ in range(3):
        wrong = send(None, petition, "rate", {"rating": "satisfied", "phone": "0987000000"})
        assert error(wrong) == (403, "feedback.forbidden")
    limited = send(None, petition, "rate", {"rating": "satisfied", "phone": "0912345678"})
    assert error(limited) == (429, "feedback.rate_limited") and int(limited["Retry-After"]) > 0


def test_commands_answer_in_the_requests_language(world):
    petition = filed(world)
    english = send(world.centre_leader, petition, "classify", {"category": "gossip"})
    assert english.json()["extra"]["errors"]["category"] == ['"gossip" is not a valid choice.']
    vietnamese = send(world.centre_leader, petition, "classify", {"category": "gossip"}, lang="vi")
    assert vietnamese.json()["message"] == "Vui lòng kiểm tra các trường: category."
    assert vietnamese.json()["extra"]["errors"]["category"] == ["“gossip” không phải là lựa chọn hợp lệ."]
    long = send(world.centre_leader, petition, "refuse", {"reason": "x" * 10_001}, lang="vi")
    assert long.json()["extra"]["errors"]["reason"] == ["Trường này không được dài quá 10000 ký tự."]
    assert Petition.objects.get(pk=petition.pk).state == Petition.State.RECEIVED
