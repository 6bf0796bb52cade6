# ruff: noqa: F811 - the documents tests' fixtures, imported by name
"""The exchange with real processes: the mock axis (its own process, database and organs that answer like
real ones) and the portal's relay and mailbox reader over real HTTP. A document issued to the ministry comes
back as its statuses one by one; a document the other province sends arrives and hears 01 and 03; the axis
down for a morning while documents are issued loses nothing, sends nothing twice and keeps the order of
issue; a package delivered twice is stored once."""

from __future__ import annotations

import time

import pytest
from django.utils import timezone

from axis import receiving
from axis.models import ReceivedMessage
from documents.models import Document, DocumentEvent, Recipient
from documents.services import incoming as incoming_services
from documents.services import outgoing
from outbox.models import OutboxMessage
from outbox.relay import relay_until_empty
from tests.axis.conftest import MINISTRY, NGHE_AN
from tests.documents.conftest import letter_type, office, other_office  # noqa: F401 - fixtures
from tests.documents.outgoing_helpers import certified, outgoing_env, signed  # noqa: F401

pytestmark = pytest.mark.usefixtures("outgoing_env")
OURS = "000.00.31.H01"  # the office's organ code (tests/documents/conftest.py)


@pytest.fixture
def live(axis_mock, settings):
    settings.AXIS_URL, settings.AXIS_SYSTEM_ID, settings.AXIS_SECRET = (axis_mock.url, axis_mock.system_id,
                                                                      axis_mock.secret)
    settings.AXIS_TRUST_ANCHORS = str(axis_mock.ca_path)
    settings.AXIS_TIMEOUT_SECONDS = 3
    settings.AXIS_RETRY_BASE_SECONDS, settings.AXIS_RETRY_MAX_SECONDS = 0.01, 0.05
    return axis_mock


def _issue_to_ministry(office, letter_type, subject="Báo cáo kết quả vận hành chính quyền hai cấp"):
    recipients = [outgoing.RecipientSpec(external_name="Bộ Nội vụ", external_organ_id=MINISTRY)]
    document = signed(office, letter_type, to=recipients, subject=subject)
    return outgoing.outgoing_number_and_issue(document=document, actor=office.clerk)


