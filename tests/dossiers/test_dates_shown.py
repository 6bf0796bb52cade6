"""The dates a dossier's pages show, in each language: Vietnamese "14:05 07/12/2026", English
"7 Dec 2026, 14:05"; never month first, never ISO in the text; the applicant's e-mail in Vietnamese."""

import datetime as dt
import html as html_lib
import re

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from dossiers.models import Dossier, DossierEvent
from dossiers.notifications import event_notify
from tests.dossiers.factories import received

pytestmark = pytest.mark.django_db

HANOI = dt.timezone(dt.timedelta(hours=7))
RECEIVED = dt.datetime(2026, 12, 7, 14, 5, tzinfo=HANOI)
DUE = dt.datetime(2026, 12, 10, 17, 0, tzinfo=HANOI)
SHOWN = {
    "vi": ("14:05 07/12/2026", "17:00 10/12/2026", "07/12/2026"),
    "en": ("7 Dec 2026, 14:05", "10 Dec 2026, 17:00", "7 Dec 2026"),
}
# What must never appear in the text: the US order and ISO dates.
WRONG = ("12/07/2026", "12/10/2026", "2026-12-07", "2026-12-10", "Dec. 7", "December 7")


@pytest.fixture
def dossier(world):
    dossier = received(world)
    Dossier.objects.filter(pk=dossier.pk).update(submitted_at=RECEIVED, received_at=RECEIVED, due_at=DUE)
    DossierEvent.objects.filter(dossier=dossier).update(at=RECEIVED)
    return Dossier.objects.get(pk=dossier.pk)


def text(client, url, params=None) -> str:
    response = client.get(url, params or {})
    assert response.status_code == 200, url
    return re.sub(r"\s+", " ", html_lib.unescape(re.sub(r"<[^>]+>", " ", response.content.decode())))


def as_(user, language) -> Client:
    client = Client()
    client.cookies["django_language"] = language
    if user is not None:
        client.force_login(user)
    return client


@pytest.mark.parametrize("language", ["vi", "en"])
def test_the_dossier_pages_write_dates_in_the_readers_language(world, dossier, language):
    received_at, due_at, day = SHOWN[language]
    detail = reverse("dossiers:detail", kwargs={"uuid": dossier.uuid})
    pages = {
        "lookup": text(as_(None, language), reverse("dossiers:lookup"), {"code": dossier.code}),
        "mine": text(as_(world.citizen, language), reverse("dossiers:mine")),
        "citizen": text(as_(world.citizen, language), detail),
        "officer": text(as_(world.officer, language), detail),
        "search": text(as_(world.officer, language), reverse("dossiers:search"), {"q": dossier.code}),
    }
    for name, page in pages.items():
        assert due_at in page, name  # the due-date tag everywhere
        for wrong in WRONG:
            assert wrong not in page, (name, wrong)
    for name in ("lookup", "citizen", "officer", "search"):
        assert received_at in pages[name], name
    assert day in pages["mine"]  # the list shows the day of submission


def test_the_applicants_email_is_vietnamese_with_its_dates(world, dossier, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    event = DossierEvent.objects.get(dossier=dossier, kind=DossierEvent.Kind.RECEIVED)
    assert event_notify(event=event)
    body = mail.outbox[-1].body
    assert "14:05 07/12/2026" in body and "17:00 10/12/2026" in body
