"""What the applicant sees of the internal process is decided once (dossiers.disclosure) and is the same on
their page and in the API: the steps and what happened, the notes written to them, never the officials'
notes to each other, the event data that is internal, or the officials' names. Before, the API showed the
applicant every step note, every event note and data, and who acted."""

import html

import pytest
from django.test import Client
from django.urls import reverse

from dossiers.services import (
    dossier_request_supplement,
    dossier_supplement,
    step_complete,
    step_return,
    step_transfer,
)
from tests.dossiers.api_helpers import as_user, url
from tests.dossiers.factories import pdf_upload, received
from tests.factories import AgencyFactory

pytestmark = pytest.mark.django_db

INTERNAL = ["Chuyển anh Dung thẩm định gấp", "Thiếu chữ ký, trả lại bước 1", "Đã đối chiếu sổ gốc",
            "Chuyển Sở Tư pháp cho ý kiến"]


@pytest.fixture
def worked(world):
    """A dossier with notes between officials at every internal step, a transfer and a supplement request."""
    dossier = received(world)
    dossier_request_supplement(dossier=dossier, user=world.officer, reason="Giấy chứng sinh bị mờ",
                               items=["Giấy chứng sinh (bản rõ nét)"])
    dossier_supplement(dossier=dossier, user=world.citizen, uploads={world.components[1].pk: pdf_upload()},
                       note="Đã quét lại")
    step_complete(dossier=dossier, position=1, user=world.officer, note=INTERNAL[0])
    step_return(dossier=dossier, position=2, user=world.specialist, note=INTERNAL[1])
    step_complete(dossier=dossier, position=1, user=world.officer, note=INTERNAL[2])
    justice = AgencyFactory(code="000.30.49.H49", name="Sở Tư pháp")
    step_transfer(dossier=dossier, position=2, user=world.specialist, agency=justice, note=INTERNAL[3])
    return dossier


OFFICIALS = ["Lê Văn Cường", "Phạm Thị Dung", "motcua", "chuyenvien"]


def test_the_applicants_api_view_shows_no_internal_note_data_or_official(world, worked):
    body = as_user(world.citizen).get(url(worked)).json()
    text = str(body)
    for secret in [*INTERNAL, *OFFICIALS, "from_agency", "resume_state", "'late'"]:
        assert secret not in text, secret
    assert all(step["note"] == "" and step["handler"] is None for step in body["steps"])
    assert all(event["actor"] is None for event in body["events"])
    # What is addressed to the applicant is there.
    request = next(e for e in body["events"] if e["kind"] == "supplement_requested")
    assert request["note"] == "Giấy chứng sinh bị mờ" and request["data"] == {
        "items": ["Giấy chứng sinh (bản rõ nét)"], "component_positions": [],
        "other_items": ["Giấy chứng sinh (bản rõ nét)"]}
    assert next(e for e in body["events"] if e["kind"] == "received")["data"]["code"] == worked.code
    assert [e["kind"] for e in body["events"]].count("step_completed") == 2


def test_the_applicants_page_shows_the_same_as_the_api(world, worked):
    client = Client()
    client.cookies["django_language"] = "en"
    client.force_login(world.citizen)
    page = html.unescape(client.get(reverse("dossiers:detail", kwargs={"uuid": worked.uuid})).content.decode())
    for secret in [*INTERNAL, *OFFICIALS]:
        assert secret not in page, secret
    assert "Giấy chứng sinh bị mờ" in page and "Transferred to another agency" in page


def test_officials_see_every_note_data_and_actor(world, worked):
    body = as_user(world.specialist).get(url(worked)).json()
    text = str(body)
    for note in INTERNAL:
        assert note in text
    transfer = next(e for e in body["events"] if e["kind"] == "step_transferred")
    assert transfer["data"] == {"from_agency": world.commune_agency.code, "to_agency": "000.30.49.H49"}
    assert transfer["actor"]["full_name"] == "Phạm Thị Dung"
    assert body["steps"][0]["handler"]["full_name"] == "Lê Văn Cường"
