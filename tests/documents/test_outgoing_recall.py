"""Recall, replacement and correction after issue (Art. 18.3, 18.4.b; Appendix VI III.8): a recalled document
is frozen on the sender's side and withdrawn from its recipients — their copy recalled, its files gone from
storage, the recall kept in its trail; a replacement or a correction is a new document pointing at it."""

import pytest
from django.core.files.storage import default_storage

from documents.errors import DocumentError, DocumentErrorCode
from documents.models import Document, DocumentEvent, Recipient
from documents.services import outgoing
from outbox.models import OutboxMessage
from tests.documents.outgoing_helpers import (
    draft,
    recipients_to,
    signed,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("outgoing_env")]


def _issued(office, other_office, kind, **extra):
    document = signed(office, kind, to=recipients_to(other_office.agency, **extra))
    return outgoing.outgoing_number_and_issue(document=document, actor=office.clerk)


def test_a_recall_withdraws_the_recipients_copy_and_freezes_the_senders(certified, other_office, letter_type,
                                                                         django_capture_on_commit_callbacks):
    office = certified
    document = _issued(office, other_office, letter_type, outside="Văn phòng Chính phủ")
    copy = Document.objects.get(agency=other_office.agency, direction="incoming")
    stored = [f.file.name for f in copy.files.all()]
    assert stored and all(default_storage.exists(name) for name in stored)
    with django_capture_on_commit_callbacks(execute=True):
        outgoing.outgoing_recall(document=document, actor=office.leader, reason="Sai nội dung Điều 2")
    document.refresh_from_db()
    copy.refresh_from_db()
    assert document.state == Document.State.RECALLED and document.recalled_at and document.is_frozen
    assert document.files.filter(kind="main").exists()  # the sender keeps its copy, frozen
    assert copy.state == Document.State.RECALLED and not copy.files.exists()
    assert not any(default_storage.exists(name) for name in stored)
    trail = copy.events.get(kind=DocumentEvent.Kind.RECALLED)
    assert trail.note == "Sai nội dung Điều 2" and trail.data["files_deleted"][0]["kind"] == "main"
    assert copy.number_display == document.number_display  # its metadata stays
    statuses = set(document.recipients.values_list("status", flat=True))
    assert statuses == {Recipient.Status.RECALLED}
    revocation = OutboxMessage.objects.filter(topic="document_exchange").order_by("sequence").last()
    assert revocation.payload["business"] == 1  # edXML BussinessDocType: thu hồi
    assert revocation.payload["reason"] == "Sai nội dung Điều 2"
    with pytest.raises(DocumentError) as refused:
        outgoing.outgoing_recall(document=document, actor=office.clerk, reason="again")
    assert refused.value.code == DocumentErrorCode.FROZEN


def test_a_recall_needs_a_reason_and_a_leader_or_clerk(certified, other_office, letter_type):
    office = certified
    document = _issued(office, other_office, letter_type)
    with pytest.raises(DocumentError) as refused:
        outgoing.outgoing_recall(document=document, actor=office.specialist, reason="x")
    assert refused.value.status_code == 403
    with pytest.raises(DocumentError) as refused:
        outgoing.outgoing_recall(document=document, actor=office.clerk, reason="  ")
    assert refused.value.extra["errors"]["reason"]
    document.refresh_from_db()
    assert document.state == Document.State.ISSUED


def test_a_replacement_marks_the_replaced_document_when_it_is_issued(certified, other_office, decision_type,
                                                                      letter_type):
    office = certified
    first = _issued(office, other_office, decision_type)
    with pytest.raises(DocumentError) as refused:
        draft(office, letter_type, to=recipients_to(other_office.agency), replaces=first)
    assert "same form" in refused.value.message
    replacement = signed(office, decision_type, to=recipients_to(other_office.agency), replaces=first,
                         subject="Về việc khen thưởng (thay thế)")
    assert not first.events.filter(kind=DocumentEvent.Kind.REPLACED).exists()
    outgoing.outgoing_number_and_issue(document=replacement, actor=office.clerk)
    replaced = first.events.get(kind=DocumentEvent.Kind.REPLACED)
    assert replaced.data["number"] == "02/QĐ-UBND"
    assert list(first.replaced_by.all()) == [replacement]


def test_a_correction_is_a_cong_van_pointing_at_the_corrected_document(certified, other_office, decision_type,
                                                                        letter_type):
    office = certified
    first = _issued(office, other_office, decision_type)
    with pytest.raises(DocumentError) as refused:
        draft(office, decision_type, to=recipients_to(other_office.agency), corrects=first)
    assert "công văn đính chính" in refused.value.message
    correction = signed(office, letter_type, to=recipients_to(other_office.agency), corrects=first,
                        subject="Đính chính Quyết định số 01/QĐ-UBND")
    outgoing.outgoing_number_and_issue(document=correction, actor=office.clerk)
    assert first.events.get(kind=DocumentEvent.Kind.CORRECTED).data["number"] == "02/UBND-VX"


def test_only_an_issued_document_can_be_replaced(office, other_office, letter_type):
    earlier = draft(office, letter_type, to=recipients_to(other_office.agency))
    with pytest.raises(DocumentError) as refused:
        draft(office, letter_type, to=recipients_to(other_office.agency), replaces=earlier)
    assert refused.value.extra["errors"]["replaces"]
