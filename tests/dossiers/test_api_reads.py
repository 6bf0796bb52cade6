"""Reads of the dossier API: the list per role with its filters and a query bound, the detail, the public
lookup (no personal data, 404, 429) and the language of error messages."""

import datetime as dt
import types

import django_ratelimit.core
import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation

from dossiers.api.serializers import LookupSerializer, lookup_representation
from dossiers.lookups import PublicLookup
from dossiers.models import Dossier
from dossiers.selectors import dossier_lookup
from dossiers.services import dossier_draft_save, dossier_receive
from tests.dossiers.api_helpers import BASE, as_user, send, url
from tests.dossiers.factories import CCCD_B, received, result_ready, submitted

pytestmark = pytest.mark.django_db

LOOKUP = f"{BASE}lookup/"


def codes(response) -> set:
    assert response.status_code == 200, response.json()
    return {item["uuid"] for item in response.json()["results"]}


@pytest.fixture
def dossiers(world):
    """A draft and a received dossier of the citizen, one submitted by another citizen (commune centre), one
    submitted at the provincial centre."""
    draft = dossier_draft_save(citizen=world.citizen, version=world.version, centre=world.centre,
                               applicant=world.applicant())
    return {
        "draft": draft,
        "mine": received(world),
        "other": submitted(world, citizen=world.other_citizen, name="Trần Thị Bích", cccd=CCCD_B),
        "provincial": submitted(world, centre=world.provincial_centre),
    }


def uuids(*items) -> set:
    return {str(d.uuid) for d in items}


def test_officials_list_a_queue_of_the_desk(world, dossiers):
    from dossiers.services import dossier_request_supplement, dossier_supplement

    back = submitted(world, name="Đỗ Văn Bổ")
    dossier_request_supplement(dossier=back, user=world.officer, reason="Mờ", items=["Tờ khai"])
    dossier_supplement(dossier=back, user=world.citizen, note="Đã bổ sung")
    officer = as_user(world.officer)
    assert codes(officer.get(BASE, {"queue": "check"})) == uuids(dossiers["other"])
    assert codes(officer.get(BASE, {"queue": "supplemented"})) == uuids(back)
    assert codes(officer.get(BASE, {"queue": "result"})) == set()
    assert codes(officer.get(BASE, {"queue": "mine"})) == uuids(dossiers["mine"])  # received by this officer
    assert codes(officer.get(BASE, {"queue": "check", "q": "tran thi bich"})) == uuids(dossiers["other"])
    assert codes(as_user(world.provincial_officer).get(BASE, {"queue": "check"})) == uuids(dossiers["provincial"])
    assert codes(as_user(world.specialist).get(BASE, {"queue": "check"})) == set()  # no centre, no desk
    refused = as_user(world.citizen).get(BASE, {"queue": "check"})
    assert refused.status_code == 400 and list(refused.json()["extra"]["errors"]) == ["queue"]
    unknown = officer.get(BASE, {"queue": "everything"})
    assert unknown.status_code == 400 and list(unknown.json()["extra"]["errors"]) == ["queue"]


def test_each_role_lists_what_it_may_see(world, dossiers):
    d = dossiers
    assert codes(as_user(world.citizen).get(BASE)) == uuids(d["draft"], d["mine"], d["provincial"])
    assert codes(as_user(world.other_citizen).get(BASE)) == uuids(d["other"])
    assert codes(as_user(world.officer).get(BASE)) == uuids(d["mine"], d["other"])
    assert codes(as_user(world.provincial_officer).get(BASE)) == uuids(d["provincial"])
    # The commune's agency: its centre's dossiers and those with a step at it (none at the province yet).
    assert codes(as_user(world.specialist).get(BASE)) == uuids(d["mine"], d["other"])
    assert codes(as_user(world.admin).get(BASE)) == uuids(d["mine"], d["other"], d["provincial"])


def test_list_item_shape(world, dossiers):
    body = as_user(world.officer).get(BASE, {"state": "received"}).json()
    assert body["count"] == 1
    item = body["results"][0]
    mine = dossiers["mine"]
    assert item["uuid"] == str(mine.uuid) and item["code"] == mine.code
    assert (item["state"], item["state_display"], item["is_late"]) == ("received", "Received", False)
    assert item["centre"]["slug"] == "ha-long"
    assert item["url"] == f"http://testserver{url(mine)}"
    assert "id" not in item and "applicant_cccd" not in item


