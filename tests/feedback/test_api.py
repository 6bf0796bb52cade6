"""The petition API as its clients see it: submission (anonymous or from an account, contact data, dossier
codes, attachments checked by content, the limit that counts only valid submissions), who lists and reads
which petition (the IDOR matrix), the deadlines and countdown, public tracking without personal data, and
hostile input answered 400, never 500. Commands: test_api_commands.py; published answers and the hotline
desk: test_api_public.py."""

import datetime as dt
import json
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from feedback.models import Petition, PetitionFile
from feedback.services import petition_classify, petition_forward, petition_request_info
from tests.dossiers.factories import png_bytes, submitted
from tests.feedback.api_helpers import PETITIONS, client, error, ok, post_json, send, track_url, url
from tests.feedback.factories import filed, in_progress

pytestmark = pytest.mark.django_db
HCM = ZoneInfo("Asia/Ho_Chi_Minh")
PERSON = {"name": "Nguyễn Văn An", "address": "Tổ 1, khu 2, phường Hạ Long", "phone": "0912 345 678",
          "email": "an@example.vn"}


def form(**overrides) -> dict:
    values = {"title": "Cán bộ hẹn đi hẹn lại", "content": "Tôi nộp hồ sơ từ tháng trước, chưa có kết quả.",
              **PERSON}
    values.update(overrides)
    return values


def codes(response) -> list[str]:
    return [item["code"] for item in ok(response)["results"]]


# Submission


def test_an_anonymous_person_submits_with_contact_data_and_reads_the_tracking_back(world):
    body = ok(post_json(client(), PETITIONS, form(kind="proposal", proposal="Nhắn tin khi có kết quả")), 201)
    petition = Petition.objects.get()
    assert body["code"] == petition.code and petition.code.startswith("PAKN-")
    assert body["state"] == "received" and body["agency"]["code"] == world.provincial_centre.agency.code
    assert body["deadline_at"] and body["working_days_left"] > 0
    assert body["petitioner"]["title"] == "Cán bộ hẹn đi hẹn lại"
    assert body["petitioner"]["proposal"] == "Nhắn tin khi có kết quả"
    assert "phone" not in body and "name" not in body
    assert (petition.citizen, petition.channel, petition.kind) == (None, "online", "proposal")
    assert (petition.name, petition.phone) == ("Nguyễn Văn An", "0912345678")


def test_a_citizens_account_fills_the_contact_and_the_petition_is_theirs(world):
    world.citizen.phone, world.citizen.address = "0987654321", "Số 5 phố Lê Lợi, phường Hạ Long"
    world.citizen.save()
    body = ok(post_json(client(world.citizen), PETITIONS, {"title": "Phí cao", "content": "Phí sao y quá cao."}), 201)
    assert body["name"] == "Nguyễn Văn An" and body["phone"] == "0987654321"
    assert body["address"] == "Số 5 phố Lê Lợi, phường Hạ Long"
    assert body["actions"] == [] and body["url"].endswith(f"/api/v1/feedback/petitions/{body['code']}/")
    assert Petition.objects.get().citizen == world.citizen
    assert codes(client(world.citizen).get(PETITIONS)) == [body["code"]]


def test_without_an_account_name_address_and_phone_are_required_each_named(world):
    response = post_json(client(), PETITIONS, {"title": "Phí cao", "content": "Phí sao y quá cao."})
    assert error(response) == (400, "feedback.contact_missing")
    assert sorted(response.json()["extra"]["errors"]) == ["address", "name", "phone"]
    assert "Decree 20/2008" in response.json()["message"]
    bad_phone = post_json(client(), PETITIONS, form(phone="12345"))
    assert error(bad_phone) == (400, "feedback.contact_missing")
    assert "not a Vietnamese phone number" in bad_phone.json()["extra"]["errors"]["phone"][0]
    assert not Petition.objects.exists()


def test_a_dossier_code_must_exist_and_be_the_citizens_own(world):
    missing = post_json(client(), PETITIONS, form(dossier_code="000.01.49.H49-250701-9999"))
    assert error(missing) == (400, "feedback.dossier_not_found")
    assert list(missing.json()["extra"]["errors"]) == ["dossier_code"]
    others = submitted(world, citizen=world.other_citizen)
    not_mine = post_json(client(world.citizen), PETITIONS, form(dossier_code=others.code))
    assert error(not_mine) == (400, "feedback.dossier_not_found")  # as if it did not exist
    mine = submitted(world)
    body = ok(post_json(client(world.citizen), PETITIONS, form(dossier_code=mine.code.lower())), 201)
    assert body["dossier"] == mine.code and body["about"] == "dossier"
    assert body["agency"]["code"] == world.commune_agency.code  # the dossier's centre receives it


