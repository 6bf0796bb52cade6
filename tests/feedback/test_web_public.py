"""Tracking a petition by its code (state, countdown, a history without names; the content, the answer, the
files and the citizen's actions only for the petitioner: their account, or the phone number written on it),
the published answers (masked, searchable without diacritics) and the IDOR matrix of these pages."""

import datetime as dt
import html
import types

import django_ratelimit.core
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from feedback.models import Petition, PetitionEvent
from feedback.services import petition_request_info
from tests.dossiers.factories import png_bytes
from tests.feedback.factories import answered, filed, in_progress

pytestmark = pytest.mark.django_db
TRACK = reverse("feedback:track")
PUBLIC = reverse("feedback:public")
CONTENT = "Tôi nộp hồ sơ từ tháng trước"  # from tests.feedback.factories.FeedbackWorld.data


@pytest.fixture(autouse=True)
def limits_on(settings, monkeypatch):
    settings.RATELIMIT_ENABLE = True
    settings.FEEDBACK_LOOKUP_RATE = "60/m"
    settings.FEEDBACK_PHONE_RATE = "10/d"
    monkeypatch.setattr(django_ratelimit.core, "time", types.SimpleNamespace(time=lambda: 1_767_225_600.0))


def english(user=None) -> Client:
    client = Client()
    client.cookies["django_language"] = "en"
    if user is not None:
        client.force_login(user)
    return client


@pytest.fixture
def client():
    return english()


def page(response) -> str:
    return html.unescape(response.content.decode())


def with_photo(world, **kwargs) -> Petition:
    return filed(world, files=[SimpleUploadedFile("anh-hien-truong.png", png_bytes(), content_type="image/png")],
                 **kwargs)


# ---- Tracking by code -----------------------------------------------------------------------------------

def test_anyone_with_the_code_sees_the_state_and_the_countdown_but_not_the_content(client, world):
    petition = with_photo(world)
    response = client.get(TRACK, {"code": petition.code.lower()})
    assert response.status_code == 200
    text = page(response)
    for shown in (f"Petition {petition.code}", "Received, being classified", world.provincial_centre.agency.name,
                  "Answer due by", "working days left", "History", "Submitted"):
        assert shown in text, shown
    for hidden in (CONTENT, "Cán bộ hẹn đi hẹn lại", "Nguyễn Văn An", "0912345678", "an@example.vn",
                   "anh-hien-truong.png", reverse("feedback:file", args=[petition.files.get().pk])):
        assert hidden not in text, hidden
    assert "Only the person who sent the petition sees its content" in text


def test_the_phone_number_written_on_the_petition_shows_its_content_and_a_wrong_one_says_so(client, world):
    petition = with_photo(world)
    wrong = client.post(TRACK, {"code": petition.code, "phone": "0987 000 111"})
    assert wrong.status_code == 403
    text = page(wrong)
    assert "This is not the phone number written on the petition" in text and CONTENT not in text
    right = client.post(TRACK, {"code": petition.code, "phone": "+84 912 345 678"})
    assert right.status_code == 302
    text = page(client.get(right["Location"]))
    assert CONTENT in text and "Nguyễn Văn An" in text and "anh-hien-truong.png" in text
    download = client.get(reverse("feedback:file", args=[petition.files.get().pk]))
    assert download.status_code == 200 and download["Content-Type"] == "image/png"
    assert download["Content-Disposition"].startswith("attachment") and download["X-Content-Type-Options"] == "nosniff"
    assert b"".join(download.streaming_content) == png_bytes()


def test_guessing_the_phone_is_limited_per_petition_whoever_guesses(client, world, settings):
    settings.FEEDBACK_PHONE_RATE = "3/d"
    petition = filed(world)
    for number in range(3):
        english().post(TRACK, {"code": petition.code, "phone": f"098700011{number}"}, REMOTE_ADDR=f"203.0.113.{number}")
    limited = client.post(TRACK, {"code": petition.code, "phone": "0912345678"}, REMOTE_ADDR="198.51.100.1")
    assert limited.status_code == 429
    text = page(limited)
    assert "Too many attempts at the phone number of this petition today" in text and CONTENT not in text
    other = filed(world)
    assert client.post(TRACK, {"code": other.code, "phone": "0912345678"}).status_code == 302


def test_unknown_codes_are_not_found_and_lookups_are_limited_per_address(client, world, settings):
    settings.FEEDBACK_LOOKUP_RATE = "3/m"
    petition = filed(world)
    missing = client.get(TRACK, {"code": "PAKN-250701-9999"})
    assert missing.status_code == 404
    text = page(missing)
    assert "No petition has the code PAKN-250701-9999" in text and 'value="PAKN-250701-9999"' in text
    assert client.get(TRACK, {"code": petition.code}).status_code == 200
    assert client.get(TRACK, {"code": "PAKN-1"}).status_code == 404
    limited = client.get(TRACK, {"code": petition.code})
    assert limited.status_code == 429 and 1 <= int(limited["Retry-After"]) <= 60
    assert "Too many lookups from your connection" in page(limited) and "Received" not in page(limited)
    assert client.get(TRACK).status_code == 200  # the empty form is not counted
    assert client.get(TRACK, {"code": petition.code}, REMOTE_ADDR="203.0.113.9").status_code == 200