def test_search_by_name_treats_i_and_y_alike(world, dossiers):
    officer = as_user(world.officer)
    ly = submitted(world, citizen=world.other_citizen, name="Nguyễn Thị Lý")
    for query in ("nguyen thi ly", "Nguyễn Thị Lí", "li", "ly", "LÝ"):
        assert codes(officer.get(BASE, {"q": query})) == uuids(ly), query


def test_filters(world, dossiers):
    officer = as_user(world.officer)
    assert codes(officer.get(BASE, {"q": "tran thi bich"})) == uuids(dossiers["other"])
    assert codes(officer.get(BASE, {"q": CCCD_B})) == uuids(dossiers["other"])
    assert codes(officer.get(BASE, {"q": dossiers["mine"].code})) == uuids(dossiers["mine"])
    assert codes(officer.get(BASE, {"procedure": "1.001193", "state": "submitted"})) == uuids(dossiers["other"])
    assert codes(officer.get(BASE, {"due": "overdue"})) == set()
    today = timezone.localdate(dossiers["mine"].received_at).isoformat()
    assert codes(officer.get(BASE, {"received_from": today, "received_to": today})) == uuids(dossiers["mine"])
    bad = officer.get(BASE, {"received_from": "hôm qua", "state": "lost"})
    assert bad.status_code == 400
    assert bad.json()["code"] == "dossier.invalid"
    assert set(bad.json()["extra"]["errors"]) == {"received_from", "state"}


def test_the_list_does_the_same_queries_for_5_and_30_dossiers(world):
    client = as_user(world.officer)

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            response = client.get(BASE, {"page_size": 50})
        assert response.status_code == 200
        return len(captured), response.json()["count"]

    for _ in range(5):
        dossier_receive(dossier=submitted(world), officer=world.officer)
    few, count = queries()
    assert count == 5
    for _ in range(25):
        submitted(world)
    many, count = queries()
    assert (count, many) == (30, few)
    assert few <= 6


def test_detail(world, dossiers, django_assert_max_num_queries):
    mine = dossiers["mine"]
    client = as_user(world.citizen)
    with django_assert_max_num_queries(10):
        response = client.get(url(mine))
    body = response.json()
    assert response.status_code == 200
    assert [s["position"] for s in body["steps"]] == [1, 2, 3, 4]
    assert body["steps"][0]["agency"]["code"] == world.commune_agency.code
    assert body["current_step"] == 2  # receiving did the centre's step 1
    assert {f["component"] for f in body["files"]} == {1, 2}
    assert [e["kind"] for e in body["events"]] == ["drafted", "submitted", "received", "step_completed"]
    assert body["events"][-1]["actor"] is None  # the applicant is not told which official acted
    assert body["actions"] == ["withdraw"]
    officials_view = as_user(world.officer).get(url(mine)).json()
    assert officials_view["events"][-1]["actor"]["full_name"] == "Lê Văn Cường"


def test_detail_of_someone_elses_dossier_is_not_found(world, dossiers):
    for user, key in ((world.other_citizen, "mine"), (world.provincial_officer, "mine"), (world.officer, "draft")):
        response = as_user(user).get(url(dossiers[key]))
        assert (response.status_code, response.json()["code"]) == (404, "dossier.not_found")


def test_lookup_shows_progress_without_personal_data(world, dossiers):
    mine = dossiers["mine"]
    response = Client(HTTP_ACCEPT_LANGUAGE="en").get(LOOKUP, {"code": mine.code.lower()})
    assert response.status_code == 200
    body = response.json()
    assert body == {
        "code": mine.code, "procedure_name": "Birth registration", "state": "received", "state_display": "Received",
        "submitted_at": body["submitted_at"], "received_at": body["received_at"], "due_at": body["due_at"],
        "returned_at": None, "current_step": "Examine and draft the result", "timeliness": "on_time",
        "applicant": None, "last_digits": None,
    }
    assert body["submitted_at"] and body["received_at"] and body["due_at"]
    text = response.content.decode()
    for secret in (mine.applicant_cccd, mine.applicant_phone, mine.applicant_email, "Nguyễn", str(mine.uuid), "An"):
        assert secret not in text
    with_digits = Client(HTTP_ACCEPT_LANGUAGE="en").get(LOOKUP, {"code": mine.code, "last_digits": mine.applicant_cccd[-4:]})
    assert (with_digits.json()["applicant"], with_digits.json()["last_digits"]) == ("N***** V** An", "ok")
    wrong = Client(HTTP_ACCEPT_LANGUAGE="en").get(LOOKUP, {"code": mine.code, "last_digits": "0000"}).json()
    assert (wrong["applicant"], wrong["last_digits"]) == (None, "wrong")