def test_procedure_and_centre_are_named_by_code_and_slug(world):
    body = ok(post_json(client(world.citizen), PETITIONS, form(procedure="1.001193", centre="ha-long")), 201)
    assert body["procedure"] == "1.001193" and body["centre"] == "ha-long"
    unknown = post_json(client(), PETITIONS, form(procedure="9.999999", centre="khong-co"))
    assert error(unknown) == (400, "feedback.invalid")
    assert sorted(unknown.json()["extra"]["errors"]) == ["centre", "procedure"]


def test_attachments_are_checked_by_content(world):
    disguised = SimpleUploadedFile("anh.jpg", b"MZ\x90\x00\x03 not a photo at all", content_type="image/jpeg")
    refused = client().post(PETITIONS, {**form(), "files": [disguised]})
    assert error(refused) == (400, "feedback.file_type")
    assert list(refused.json()["extra"]["errors"]) == ["files"]
    assert not Petition.objects.exists()
    elsewhere = client().post(PETITIONS, {**form(), "photo": SimpleUploadedFile("a.png", png_bytes())})
    assert error(elsewhere) == (400, "feedback.invalid") and list(elsewhere.json()["extra"]["errors"]) == ["photo"]
    photo = SimpleUploadedFile("anh-chup.png", png_bytes(), content_type="image/png")
    body = ok(client().post(PETITIONS, {**form(), "files": [photo]}), 201)
    stored = PetitionFile.objects.get()
    assert (stored.petition.code, stored.original_name, stored.content_type) == (body["code"], "anh-chup.png",
                                                                               "image/png")


def test_the_limit_counts_valid_submissions_only_per_address(world, settings):
    settings.FEEDBACK_SUBMIT_RATE = "2/h"
    shared = client(address="203.0.113.7")
    for _ in range(4):  # typos on a shared connection cost nothing
        assert error(post_json(shared, PETITIONS, form(name=""))) == (400, "feedback.contact_missing")
    ok(post_json(shared, PETITIONS, form()), 201)
    ok(post_json(shared, PETITIONS, form()), 201)
    limited = post_json(shared, PETITIONS, form())
    assert error(limited) == (429, "feedback.rate_limited")
    assert int(limited["Retry-After"]) > 0 and limited.json()["extra"]["retry_after"] == int(limited["Retry-After"])
    assert Petition.objects.count() == 2
    ok(post_json(client(address="198.51.100.2"), PETITIONS, form()), 201)


# Who lists and reads what


def test_a_citizen_lists_and_reads_only_their_own(world):
    mine, theirs = filed(world, citizen=world.citizen), filed(world, citizen=world.other_citizen)
    filed(world)  # sent without an account: nobody's list
    assert codes(client(world.citizen).get(PETITIONS)) == [mine.code]
    assert ok(client(world.citizen).get(url(mine)))["code"] == mine.code
    assert ok(client(world.citizen).get(url(mine, by="uuid")))["code"] == mine.code
    assert error(client(world.citizen).get(url(theirs))) == (404, "feedback.not_found")
    assert error(client(world.citizen).get(url(theirs, by="uuid"))) == (404, "feedback.not_found")
    assert error(client(world.citizen).get(PETITIONS + "PAKN-000000-0000/")) == (404, "feedback.not_found")
    assert error(send(world.citizen, theirs, "rate", {"rating": "satisfied"})) == (404, "feedback.not_found")


def test_agencies_see_their_own_and_what_passed_through_them_not_each_others(world, settings):
    at_centre = filed(world)
    settings.FEEDBACK_RECEIVING_AGENCY = world.justice.code
    at_justice = filed(world)
    for official in (world.centre_officer, world.centre_leader):
        assert codes(client(official).get(PETITIONS)) == [at_centre.code]
        assert error(client(official).get(url(at_justice))) == (404, "feedback.not_found")
    assert codes(client(world.justice_specialist).get(PETITIONS)) == [at_justice.code]
    assert error(client(world.justice_leader).get(url(at_centre))) == (404, "feedback.not_found")
    assert error(send(world.justice_leader, at_centre, "classify", {"category": "other"})) == (404, "feedback.not_found")
    assert codes(client(world.officer).get(PETITIONS)) == []  # a commune's officer: neither
    for desk in (world.hotline, world.admin):
        assert sorted(codes(client(desk).get(PETITIONS))) == sorted([at_centre.code, at_justice.code])

    petition_forward(petition=at_centre, actor=world.centre_officer, agency=world.justice)
    assert ok(client(world.centre_officer).get(url(at_centre)))["actions"] == []  # passed through: read only
    assert ok(client(world.justice_leader).get(url(at_centre)))["actions"] == ["classify", "request-info",
                                                                             "forward", "refuse"]


