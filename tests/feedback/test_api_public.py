"""The published answers (anyone, masked texts only, searched without diacritics) and the hotline desk's call
log over the API (hotline officers and admins only)."""

import datetime as dt
import json
from zoneinfo import ZoneInfo

import pytest
import time_machine

from feedback.models import HotlineCall, Petition
from hotlines.models import Hotline
from tests.dossiers.factories import received
from tests.feedback.api_helpers import CALLS, PUBLISHED, client, error, ok, post_json
from tests.feedback.factories import answered, in_progress

pytestmark = pytest.mark.django_db
HCM = ZoneInfo("Asia/Ho_Chi_Minh")


def codes(response) -> list[str]:
    return [item["code"] for item in ok(response)["results"]]


# Published answers


def test_published_answers_are_searched_without_diacritics_and_show_masked_texts_only(world, settings):
    slow = answered(world)
    fees = answered(world, title="Phí chứng thực bản sao quá cao", content="Tôi là Nguyễn Văn An, ở Tổ 1, khu 2, "
                    "phường Hạ Long, gọi 0912 345 678 hoặc an@example.vn.")
    answered(world, publish=False)  # answered, not yet published
    in_progress(world)
    anyone = client()
    assert codes(anyone.get(PUBLISHED)) == [fees.code, slow.code]
    assert codes(anyone.get(PUBLISHED, {"q": "hen di hen lai"})) == [slow.code]
    assert codes(anyone.get(PUBLISHED, {"q": "HẸN ĐI"})) == [slow.code]
    assert codes(anyone.get(PUBLISHED, {"q": "chung thuc cao"})) == [fees.code]
    assert codes(anyone.get(PUBLISHED, {"q": "chung thuc khai sinh"})) == []
    assert codes(anyone.get(PUBLISHED, {"q": "0912345678"})) == []  # masked before it was stored for search
    assert codes(anyone.get(PUBLISHED, {"category": "conduct"})) == [fees.code, slow.code]
    assert codes(anyone.get(PUBLISHED, {"category": "unfit"})) == []
    assert codes(anyone.get(PUBLISHED, {"agency": world.justice.code})) == []
    assert error(anyone.get(PUBLISHED, {"category": "x", "q": "q" * 201})) == (400, "feedback.invalid")

    body = ok(anyone.get(f"{PUBLISHED}{fees.code}/"))
    assert body["title"] == "Phí chứng thực bản sao quá cao" and body["answer"]
    text = json.dumps(ok(anyone.get(PUBLISHED)), ensure_ascii=False)
    for private in ("Nguyễn Văn An", "0912 345 678", "0912345678", "an@example.vn", "Tổ 1, khu 2"):
        assert private not in text, private
    assert "N.V.A." in body["content"] and "a***@example.vn" in body["content"]


def test_an_unpublished_petition_is_no_published_answer(world):
    waiting, handled = answered(world, publish=False), in_progress(world)
    for petition in (waiting, handled):
        assert error(client().get(f"{PUBLISHED}{petition.code}/")) == (404, "feedback.not_found")
    assert error(client().get(f"{PUBLISHED}PAKN-000000-0000/")) == (404, "feedback.not_found")


# The hotline desk


def test_a_call_about_a_dossier_answered_at_once(world):
    dossier = received(world)
    hotline = Hotline.objects.create(number="1022", label="Tổng đài dịch vụ công 1022")
    call = {"caller_phone": "0912 345 678", "caller_name": "Nguyễn Văn An", "summary": "Hỏi hồ sơ đến đâu",
            "outcome": "answered", "response": "Hồ sơ đang được thẩm định", "dossier_code": dossier.code,
            "hotline": "1022"}
    body = ok(post_json(client(world.hotline), CALLS, call), 201)
    assert body["dossier"]["code"] == dossier.code and body["dossier"]["state"] == "received"
    assert (body["hotline"], body["officer"]["username"], body["petition"]) == ("1022", "tongdai", None)
    row = HotlineCall.objects.get()
    assert (row.caller_phone, row.hotline, row.dossier, row.officer) == ("0912345678", hotline, dossier,
                                                                         world.hotline)


