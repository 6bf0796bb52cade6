"""The hotline desk: a call written down while on the phone (answered at once with the dossier's state on the
screen, or a petition opened), the look-ups, bad input, who reaches the desk, and the call log."""

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from feedback.models import HotlineCall, Petition
from feedback.services import CallInput, hotline_call_record, petition_request_info
from hotlines.models import Hotline
from tests.dossiers.factories import received
from tests.feedback.factories import filed

pytestmark = pytest.mark.django_db
DESK = reverse("feedback:hotline")
CALLS = reverse("feedback:calls")


def login(user, language="en") -> Client:
    client = Client()
    client.cookies["django_language"] = language
    client.force_login(user)
    return client


@pytest.fixture
def line(db):
    return Hotline.objects.create(number="02033825678", label="Đường dây nóng tỉnh", label_en="Province hotline")


def call_data(**overrides) -> dict:
    data = {"caller_phone": "0912 345 678", "caller_name": "Nguyễn Văn An",
            "summary": "Hỏi hồ sơ khai sinh của con đến đâu rồi.", "outcome": "answered",
            "response": "Hồ sơ đang thẩm định, hẹn trả đúng hạn."}
    data.update(overrides)
    return data


def test_a_call_answered_at_once_with_the_dossiers_state_on_the_screen(world, line):
    dossier = received(world.base)
    client = login(world.hotline)
    typed = call_data(hotline=line.pk, dossier_code=dossier.code.lower(), lookup="1")
    looked = client.post(DESK, typed)
    html = looked.content.decode()
    assert looked.status_code == 200 and not HotlineCall.objects.exists()  # a look-up saves nothing
    assert looked.context["dossier"]["found"] and looked.context["dossier"]["code"] == dossier.code
    for text in ("Birth registration", "Examine and draft the result", "On time.", typed["summary"], "0912 345 678"):
        assert text in html, text
    del typed["lookup"]
    saved = client.post(DESK, typed)
    assert saved.status_code == 302 and saved["Location"] == DESK
    call = HotlineCall.objects.get()
    assert (call.officer, call.dossier, call.hotline, call.outcome) == (world.hotline, dossier, line, "answered")
    assert call.caller_phone == "0912345678" and call.petition is None
    desk = client.get(DESK)
    assert "The call was recorded." in desk.content.decode()
    assert desk.context["today"] == [call]
    assert desk.context["form"]["summary"].value() in (None, "")  # a clean form for the next call


def test_the_dossier_state_as_json_for_the_script(world):
    dossier = received(world.base)
    client = login(world.hotline)
    found = client.get(reverse("feedback:hotline_dossier"), {"code": dossier.code})
    assert found.status_code == 200
    body = found.json()
    assert body["found"] and body["code"] == dossier.code and body["late"] is False
    assert ["Procedure", "Birth registration"] in body["rows"]
    missing = client.get(reverse("feedback:hotline_dossier"), {"code": "H49-000000-0000"})
    assert missing.status_code == 404 and "No dossier has this code" in missing.json()["message"]
    assert login(world.centre_leader).get(reverse("feedback:hotline_dossier"), {"code": dossier.code}).status_code == 403


def test_open_a_petition_from_a_call(world, line):
    dossier = received(world.base)
    client = login(world.hotline)
    incomplete = client.post(DESK, call_data(outcome="petition", response="", dossier_code=dossier.code))
    assert incomplete.status_code == 400
    assert set(incomplete.context["form"].errors) >= {"title", "address"}
    assert not Petition.objects.exists()
    response = client.post(DESK, call_data(
        outcome="petition", response="", dossier_code=dossier.code, title="Hồ sơ khai sinh chậm",
        address="Tổ 1, khu 2, phường Hạ Long", kind="feedback", about="dossier", email=""))
    assert response.status_code == 302
    petition = Petition.objects.get()
    assert petition.channel == Petition.Channel.HOTLINE and petition.recorded_by == world.hotline
    assert petition.dossier == dossier and petition.phone == "0912345678" and petition.name == "Nguyễn Văn An"
    assert petition.content == "Hỏi hồ sơ khai sinh của con đến đâu rồi."  # what the caller said
    assert HotlineCall.objects.get().petition == petition
    assert f"petition {petition.code} was opened" in client.get(DESK).content.decode()
    log = client.get(CALLS)
    assert petition.code in log.content.decode()
    assert reverse("feedback:detail", kwargs={"uuid": petition.uuid}) in log.content.decode()


def test_a_dossier_code_that_does_not_exist_saves_nothing_and_keeps_what_was_typed(world):
    client = login(world.hotline)
    response = client.post(DESK, call_data(dossier_code="H49-991231-9999"))
    assert response.status_code == 400
    html = response.content.decode()
    assert "There is no dossier with code H49-991231-9999" in html
    assert call_data()["summary"] in html and "Hồ sơ đang thẩm định" in html
    assert not HotlineCall.objects.exists()


def test_a_bad_phone_number_saves_nothing(world):
    response = login(world.hotline).post(DESK, call_data(caller_phone="12345"))
    assert response.status_code == 400
    assert "is not a Vietnamese phone number" in response.context["form"].errors["caller_phone"][0]
    assert not HotlineCall.objects.exists()