def test_anonymous_callers_get_no_list_no_detail_and_no_officials_command(world):
    petition = filed(world)
    assert error(client().get(PETITIONS)) == (403, "not_authenticated")
    assert error(client().get(url(petition))) == (403, "not_authenticated")
    assert error(send(None, petition, "classify", {"category": "other"})) == (403, "not_authenticated")
    assert error(send(None, petition, "supply-info", {"information": "x"})) == (403, "not_authenticated")


def test_the_petitioner_reads_no_inner_work_of_the_agency(world):
    petition = filed(world, citizen=world.citizen)
    petition_classify(petition=petition, actor=world.centre_leader, category="conduct", handler=world.centre_officer,
                      note="Ghi chú nội bộ: đã gọi cho cán bộ")
    send(world.centre_officer, petition, "propose-answer", {"answer": "Bản nháp trả lời"})
    send(world.centre_leader, petition, "return-answer", {"note": "Viết lại cho rõ"})
    official = ok(client(world.centre_leader).get(url(petition)))
    assert [e["kind"] for e in official["events"]] == ["submitted", "classified", "answer_proposed",
                                                       "answer_returned"]
    assert official["events"][1]["note"] == "Ghi chú nội bộ: đã gọi cho cán bộ"
    assert official["handler"]["username"] == world.centre_officer.username
    assert official["answer"] == "Bản nháp trả lời"
    mine = ok(client(world.citizen).get(url(petition)))
    assert [e["kind"] for e in mine["events"]] == ["submitted", "classified"]
    assert {e["note"] for e in mine["events"]} == {""} and {e["actor"] for e in mine["events"]} == {None}
    assert (mine["handler"], mine["answer"], mine["actions"]) == (None, "", [])


def test_the_list_filters_and_its_queries_do_not_grow_with_it(world, django_assert_max_num_queries):
    filed(world)
    handled = in_progress(world)
    leader = client(world.centre_leader)
    assert codes(leader.get(PETITIONS, {"state": "in_progress"})) == [handled.code]
    assert codes(leader.get(PETITIONS, {"category": "conduct", "klass": "conduct"})) == [handled.code]
    assert codes(leader.get(PETITIONS, {"agency": world.justice.code})) == []
    assert len(codes(leader.get(PETITIONS, {"agency": world.provincial_centre.agency.code}))) == 2
    bad = leader.get(PETITIONS, {"state": "lost", "agency": "X" * 41, "overdue": "perhaps"})
    assert error(bad) == (400, "feedback.invalid")
    assert sorted(bad.json()["extra"]["errors"]) == ["agency", "overdue", "state"]
    assert error(leader.get(PETITIONS, {"agency": "000.99.99.H49"})) == (400, "feedback.invalid")
    for _ in range(6):
        filed(world)
    leader.get(PETITIONS)  # the session is read once
    with django_assert_max_num_queries(6):
        assert len(codes(leader.get(PETITIONS))) == 8


def test_overdue_and_the_countdown_in_working_days(world):
    with time_machine.travel(dt.datetime(2026, 3, 2, 6, 0, tzinfo=HCM), tick=False):  # a Monday, before office
        late, handled = filed(world), in_progress(world)
        petition = ok(client(world.centre_leader).get(url(late)))
        assert (petition["deadline_for"], petition["working_days_left"]) == ("intake", 6.0)
        assert petition["deadline_at"] == "2026-03-09T17:00:00+07:00"
        assert (petition["due_at"], petition["answer_working_days_left"]) == ("2026-03-23T17:00:00+07:00", 16.0)
    with time_machine.travel(dt.datetime(2026, 3, 11, 6, 0, tzinfo=HCM), tick=False):
        leader = client(world.centre_leader)
        assert codes(leader.get(PETITIONS, {"overdue": "true"})) == [late.code]
        assert codes(leader.get(PETITIONS, {"overdue": "false"})) == [handled.code]
        petition = ok(leader.get(url(late)))
        assert (petition["is_overdue"], petition["working_days_left"]) == (True, -1.0)
        assert petition["answer_working_days_left"] == 9.0  # the answer is due in 15 working days
        # Officials see the next deadline first.
        assert codes(leader.get(PETITIONS)) == [late.code, handled.code]