def test_the_lookup_is_one_query(world, dossiers, django_assert_num_queries):
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.get(LOOKUP, {"code": "H99-250101-0001"})  # on PostgreSQL, prepares its statement on this connection
    with django_assert_num_queries(1):
        body = client.get(LOOKUP, {"code": dossiers["mine"].code}).json()
    assert body["current_step"] == "Examine and draft the result" and body["procedure_name"] == "Birth registration"


def test_the_lookup_answers_what_its_documented_serializer_gives(world, dossiers):
    late = received(world)
    late.steps.filter(position=1).update(due_at=timezone.now() - dt.timedelta(hours=1))
    Dossier.objects.filter(pk=late.pk).update(due_at=timezone.now() - dt.timedelta(hours=1))
    for language in ("vi", "en"):
        with translation.override(language):
            for dossier in (dossiers["mine"], late, result_ready(world), submitted(world)):
                for shown, digits in ((False, ""), (True, "ok"), (False, "wrong")):
                    visitor = PublicLookup(dossier_lookup(code=dossier.code), shows_applicant=shown, digits=digits)
                    assert lookup_representation(visitor) == LookupSerializer(visitor).data
    visitor = PublicLookup(dossier_lookup(code=late.code), shows_applicant=False, digits="")
    assert LookupSerializer(visitor).data["timeliness"] == "late"


def test_lookup_of_an_unknown_code_is_a_404(world, dossiers):
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    for code in ("H99-250101-0001", ""):
        response = client.get(LOOKUP, {"code": code})
        assert (response.status_code, response.json()["code"]) == (404, "dossier.not_found")


@pytest.fixture
def still_clock(monkeypatch, settings):
    settings.RATELIMIT_ENABLE = True
    monkeypatch.setattr(django_ratelimit.core, "time", types.SimpleNamespace(time=lambda: 1_767_225_600.0))


def test_lookup_is_rate_limited_per_address(world, dossiers, settings, still_clock):
    settings.DOSSIER_LOOKUP_RATE = "3/m"
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    code = dossiers["mine"].code
    assert [client.get(LOOKUP, {"code": c}).status_code for c in (code, "X-1", code)] == [200, 404, 200]
    limited = client.get(LOOKUP, {"code": code})
    assert limited.status_code == 429
    body = limited.json()
    assert body["code"] == "dossier.rate_limited"
    assert 1 <= int(limited["Retry-After"]) <= 60 and body["extra"]["retry_after"] == int(limited["Retry-After"])
    assert body["message"].startswith("Too many lookups from your connection.")
    assert client.get(LOOKUP, {"code": code}, REMOTE_ADDR="203.0.113.9").status_code == 200


def test_errors_are_in_vietnamese_by_default_and_english_on_request(world, dossiers):
    mine = dossiers["mine"]
    vietnamese = send(world.officer, mine, "extend", {"reason": "Chậm"}, lang="")
    assert vietnamese.status_code == 400
    assert vietnamese.json() == {"code": "dossier.invalid", "message": "Vui lòng kiểm tra các trường: new_due_at.",
                                 "extra": {"errors": {"new_due_at": ["Trường này là bắt buộc."]}}}
    english = send(world.officer, mine, "extend", {"reason": "Chậm"}, lang="en")
    assert english.json()["message"] == "Please check these fields: new_due_at."
    assert english.json()["extra"]["errors"]["new_due_at"] == ["This field is required."]
    assert english["Content-Language"] == "en"
    by_parameter = as_user(world.officer, lang="").post(url(mine, "extend") + "?lang=en", {},
                                                         content_type="application/json")
    assert by_parameter.json()["message"] == "Please check these fields: new_due_at."


def test_the_lookup_speaks_vietnamese_by_default(world, dossiers):
    body = Client().get(LOOKUP, {"code": dossiers["mine"].code}).json()
    assert body["procedure_name"] == "Đăng ký khai sinh"
    assert body["current_step"] == "Thẩm định hồ sơ, dự thảo kết quả"
    assert body["state_display"] != "Received"