def test_an_overdue_petition_says_qua_han_and_a_paused_one_says_it_waits(world):
    late = in_progress(world)
    Petition.objects.filter(pk=late.pk).update(due_at=timezone.now() - dt.timedelta(days=10))
    text = page(Client().get(TRACK, {"code": late.code}))
    assert "Quá hạn" in text
    waiting = filed(world)
    petition_request_info(petition=waiting, actor=world.centre_leader, request="Gửi ảnh biên nhận")
    text = page(english().get(TRACK, {"code": waiting.code}))
    assert "Waiting for more information" in text and "Paused:" in text and "working days left" in text
    assert "Gửi ảnh biên nhận" not in text  # the request is a text: the petitioner's only


def test_the_history_has_steps_and_dates_but_no_names_or_texts(client, world):
    petition = answered(world, publish=False)
    text = page(client.get(TRACK, {"code": petition.code}))
    assert "Accepted and classified" in text and "Answer approved and sent" in text
    assert "Answer proposed" not in text  # the agency's inner workings
    for hidden in ("Lê Văn Cường", "Ngô Văn Khánh", world.centre_officer.username, "Trung tâm đã làm việc"):
        assert hidden not in text, hidden


def test_the_petitioner_rates_and_reopens_the_answer_from_their_account(world):
    petition = answered(world, citizen=world.citizen, publish=False)
    client = english(world.citizen)
    text = page(client.get(TRACK, {"code": petition.code}))
    assert "Trung tâm đã làm việc với cán bộ" in text and "Rate the answer" in text
    response = client.post(TRACK, {"code": petition.code, "action": "rate", "rate-rating": "unsatisfied",
                                   "rate-comment": "Chưa giải quyết được"})
    assert response.status_code == 302
    petition.refresh_from_db()
    assert petition.rating == Petition.Rating.UNSATISFIED
    text = page(client.get(response["Location"]))
    assert "Thank you: your rating of the answer" in text and "You rated the answer “Not satisfied”" in text
    missing = client.post(TRACK, {"code": petition.code, "action": "reopen", "reopen-reason": " "})
    assert missing.status_code == 400 and "What is still wrong" in page(missing)
    client.post(TRACK, {"code": petition.code, "action": "reopen", "reopen-reason": "Vẫn chưa có kết quả"})
    petition.refresh_from_db()
    assert petition.state == Petition.State.IN_PROGRESS and petition.reopen_count == 1
    event = petition.events.get(kind=PetitionEvent.Kind.REOPENED)
    assert event.actor == world.citizen and event.note == "Vẫn chưa có kết quả"
    assert "was reopened" in page(client.get(TRACK, {"code": petition.code}))


def test_someone_with_the_phone_rates_and_sends_the_information_asked_for(client, world):
    waiting = filed(world)
    petition_request_info(petition=waiting, actor=world.centre_leader, request="Gửi ảnh biên nhận")
    client.post(TRACK, {"code": waiting.code, "phone": "0912345678"})
    text = page(client.get(TRACK, {"code": waiting.code}))
    assert "Gửi ảnh biên nhận" in text and "Send the information asked for" in text
    client.post(TRACK, {"code": waiting.code, "action": "supply_info",
                        "supply_info-information": "Biên nhận số 15 ngày 3/7"})
    waiting.refresh_from_db()
    assert waiting.state == Petition.State.RECEIVED and "Biên nhận số 15 ngày 3/7" in waiting.content

    done = answered(world)  # published
    client.post(TRACK, {"code": done.code, "phone": "0912345678"})
    response = client.post(TRACK, {"code": done.code, "action": "rate", "rate-rating": "satisfied"})
    assert response.status_code == 302
    done.refresh_from_db()
    assert done.rating == Petition.Rating.SATISFIED
    assert done.events.get(kind=PetitionEvent.Kind.RATED).actor is None
    assert "Rate the answer" not in page(client.get(TRACK, {"code": done.code}))  # once


# ---- Who sees what (IDOR) --------------------------------------------------------------------------------

def test_no_one_but_the_petitioner_sees_an_unpublished_petitions_content_answer_or_files(world):
    petition = answered(world, citizen=world.citizen, publish=False,
                        files=[SimpleUploadedFile("anh.png", png_bytes(), content_type="image/png")])
    file_url = reverse("feedback:file", args=[petition.files.get().pk])
    for user in (None, world.other_citizen, world.justice_specialist):
        client = english(user)
        text = page(client.get(TRACK, {"code": petition.code}))
        assert CONTENT not in text and "Trung tâm đã làm việc" not in text and "anh.png" not in text, user
        act = client.post(TRACK, {"code": petition.code, "action": "rate", "rate-rating": "unsatisfied"})
        assert act.status_code == 403, user
        assert client.get(file_url).status_code == 404, user
        assert client.get(reverse("feedback:answer", args=[petition.code])).status_code == 404, user
        assert petition.code not in page(client.get(PUBLIC)), user
    petition.refresh_from_db()
    assert petition.rating == ""
    # The petitioner, and the officials who may see it (its agency's), download the file.
    assert english(world.citizen).get(file_url).status_code == 200
    assert english(world.centre_leader).get(file_url).status_code == 200
    assert english().get(reverse("feedback:file", args=[999999])).status_code == 404