def test_a_call_that_opens_a_petition(world):
    call = {"caller_phone": "0912345678", "caller_name": "Trần Thị Bích", "summary": "Cán bộ hẹn nhiều lần",
            "outcome": "petition", "petition": {"title": "Cán bộ hẹn nhiều lần", "content": "Gọi lên tổng đài phản "
                                                "ánh", "address": "Tổ 3, phường Hạ Long"}}
    body = ok(post_json(client(world.hotline), CALLS, call), 201)
    petition = Petition.objects.get()
    assert body["petition"] == petition.code
    assert (petition.channel, petition.phone, petition.name, petition.recorded_by) == (
        "hotline", "0912345678", "Trần Thị Bích", world.hotline)
    missing = post_json(client(world.hotline), CALLS, {**call, "petition": None})
    assert error(missing) == (400, "feedback.invalid") and list(missing.json()["extra"]["errors"]) == ["outcome"]
    no_address = post_json(client(world.hotline), CALLS, {**call, "petition": {"title": "t", "content": "c"}})
    assert error(no_address) == (400, "feedback.contact_missing")
    assert HotlineCall.objects.count() == 1 and Petition.objects.count() == 1


def test_the_call_log_is_the_hotline_desks(world):
    call = {"caller_phone": "0912345678", "summary": "Hỏi giờ làm việc", "outcome": "no_action"}
    for official in (world.justice_specialist, world.centre_leader, world.citizen):
        assert error(client(official).get(CALLS)) == (403, "feedback.forbidden")
        assert error(post_json(client(official), CALLS, call)) == (403, "feedback.forbidden")
    assert error(client().get(CALLS)) == (403, "not_authenticated")
    assert not HotlineCall.objects.exists()
    ok(post_json(client(world.admin), CALLS, call), 201)
    assert len(ok(client(world.admin).get(CALLS))["results"]) == 1


def test_the_call_log_filters_by_period_outcome_and_number(world):
    desk = client(world.hotline)
    with time_machine.travel(dt.datetime(2026, 3, 2, 9, 0, tzinfo=HCM), tick=False):
        post_json(desk, CALLS, {"caller_phone": "0912345678", "summary": "Hỏi", "outcome": "referred"})
    with time_machine.travel(dt.datetime(2026, 3, 4, 9, 0, tzinfo=HCM), tick=False):
        post_json(desk, CALLS, {"caller_phone": "0987654321", "summary": "Hỏi", "outcome": "no_action"})

        def numbers(**params):
            return [c["caller_phone"] for c in ok(desk.get(CALLS, params))["results"]]

        assert numbers() == ["0987654321", "0912345678"]
        assert numbers(date_from="2026-03-03") == ["0987654321"]
        assert numbers(date_to="2026-03-02") == ["0912345678"]
        assert numbers(outcome="referred") == ["0912345678"]
        assert numbers(phone="345 678") == ["0912345678"]
        assert numbers(phone="+84987654321") == ["0987654321"]
        bad = desk.get(CALLS, {"phone": "ab", "outcome": "lost", "date_from": "hôm qua"})
        assert error(bad) == (400, "feedback.invalid")
        assert sorted(bad.json()["extra"]["errors"]) == ["date_from", "outcome", "phone"]
        backwards = desk.get(CALLS, {"date_from": "2026-03-04", "date_to": "2026-03-02"})
        assert list(backwards.json()["extra"]["errors"]) == ["date_to"]


def test_a_call_is_checked_before_it_is_written(world):
    desk = client(world.hotline, lang="vi")
    bad = post_json(desk, CALLS, {"caller_phone": "99", "summary": "", "outcome": "answered"})
    assert error(bad) == (400, "feedback.invalid")
    assert sorted(bad.json()["extra"]["errors"]) == ["caller_phone", "response", "summary"]
    future = dt.datetime.now(HCM) + dt.timedelta(days=1)
    refused = post_json(desk, CALLS, {"caller_phone": "0912345678", "summary": "x", "outcome": "gọi nhầm",
                                      "hotline": "1900", "started_at": future.isoformat(),
                                      "dossier_code": "x" * 41})
    assert sorted(refused.json()["extra"]["errors"]) == ["dossier_code", "hotline", "outcome", "started_at"]
    assert refused.json()["extra"]["errors"]["outcome"] == ["“gọi nhầm” không phải là lựa chọn hợp lệ."]
    no_dossier = post_json(desk, CALLS, {"caller_phone": "0912345678", "summary": "Hỏi", "outcome": "no_action",
                                         "dossier_code": "000.01.49.H49-250701-9999"})
    assert error(no_dossier) == (400, "feedback.dossier_not_found")
    assert not HotlineCall.objects.exists()
