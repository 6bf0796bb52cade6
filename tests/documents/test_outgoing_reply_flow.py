"""The issue's "done means", through the services: Bình An issues a công văn to Tân Hòa, whose clerk registers
it and whose leader gives it to a specialist; the specialist answers with an outgoing document that the
head approves, the leader signs and the clerk numbers and issues to Bình An — whose clerk receives it, and
Bình An sees its first document answered."""

import pytest

from documents.models import Document, Recipient
from documents.services import incoming, outgoing
from documents.services.handling import DirectionLine, incoming_direct
from signatures import services as signature_services
from tests.documents.outgoing_helpers import PIN, recipients_to, signed
from tests.factories import UserFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("outgoing_env")]


def _certify(leader):
    admin = UserFactory(admin=True, username=f"admin-{leader.username}")
    request = signature_services.certificate_request_create(admin=admin, official=leader)
    request = signature_services.certificate_request_approve(request=request, admin=admin)
    signature_services.certificate_issue(request=request, official=leader, pin=PIN, pin_confirm=PIN)


def test_an_incoming_document_answered_by_an_issued_reply(certified, other_office, letter_type):
    office = certified
    _certify(other_office.leader)
    # Bình An asks.
    question = signed(other_office, letter_type, to=recipients_to(office.agency),
                      subject="Đề nghị phối hợp tổ chức ngày hội văn hóa")
    question = outgoing.outgoing_number_and_issue(document=question, actor=other_office.clerk)
    arrival = Document.objects.get(agency=office.agency, direction="incoming")
    assert arrival.state == Document.State.ARRIVED

    # Tân Hòa registers it and gives it to its specialist.
    arrival = incoming.incoming_register(document=arrival, clerk=office.clerk)
    assert arrival.check_status == Document.Check.VALID  # both signatures hold on the numbered document
    arrival = incoming_direct(document=arrival, actor=office.leader, note="Đồng chí Chuyên trả lời",
                              lines=[DirectionLine(role="lead", user=office.specialist, days=3)])
    assert question.recipients.get().status == Recipient.Status.ASSIGNED

    # The specialist answers; the head approves, the leader signs, the clerk numbers and issues.
    answer = signed(office, letter_type, to=recipients_to(other_office.agency), reply_to=arrival,
                    subject="Trả lời đề nghị phối hợp tổ chức ngày hội văn hóa")
    answer = outgoing.outgoing_number_and_issue(document=answer, actor=office.clerk)
    assert answer.state == Document.State.ISSUED and answer.number_display == "01/UBND-VX"

    arrival.refresh_from_db()
    assert arrival.state == Document.State.DONE
    assert question.recipients.get().status == Recipient.Status.DONE  # Bình An sees it answered
    received = Document.objects.get(agency=other_office.agency, direction="incoming")
    assert received.state == Document.State.ARRIVED and received.number_display == "01/UBND-VX"
    assert received.files.filter(kind="main").exists()
