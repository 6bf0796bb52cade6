"""The outgoing flow on its pages, in a few clicks: the specialist answers, the head approves, the leader reads
the PDF on the page and signs with the PIN, the clerk numbers and issues, the other agency's clerk receives."""

import pytest
from django.test import Client
from django.urls import reverse

from documents.models import Document, DocumentEvent
from signatures.models import SoftwareToken
from tests.documents.outgoing_helpers import (
    PIN,
    draft,
    recipients_to,
    to_sign,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("outgoing_env")]


def _client(user) -> Client:
    client = Client()
    client.cookies["django_language"] = "en"
    client.force_login(user)
    return client


def _act(user, document, action, data=None):
    return _client(user).post(reverse("documents:outgoing_act", kwargs={"uuid": document.uuid, "action": action}),
                              data or {})


def _page(user, document) -> str:
    response = _client(user).get(reverse("documents:detail", kwargs={"uuid": document.uuid}))
    assert response.status_code == 200
    return response.content.decode()


def test_from_the_draft_page_to_the_other_agencys_clerk(certified, other_office, letter_type):
    office = certified
    specialist = _client(office.specialist)
    page = specialist.get(reverse("documents:outgoing_new"))
    assert page.status_code == 200 and "Draft an outgoing document" in page.content.decode()
    response = specialist.post(reverse("documents:outgoing_new"), {
        "document_type": letter_type.pk, "subject": "Trả lời về việc tổ chức ngày hội", "urgency": 1, "secrecy": 0,
        "drafting_unit": office.culture.pk, "signer": office.leader.pk, "agencies": [other_office.agency.pk],
        "body": "Ủy ban nhân dân xã Tân Hòa trả lời như sau.\nĐề nghị Quý cơ quan phối hợp."})
    assert response.status_code == 302, response.content.decode()[:3000]
    document = Document.objects.get(subject="Trả lời về việc tổ chức ngày hội")
    html = _page(office.specialist, document)
    assert "Send for review" in html and 'class="document-pdf' in html

    assert _act(office.specialist, document, "submit").status_code == 302
    assert "Approve for signature" in _page(office.head, document)
    assert _act(office.head, document, "approve").status_code == 302

    html = _page(office.leader, document)
    assert html.index('class="document-pdf') < html.index('name="pin"'), "the PDF is shown before the PIN"
    wrong = _act(office.leader, document, "sign", {"pin": "000000"})
    assert wrong.status_code == 400 and "Wrong PIN. 4 attempts left" in wrong.content.decode()
    assert SoftwareToken.objects.get(certificate__holder=office.leader).failed_attempts == 1
    document.refresh_from_db()
    assert document.state == Document.State.TO_SIGN
    assert _act(office.leader, document, "sign", {"pin": PIN}).status_code == 302

    html = _page(office.clerk, document)
    assert "Number and issue" in html and office.outgoing.name in html
    done = _act(office.clerk, document, "number", {"register": office.outgoing.pk, "issue": "on"})
    assert done.status_code == 302
    document.refresh_from_db()
    assert document.state == Document.State.ISSUED and document.number_display == "01/UBND-VX"

    copy = Document.objects.get(agency=other_office.agency, direction=Document.Direction.INCOMING)
    html = _page(other_office.clerk, copy)
    assert "01/UBND-VX" in html and "Trả lời về việc tổ chức ngày hội" in html
    assert "Received" in _page(office.specialist, document)


def test_the_pdf_is_permission_checked_and_its_views_recorded(certified, other_office, letter_type):
    office = certified
    document = draft(office, letter_type, to=recipients_to(other_office.agency))
    url = reverse("documents:pdf", kwargs={"uuid": document.uuid})
    response = _client(office.specialist).get(url + "?view=1", HTTP_SEC_FETCH_DEST="iframe")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response["X-Frame-Options"] == "SAMEORIGIN" and "sandbox" in response["Content-Security-Policy"]
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    assert document.events.filter(kind=DocumentEvent.Kind.DOWNLOADED, actor=office.specialist).exists()
    assert _client(other_office.clerk).get(url).status_code == 404
    assert _client(office.other).get(url).status_code == 404  # a draft is its drafter's until sent on


def test_a_refused_action_shows_the_page_again_with_the_message(certified, other_office, letter_type):
    office = certified
    document = to_sign(office, letter_type, to=recipients_to(other_office.agency))
    response = _act(office.leader, document, "send_back", {"note": ""})
    assert response.status_code == 400 and "Say what is to be changed." in response.content.decode()
    assert _act(office.specialist, document, "sign", {"pin": PIN}).status_code == 403  # the drafter sees it, may not sign
    assert _act(office.head, document, "approve").status_code == 409


def test_worklists_count_and_list_urgent_first(certified, other_office, letter_type):
    office = certified
    calm = to_sign(office, letter_type, to=recipients_to(other_office.agency), subject="Việc thường")
    urgent = to_sign(office, letter_type, to=recipients_to(other_office.agency), subject="Việc hỏa tốc", urgency=3)
    home = _client(office.leader).get(reverse("documents:home")).content.decode()
    assert "Documents to sign" in home
    page = _client(office.leader).get(reverse("documents:outgoing_list", kwargs={"key": "to_sign"})).content.decode()
    assert page.index(urgent.subject) < page.index(calm.subject)
    assert "Flash (Hỏa tốc)" in page
    assert _client(office.specialist).get(reverse("documents:outgoing_list", kwargs={"key": "to_sign"})) \
        .status_code == 404


def test_a_worklist_page_does_the_same_few_queries_however_long(certified, other_office, letter_type,
                                                                django_assert_max_num_queries):
    office = certified
    to_sign(office, letter_type, to=recipients_to(other_office.agency))
    url = reverse("documents:outgoing_list", kwargs={"key": "to_sign"})
    client = _client(office.leader)
    with django_assert_max_num_queries(30) as few:
        assert client.get(url).status_code == 200
    for _ in range(4):
        to_sign(office, letter_type, to=recipients_to(other_office.agency), urgency=1)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get(url).status_code == 200
    with django_assert_max_num_queries(12):
        assert client.get(reverse("documents:home")).status_code == 200


def test_a_leader_without_a_certificate_is_told_before_entering_a_pin(office, other_office, letter_type):
    document = to_sign(office, letter_type, to=recipients_to(other_office.agency))
    html = _page(office.leader, document)
    assert "You hold no valid signing certificate" in html
    assert 'name="pin"' not in html and "Send back for changes" in html  # no PIN to enter; sending back stays
    refused = _act(office.leader, document, "sign", {"pin": "123456"})
    assert refused.status_code == 409 and "You hold no valid signing certificate" in refused.content.decode()


def test_hostile_links_in_the_draft_page_are_ignored(office):
    client = _client(office.specialist)
    for query in ("?reply_to=not-a-uuid", "?replaces=00000000-0000-0000-0000-000000000000", "?corrects=%00"):
        assert client.get(reverse("documents:outgoing_new") + query).status_code in (200, 400)