def test_an_answer_must_be_written_down(world):
    response = login(world.hotline).post(DESK, call_data(response=""))
    assert response.status_code == 400 and response.context["form"].errors["response"]
    assert not HotlineCall.objects.exists()


def test_only_the_hotline_desk_and_admins_reach_it(world):
    assert login(world.admin).get(DESK).status_code == 200
    for user in (world.centre_leader, world.centre_officer, world.citizen):
        client = login(user)
        assert client.get(DESK).status_code == 403
        assert client.get(CALLS).status_code == 403
        assert client.post(DESK, call_data()).status_code == 403
    assert not HotlineCall.objects.exists()
    assert Client().get(DESK).status_code == 302


def test_a_caller_asks_about_a_petition_and_the_desk_adds_the_information(world):
    petition = petition_request_info(petition=filed(world), actor=world.centre_leader,
                                     request="Cho biết số hồ sơ đã nộp.")
    client = login(world.hotline)
    page = client.get(DESK, {"petition": petition.code.lower()})
    html = page.content.decode()
    assert petition.code in html and "Cho biết số hồ sơ đã nộp." in html and "Clock stopped" in html
    form_url = reverse("feedback:act", kwargs={"uuid": petition.uuid, "action": "supply-info"})
    assert form_url in html
    back = f"{DESK}?petition={petition.code}"
    response = client.post(form_url, {"supply_info-information": "Số hồ sơ H49-250701-0001", "next": back})
    assert response.status_code == 302 and response["Location"] == back
    petition.refresh_from_db()
    assert petition.state == Petition.State.RECEIVED and "H49-250701-0001" in petition.content
    assert "There is no petition with code PAKN-000000-0000" in client.get(
        DESK, {"petition": "PAKN-000000-0000"}).content.decode()


def test_the_next_address_must_be_the_portals_own(world):
    petition = petition_request_info(petition=filed(world), actor=world.centre_leader, request="Số hồ sơ?")
    url = reverse("feedback:act", kwargs={"uuid": petition.uuid, "action": "supply-info"})
    response = login(world.hotline).post(url, {"supply_info-information": "H49", "next": "https://evil.example/"})
    assert response["Location"] == reverse("feedback:detail", kwargs={"uuid": petition.uuid})


def _calls(world, count, **overrides):
    for index in range(count):
        values = {"caller_phone": f"09123456{index % 100:02d}", "summary": f"Cuộc gọi {index}",
                  "outcome": "no_action", **overrides}
        hotline_call_record(officer=world.hotline, call=CallInput(**values))


def test_the_call_log_filters_by_date_outcome_officer_and_number(world):
    _calls(world, 2)
    hotline_call_record(officer=world.admin, call=CallInput(caller_phone="0987654321", summary="Hỏi phí",
                                                            outcome="referred", response="Gọi Sở Tài chính"))
    old = HotlineCall.objects.filter(caller_phone="0912345600").get()
    HotlineCall.objects.filter(pk=old.pk).update(started_at=timezone.now() - dt.timedelta(days=10))
    client = login(world.hotline)

    def phones(**query):
        return {c.caller_phone for c in client.get(CALLS, query).context["page_obj"].object_list}

    assert phones() == {"0912345600", "0912345601", "0987654321"}
    assert phones(outcome="referred") == {"0987654321"}
    assert phones(officer=world.admin.pk) == {"0987654321"}
    assert phones(number="0987 654 321") == {"0987654321"}
    assert phones(number="345601") == {"0912345601"}
    today = timezone.localdate().isoformat()
    assert phones(date_from=today) == {"0912345601", "0987654321"}
    assert phones(date_to=(timezone.localdate() - dt.timedelta(days=5)).isoformat()) == {"0912345600"}


def test_the_call_log_and_the_desk_read_a_bounded_number_of_queries(world, django_assert_max_num_queries):
    dossier = received(world.base)
    _calls(world, 2, dossier_code=dossier.code)
    client = login(world.hotline)
    client.get(CALLS)
    with django_assert_max_num_queries(12) as few:
        client.get(CALLS)
    with django_assert_max_num_queries(14) as desk:
        client.get(DESK)
    _calls(world, 25, dossier_code=dossier.code)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(CALLS)
    assert len(response.context["page_obj"].object_list) == 27
    with django_assert_max_num_queries(len(desk.captured_queries)):
        assert len(client.get(DESK).context["today"]) == 27


def test_the_desk_reads_in_vietnamese(world):
    html = login(world.hotline, "vi").get(DESK).content.decode()
    assert "Tổng đài" in html and "Số điện thoại người gọi" in html and "Đã trả lời ngay" in html


def test_the_hotline_officer_lands_on_the_desk_after_logging_in(world):
    login_url = reverse("accounts:login")
    response = Client().post(login_url, {"username": world.hotline.username, "password": "Mật-khẩu-2025!"})
    assert response.status_code == 302 and response["Location"] == DESK
    others = Client().post(login_url, {"username": world.centre_leader.username, "password": "Mật-khẩu-2025!"})
    assert others["Location"] == reverse("accounts:home")
    asked = Client().post(f"{login_url}?next={CALLS}", {"username": world.hotline.username,
                                                         "password": "Mật-khẩu-2025!"})
    assert asked["Location"] == CALLS