def test_a_phone_proof_opens_only_the_petition_it_was_given_for(client, world):
    mine, other = with_photo(world), with_photo(world, phone="0987654321")
    client.post(TRACK, {"code": mine.code, "phone": "0912345678"})
    assert client.get(reverse("feedback:file", args=[mine.files.get().pk])).status_code == 200
    assert client.get(reverse("feedback:file", args=[other.files.get().pk])).status_code == 404
    assert CONTENT not in page(client.get(TRACK, {"code": other.code}))
    assert client.post(TRACK, {"code": other.code, "action": "rate"}).status_code == 403


# ---- Published answers ----------------------------------------------------------------------------------

def test_the_public_page_shows_published_answers_masked_and_never_unpublished_ones(client, world):
    published = answered(world, official_name="Lê Văn Cường")  # the form asks for the official's name
    hidden = answered(world, publish=False, title="Chưa công khai: phí chứng thực")
    text = page(client.get(PUBLIC))
    assert "1 published answer" in text and published.public_title in text and published.code in text
    assert hidden.code not in text and "Chưa công khai" not in text
    for personal in ("Nguyễn Văn An", "0912 345 678", "0912345678", "Lê Văn Cường", "Tổ 1, khu 2"):
        assert personal not in text, personal
    detail = client.get(reverse("feedback:answer", args=[published.code]))
    assert detail.status_code == 200
    text = page(detail)
    assert "N.V.A." in text and "L.V.C." in text and "*******678" in text
    assert world.provincial_centre.agency.name in text and "Delay, harassment or wrong handling by officials" in text
    for personal in ("Nguyễn Văn An", "0912 345 678", "Lê Văn Cường"):
        assert personal not in text, personal
    assert client.get(reverse("feedback:answer", args=[hidden.code])).status_code == 404
    assert client.get(reverse("feedback:answer", args=["PAKN-000000-0000"])).status_code == 404


def test_the_rating_shows_on_the_published_answer(client, world):
    petition = answered(world)
    client.post(TRACK, {"code": petition.code, "phone": "0912345678"})
    client.post(TRACK, {"code": petition.code, "action": "rate", "rate-rating": "satisfied"})
    assert "The sender's rating" in page(client.get(reverse("feedback:answer", args=[petition.code])))


def test_search_without_diacritics_and_filters(client, world):
    building = answered(world, title="Cấp giấy phép xây dựng quá chậm",
                        content="Hồ sơ xin giấy phép xây dựng nhà ở nộp đã hai tháng.")
    birth = answered(world, title="Đăng ký khai sinh", content="Cán bộ yêu cầu thêm giấy tờ không cần thiết.")
    found = page(client.get(PUBLIC, {"q": "giay phep xay dung"}))
    assert building.code in found and birth.code not in found and "1 published answer" in found
    assert birth.code in page(client.get(PUBLIC, {"q": "KHAI SINH"}))
    assert "No published answer matches" in page(client.get(PUBLIC, {"q": "giấy phép lái xe máy"}))
    by_category = page(client.get(PUBLIC, {"category": "conduct"}))
    assert building.code in by_category and birth.code in by_category
    assert "No published answer matches" in page(client.get(PUBLIC, {"category": "treaty"}))
    assert building.code in page(client.get(PUBLIC, {"agency": world.provincial_centre.agency.code}))
    assert building.code not in page(client.get(PUBLIC, {"agency": world.justice.code}))


def test_the_public_list_reads_a_bounded_number_of_rows(client, world, django_assert_max_num_queries):
    for number in range(25):
        answered(world, title=f"Phản ánh số {number}")
    with django_assert_max_num_queries(12):
        response = client.get(PUBLIC)
    text = page(response)
    assert "25 published answers" in text and 'rel="next"' in text


def test_the_home_page_and_the_menu_lead_to_petitions(world):
    text = page(Client().get("/"))
    assert "Phản ánh, kiến nghị" in text and reverse("feedback:submit") in text and reverse("feedback:track") in text
    assert reverse("feedback:public") in page(english(world.citizen).get(reverse("procedures:catalogue")))


def test_a_phone_proof_lasts_an_hour(client, world):
    import time_machine

    petition = filed(world)
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        client.post(TRACK, {"code": petition.code, "phone": "0912345678"})
        assert CONTENT in page(client.get(TRACK, {"code": petition.code}))
        traveller.shift(dt.timedelta(minutes=61))
        text = page(client.get(TRACK, {"code": petition.code}))
    assert CONTENT not in text and "enter the phone number written on it" in text