def _pull_until(office, condition, timeout=20.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        relay_until_empty(max_seconds=5)
        receiving.pull_agency(office.agency)
        if condition():
            return
        time.sleep(0.1)
    raise AssertionError("timed out")


def test_the_ministrys_statuses_reach_the_senders_page_one_by_one(certified, letter_type, live):
    office = certified
    document = _issue_to_ministry(office, letter_type)
    recipient = document.recipients.get()
    _pull_until(office, lambda: Recipient.objects.get(pk=recipient.pk).status == Recipient.Status.DONE)
    steps = [event.data["to"] for event in document.events.filter(kind=DocumentEvent.Kind.RECIPIENT_STATUS)
             .order_by("id")]
    assert steps == ["sent", "received", "registered", "assigned", "in_progress", "done"]
    received = live.received(MINISTRY)["messages"]
    assert [m["document_id"] for m in received if m.get("type") == "edoc"] == [
        f"{OURS},{document.issued_date:%Y/%m/%d},{document.number_display}"]


def test_a_document_from_another_province_arrives_is_registered_and_its_sender_hears_it(certified, letter_type,
                                                                                        live):
    office = certified
    sent = live.send(NGHE_AN, OURS, subject="Về việc phối hợp quản lý địa giới hành chính", code_number="88",
                     code_notation="UBND-NC")
    _pull_until(office, lambda: Document.objects.filter(agency=office.agency, channel="axis").exists())
    document = Document.objects.get(agency=office.agency, channel="axis")
    assert document.state == Document.State.ARRIVED and document.number_display == "88/UBND-NC"
    assert document.organ_name == "Ủy ban nhân dân tỉnh Nghệ An" and document.files.filter(kind="main").exists()
    assert ReceivedMessage.objects.get(document=document).edxml_id == sent["document_id"]
    incoming_services.incoming_register(document=document, clerk=office.clerk, present_to=office.leader)

    def answered():
        relay_until_empty(max_seconds=5)
        return [m["status_code"] for m in live.received(NGHE_AN).get("messages", []) if m.get("type") == "status"]

    live.wait_for(lambda: answered() == ["01", "03"], message="for 01 and 03 at Nghệ An")


def test_a_letter_to_a_code_the_axis_does_not_know_dies_and_its_page_says_so(certified, letter_type, live):
    office = certified
    recipients = [outgoing.RecipientSpec(external_name="Bộ Tài chính", external_organ_id="000.00.00.G12")]
    document = outgoing.outgoing_number_and_issue(document=signed(office, letter_type, to=recipients),
                                                  actor=office.clerk)
    relay_until_empty(max_seconds=5)
    assert OutboxMessage.objects.get(topic="document_exchange").status == "dead"
    recipient = document.recipients.get()
    assert recipient.status == Recipient.Status.PENDING
    assert recipient.status_note.startswith(
        "Not sent: the national document axis refused it (HTTP 422: unknown recipient 000.00.00.G12).")


def test_the_axis_down_for_a_morning_loses_nothing_and_keeps_the_order_of_issue(certified, letter_type, live):
    office = certified
    live.faults(down_for_seconds=600)
    issued = [_issue_to_ministry(office, letter_type, subject=f"Công văn số {n} trong buổi sáng") for n in range(5)]
    for _attempt in range(3):
        relay_until_empty(max_seconds=5)
        OutboxMessage.objects.filter(status="pending").update(next_attempt_at=timezone.now())
    assert not OutboxMessage.objects.filter(status="delivered").exists()
    assert set(Recipient.objects.filter(document__in=issued).values_list("status", flat=True)) == {"pending"}
    live.faults(clear=True)
    relay_until_empty(max_seconds=10)
    assert OutboxMessage.objects.filter(status="delivered").count() == 5
    received = [m["document_id"] for m in live.received(MINISTRY)["messages"] if m.get("type") == "edoc"]
    assert received == [f"{OURS},{d.issued_date:%Y/%m/%d},{d.number_display}" for d in issued]  # once, in order
    assert live.stats()["duplicates"] == 0


def test_a_package_delivered_twice_is_stored_once(certified, letter_type, live):
    office = certified
    live.send(NGHE_AN, OURS, subject="Về việc gửi lại", code_number="89", code_notation="UBND-NC")
    entry = live.wait_mailbox(OURS, 1)[0]
    data = live.fetch(entry["id"])
    first = receiving.message_receive(agency=office.agency, message_id=entry["id"], data=data)
    receiving.pull_agency(office.agency)  # the axis lists it again (never acknowledged): stored once
    assert ReceivedMessage.objects.filter(message_id=entry["id"]).count() == 1
    assert Document.objects.filter(agency=office.agency, channel="axis").count() == 1
    assert live.mailbox(OURS) == []  # acknowledged once stored
    assert first.outcome == "accepted"


def test_a_reply_from_the_ministry_links_to_our_document(certified, letter_type, live):
    office = certified
    document = _issue_to_ministry(office, letter_type)
    relay_until_empty(max_seconds=5)
    live.send(MINISTRY, OURS, subject="Trả lời Công văn của UBND xã Tân Hòa", code_number="412",
              code_notation="BNV-CQĐP",
              response_for=f"{OURS},{document.issued_date:%Y/%m/%d},{document.number_display}")
    _pull_until(office, lambda: Document.objects.filter(agency=office.agency, channel="axis").exists())
    reply = Document.objects.get(agency=office.agency, channel="axis")
    assert reply.reply_to == document


def test_the_directory_is_read_versioned_and_names_recipients_by_code(certified, letter_type, live):
    from axis.directory import directory_sync
    from axis.models import Organ
    from documents.errors import DocumentError
    from tests.documents.outgoing_helpers import draft

    office = certified
    first = directory_sync()
    assert first["opened"] >= 3 and Organ.objects.get(code="G09", valid_to=None).name == "Bộ Nội vụ"
    document = draft(office, letter_type, to=[outgoing.RecipientSpec(external_organ_id="000.00.00.G09")])
    assert document.recipients.get().external_name == "Bộ Nội vụ"  # the name from the axis's directory
    with pytest.raises(DocumentError) as refused:
        draft(office, letter_type, to=[outgoing.RecipientSpec(external_organ_id="000.00.00.G99")])
    assert "000.00.00.G99" in str(refused.value.extra["errors"]["recipients"][0])
    live.register("000.00.00.H22", "Ủy ban nhân dân tỉnh (tên mới)").raise_for_status()
    second = directory_sync()
    assert second["renamed"] == 1
    rows = Organ.objects.filter(code="H22").order_by("valid_from")
    assert [row.valid_to is None for row in rows] == [False, True]  # the old name kept, closed
    assert rows.last().name == "Ủy ban nhân dân tỉnh (tên mới)"
