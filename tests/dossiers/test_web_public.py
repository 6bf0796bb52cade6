"""The public dossier lookup (tra cứu hồ sơ): progress by code, nothing personal, limited per address."""

import datetime as dt
import html
import types

import django_ratelimit.core
import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from dossiers.models import Dossier
from tests.dossiers.factories import CCCD_A, received, result_ready, submitted

URL = reverse("dossiers:lookup")


@pytest.fixture
def client():
    client = Client()
    client.cookies["django_language"] = "en"
    return client


@pytest.fixture(autouse=True)
def limits_on(settings, monkeypatch):
    settings.RATELIMIT_ENABLE = True
    settings.DOSSIER_LOOKUP_RATE = "60/m"
    # Counters live in fixed windows; only the rate limiter's clock stands still.
    monkeypatch.setattr(django_ratelimit.core, "time", types.SimpleNamespace(time=lambda: 1_767_225_600.0))


def english(moment: dt.datetime) -> str:
    """How the English pages write a moment: "7 Dec 2026, 14:05"."""
    local = timezone.localtime(moment)
    return f"{local.day} {local:%b %Y, %H:%M}"


def page(response) -> str:
    return html.unescape(response.content.decode())


def test_the_form_alone(client, db):
    response = client.get(URL)
    assert response.status_code == 200
    text = page(response)
    assert "Track a dossier" in text and 'name="code"' in text
    assert 'id="lookup-result"' not in text and "Enter the dossier code" in text


def test_a_received_dossier_shows_its_progress_and_nothing_personal(client, world):
    dossier = received(world, name="Nguyễn Văn An")
    Dossier.objects.filter(pk=dossier.pk).update(description="Xin cấp bản sao cho con gái Nguyễn Thị Mai")
    response = client.get(URL, {"code": dossier.code.lower()})
    assert response.status_code == 200
    text = page(response)
    for shown in (f"Dossier {dossier.code}", "Received", "Receive and check", "On time",
                  "Birth registration", english(dossier.received_at), english(dossier.due_at)):
        assert shown in text, shown
    for personal in ("Nguyễn Văn An", CCCD_A, "0912345678", "0912 345 678", "an@example.vn", "Tổ 1, khu 2",
                     "Nguyễn Thị Mai", str(dossier.uuid), "giay-chung-sinh.pdf", "N***** V** An"):
        assert personal not in text, personal
    assert "No personal data is shown to someone who only knows the code." in text


# ---- The second factor: the masked name for whoever also knows the applicant's digits ----------------

def test_the_last_digits_of_the_cccd_or_phone_show_the_masked_name(client, world):
    dossier = received(world, name="Nguyễn Văn An")  # CCCD ...2345, phone 0912345678
    for digits in (CCCD_A[-4:], "5678"):
        text = page(client.get(URL, {"code": dossier.code, "last_digits": digits}))
        assert "N***** V** An" in text and "Nguyễn Văn An" not in text, digits
    wrong = page(client.get(URL, {"code": dossier.code, "last_digits": "1111"}))
    assert "N***** V** An" not in wrong
    assert "These digits do not match the applicant's CCCD or phone number" in wrong
    assert "Receive and check" in wrong  # the progress is shown all the same


def test_guessing_the_digits_is_limited_per_dossier_whoever_guesses(client, world, settings):
    settings.DOSSIER_LOOKUP_DIGITS_RATE = "3/d"
    dossier = received(world, name="Nguyễn Văn An")
    for number, guess in enumerate(("0000", "0001", "0002")):
        client.get(URL, {"code": dossier.code, "last_digits": guess}, REMOTE_ADDR=f"203.0.113.{number}")
    text = page(client.get(URL, {"code": dossier.code, "last_digits": "5678"}, REMOTE_ADDR="198.51.100.1"))
    assert "N***** V** An" not in text and "Too many attempts at the digits for this dossier today" in text
    other = received(world, name="Nguyễn Văn An")
    assert "N***** V** An" in page(client.get(URL, {"code": other.code, "last_digits": "5678"}))


def test_the_applicant_logged_in_sees_the_name_without_the_digits(world):
    dossier = received(world, name="Nguyễn Văn An")
    client = Client()
    client.force_login(world.citizen)
    assert "N***** V** An" in page(client.get(URL, {"code": dossier.code}))
    stranger = Client()
    stranger.force_login(world.other_citizen)
    assert "N***** V** An" not in page(stranger.get(URL, {"code": dossier.code}))


def test_a_late_dossier_says_so(client, world):
    dossier = received(world)
    Dossier.objects.filter(pk=dossier.pk).update(due_at=timezone.now() - dt.timedelta(hours=1))
    text = page(client.get(URL, {"code": dossier.code}))
    assert "Late: past the due date" in text and "On time" not in text


def test_a_dossier_with_its_result_shows_when_it_was_ready(client, world):
    dossier = result_ready(world)
    text = page(client.get(URL, {"code": dossier.code}))
    assert "Result ready" in text and "Result ready on" in text and "On time" in text
    assert "Current step" not in text


def test_unknown_codes_and_drafts_are_not_found_and_the_code_stays_in_the_form(client, world):
    submitted(world)  # not received: it has no code yet
    response = client.get(URL, {"code": "H49-250701-9999"})
    assert response.status_code == 404
    text = page(response)
    assert "No dossier has this code. Check the code on your receipt slip." in text
    assert 'value="H49-250701-9999"' in text


def test_lookups_are_limited_per_address(client, world, settings):
    settings.DOSSIER_LOOKUP_RATE = "3/m"
    dossier = received(world)
    assert client.get(URL, {"code": dossier.code}).status_code == 200
    assert client.get(URL, {"code": "X-1"}).status_code == 404  # misses count too
    assert client.get(URL, {"code": "X-2"}).status_code == 404
    limited = client.get(URL, {"code": dossier.code})
    assert limited.status_code == 429
    assert 1 <= int(limited["Retry-After"]) <= 60
    text = page(limited)
    assert "Too many lookups from your connection" in text and "Please try again in 1 minute." in text
    assert "Receive and check" not in text and 'id="lookup-result"' not in text
    # The empty form is not counted, and another address still gets an answer.
    assert client.get(URL).status_code == 200
    assert client.get(URL, {"code": dossier.code}, REMOTE_ADDR="203.0.113.9").status_code == 200


def test_in_vietnamese(world):
    dossier = received(world)
    text = page(Client().get(URL, {"code": dossier.code}))
    assert "Tra cứu hồ sơ" in text
    assert "Tiếp nhận, kiểm tra, số hóa hồ sơ và chuyển xử lý" in text



def test_the_lookup_shows_the_processing_history_and_the_return_date(client, world):
    from dossiers.services import dossier_return

    dossier = result_ready(world)
    dossier_return(dossier=dossier, user=world.officer)
    dossier.refresh_from_db()
    text = page(client.get(URL, {"code": dossier.code}))
    assert "Processing steps" in text
    for step in ("Receive and check", "Examine and draft the result", "Review and sign the result",
                 "Register and send back"):
        assert step in text
    assert text.count("done ") >= 4
    assert "Result returned on" in text
    assert english(dossier.closed_at) in text
    body = Client(HTTP_ACCEPT_LANGUAGE="en").get("/api/v1/dossiers/lookup/", {"code": dossier.code}).json()
    assert body["returned_at"] and body["state"] == "returned"
