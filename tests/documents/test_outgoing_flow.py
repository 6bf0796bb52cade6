"""Văn bản đi from draft to issue (Decree 30/2020 art. 14–18): the specialist drafts, the unit head approves,
the leader signs before any number exists, the clerk numbers it in the register and the agency signs — and
both signatures stay valid on the numbered PDF, as poppler's pdfsig and our own verifier say."""

import shutil
import subprocess

import pytest

from documents.models import Document, DocumentEvent, Participant, Recipient
from documents.services import outgoing
from outbox.models import OutboxMessage
from signatures.selectors import verification_trust
from signatures.verification import verify_pdf
from tests.documents.outgoing_helpers import (
    content_of,
    recipients_to,
    signed,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("outgoing_env")]
needs_poppler = pytest.mark.skipif(shutil.which("pdfsig") is None, reason="needs poppler-utils")


def _issued(office, other_office, letter_type, **extra):
    document = signed(office, letter_type, to=recipients_to(other_office.agency), **extra)
    return outgoing.outgoing_number_and_issue(document=document, actor=office.clerk)


@needs_poppler
def test_the_numbered_pdf_carries_the_leaders_and_the_agencys_valid_signatures(certified, other_office, letter_type,
                                                                                tmp_path):
    office = certified
    document = _issued(office, other_office, letter_type)
    assert document.state == Document.State.ISSUED
    assert document.number_display == "01/UBND-VX"
    content = content_of(document)
    path = tmp_path / "van-ban.pdf"
    path.write_bytes(content)
    out = subprocess.run(["pdfsig", "-nocert", str(path)], capture_output=True, text=True, timeout=60).stdout
    blocks = out.split("Signature #")[1:]
    assert len(blocks) == 2, out
    assert all("Signature Validation: Signature is Valid." in block for block in blocks), out
    assert "Signer Certificate Common Name: Trần Văn Chủ Tịch" in blocks[0]
    assert "Signer Certificate Common Name: Ủy ban nhân dân xã Tân Hòa" in blocks[1]
    assert "Total document signed" in blocks[1]
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, timeout=60).stdout
    assert "Số: 01/UBND-VX" in text
    assert "ngày" in text and "Kính gửi: Ủy ban nhân dân xã Bình An." in text
    trust, revoked = verification_trust()
    report = verify_pdf(content, trust=trust, revocations=revoked)
    assert report.ok, [s.problems for s in report.signatures]


def test_the_recipient_agency_receives_its_incoming_copy_with_the_file(certified, other_office, letter_type):
    office = certified
    document = _issued(office, other_office, letter_type)
    copy = Document.objects.get(agency=other_office.agency, direction=Document.Direction.INCOMING)
    assert copy.state == Document.State.ARRIVED and copy.number_display == document.number_display
    assert copy.files.filter(kind="main").count() == 1
    assert content_of(copy) == content_of(document)
    recipient = document.recipients.get()
    assert recipient.status == Recipient.Status.RECEIVED
    assert copy.delivery == recipient


def test_outside_recipients_are_queued_for_the_exchange_one_message_per_organisation(certified, other_office,
                                                                                     letter_type):
    office = certified
    document = signed(office, letter_type, to=recipients_to(other_office.agency, outside="Văn phòng Chính phủ"))
    outgoing.outgoing_number_and_issue(document=document, actor=office.clerk)
    message = OutboxMessage.objects.get(topic=OutboxMessage.Topic.DOCUMENT_EXCHANGE)
    outside = document.recipients.get(external_name="Văn phòng Chính phủ")
    assert message.status == OutboxMessage.Status.PENDING
    assert message.subject == "axis:G22" and outside.external_organ_id == "G22"  # stored in the short form
    assert message.payload == {"type": "edoc", "business": 0, "document": str(document.uuid),
                               "recipient": outside.pk, "agency": office.agency.pk}


def test_the_trail_and_participants_follow_the_flow(certified, other_office, letter_type):
    office = certified
    document = _issued(office, other_office, letter_type)
    kinds = list(document.events.values_list("kind", flat=True))
    for kind in ("created", "file_added", "submitted", "approved", "signed", "numbered", "issued"):
        assert kind in kinds
    roles = set(document.participants.values_list("user__username", "role"))
    assert ("th-chuyenvien", Participant.Role.DRAFTER) in roles
    assert ("th-truongphong", Participant.Role.REVIEWER) in roles
    assert ("th-chutich", Participant.Role.SIGNER) in roles
    assert document.events.filter(kind=DocumentEvent.Kind.SIGNED).get().data["version"] == 2


def test_a_secret_document_never_queues_for_the_exchange(certified, other_office, letter_type):
    from documents.errors import DocumentError, DocumentErrorCode

    office = certified
    with pytest.raises(DocumentError) as refused:
        signed(office, letter_type, to=recipients_to(other_office.agency, outside="Báo Nhân Dân"), secrecy=2)
    assert refused.value.code == DocumentErrorCode.SECRET_EXTERNAL
    assert not OutboxMessage.objects.exists()