# Public tracking


def test_tracking_by_code_shows_progress_without_personal_data(world):
    petition = filed(world)
    petition_request_info(petition=petition, actor=world.centre_officer, request="Gửi ảnh giấy hẹn trả kết quả")
    body = ok(client().get(track_url(petition)))
    assert (body["code"], body["state"], body["waiting_for_citizen"]) == (petition.code, "info_requested", True)
    assert body["agency"]["code"] == world.provincial_centre.agency.code and body["petitioner"] is None
    assert [step["kind"] for step in body["history"]] == ["submitted", "info_requested"]
    assert body["answer_working_days_left"] is not None  # standing still while the agency waits
    text = json.dumps(body, ensure_ascii=False)
    for private in ("Nguyễn Văn An", "0912345678", "Tổ 1, khu 2", "an@example.vn", "hẹn đi hẹn lại",
                    "Gửi ảnh giấy hẹn"):
        assert private not in text, private
    proven = ok(client().get(track_url(petition), {"phone": "+84 912 345 678"}))
    assert proven["petitioner"]["info_request"] == "Gửi ảnh giấy hẹn trả kết quả"
    assert proven["petitioner"]["actions"] == ["supply-info"]
    assert error(client().get(track_url(petition), {"phone": "0912000000"})) == (403, "feedback.forbidden")
    assert error(client().get(track_url(petition), {"phone": "abc"})) == (400, "feedback.invalid")
    assert error(client().get(f"{track_url(petition)[:-5]}9999/")) == (404, "feedback.not_found")


def test_attempts_at_the_phone_number_are_limited_per_petition_with_the_tracking_pages(world, settings):
    settings.FEEDBACK_PHONE_RATE = "2/d"
    petition, other = filed(world), filed(world)
    page = client(address="192.0.2.1").post(reverse("feedback:track"), {"code": petition.code, "phone": "0912000000"})
    assert page.status_code == 403
    # Per petition, whatever the address, and counted with the page's.
    assert error(client(address="192.0.2.2").get(track_url(petition), {"phone": "0912000000"})) == (
        403, "feedback.forbidden")
    limited = client(address="192.0.2.3").get(track_url(petition), {"phone": "0912345678"})
    assert error(limited) == (429, "feedback.rate_limited") and int(limited["Retry-After"]) > 0
    assert ok(client().get(track_url(other), {"phone": "0912345678"}))["petitioner"]["title"]


def test_tracking_is_limited_per_address(world, settings):
    settings.FEEDBACK_LOOKUP_RATE = "2/m"
    petition = filed(world)
    ok(client().get(track_url(petition)))
    ok(client().get(track_url(petition)))
    assert error(client().get(track_url(petition))) == (429, "feedback.rate_limited")
    ok(client(address="198.51.100.9").get(track_url(petition)))


# Hostile input


def test_hostile_input_is_answered_400_in_the_requests_language(world):
    anonymous = client()
    nul = post_json(anonymous, PETITIONS, form(title="Phí\x00cao"))
    assert error(nul) == (400, "invalid.nul_character")
    long = post_json(anonymous, PETITIONS, form(title="x" * 201, content="y" * 10_001, name="z" * 151))
    assert error(long) == (400, "feedback.invalid")
    assert sorted(long.json()["extra"]["errors"]) == ["content", "name", "title"]
    choice = post_json(anonymous, PETITIONS, form(kind="complaint", about=["dossier"]))
    assert sorted(choice.json()["extra"]["errors"]) == ["about", "kind"]
    assert error(post_json(anonymous, PETITIONS, ["not", "an", "object"])) == (400, "feedback.invalid")
    broken = anonymous.post(PETITIONS, "{not json", content_type="application/json")
    assert error(broken) == (400, "parse_error")
    json_files = post_json(anonymous, PETITIONS, form(files=["/etc/passwd"]))
    assert error(json_files) == (400, "feedback.invalid")
    vietnamese = post_json(client(lang="vi"), PETITIONS, form(kind="complaint"))
    assert vietnamese.json()["message"] == "Vui lòng kiểm tra các trường: kind."
    assert "lựa chọn hợp lệ" in vietnamese.json()["extra"]["errors"]["kind"][0]
    missing = post_json(client(lang="vi"), PETITIONS, {"title": "Phí", "content": "Cao"})
    assert error(missing) == (400, "feedback.contact_missing")
    assert not Petition.objects.exists()
