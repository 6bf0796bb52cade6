"""Who sees an outgoing document and who is told: a secret draft only its drafter, reviewer and signer (then
the clerks who number it); the next official is emailed, urgent documents flagged first; an answer to an
incoming document links back to it and tells the incoming flow when it is issued."""

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from documents import permissions
from documents.models import Document, Participant
from documents.services import outgoing
from tests.documents.outgoing_helpers import (
    PIN,
    draft,
    recipients_to,
    signed,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("outgoing_env")]


def _sees(user, document) -> bool:
    return permissions.can_view(user, document)


def test_a_secret_document_is_seen_only_by_those_it_was_given(certified, other_office, letter_type):
    office = certified
    document = draft(office, letter_type, to=recipients_to(other_office.agency), secrecy=1)
    assert _sees(office.specialist, document) and _sees(office.leader, document)  # drafter, signer
    assert not _sees(office.clerk, document) and not _sees(office.head, document) and not _sees(office.other, document)
    outgoing.outgoing_submit(document=document, actor=office.specialist)
    assert _sees(office.head, document)  # the reviewer
    outgoing.outgoing_approve(document=document, actor=office.head)
    assert not _sees(office.clerk, document)
    outgoing.outgoing_sign_with_pin(document=document, actor=office.leader, pin=PIN)
    assert _sees(office.clerk, document)  # the clerks number it
    assert not _sees(office.other, document)
    outgoing.outgoing_number_and_issue(document=document, actor=office.clerk)
    document.refresh_from_db()
    assert document.register == office.secret_outgoing
    copy = Document.objects.get(agency=other_office.agency, direction="incoming")
    assert copy.is_secret and _sees(other_office.clerk, copy) and not _sees(other_office.leader, copy)
    assert Participant.objects.filter(document=copy, user=other_office.clerk, role="clerk").exists()


def test_each_next_official_is_emailed_and_urgent_documents_say_so_first(certified, other_office, letter_type,
                                                                         django_capture_on_commit_callbacks):
    office = certified
    for user in (office.head, office.leader, office.clerk, office.specialist, other_office.clerk):
        user.email = f"{user.username}@example.vn"
        user.save(update_fields=["email"])
    document = draft(office, letter_type, to=recipients_to(other_office.agency), urgency=3)
    with django_capture_on_commit_callbacks(execute=True):
        outgoing.outgoing_submit(document=document, actor=office.specialist)
        outgoing.outgoing_approve(document=document, actor=office.head)
        outgoing.outgoing_sign_with_pin(document=document, actor=office.leader, pin=PIN)
        outgoing.outgoing_number_and_issue(document=document, actor=office.clerk)
    sent = {(message.to[0], message.subject) for message in mail.outbox}
    # in Vietnamese, the administration's language, whatever the page's
    assert ("th-truongphong@example.vn", "[HỎA TỐC] Có dự thảo văn bản chờ đồng chí xem xét") in sent
    assert ("th-chutich@example.vn", "[HỎA TỐC] Có văn bản chờ đồng chí ký") in sent
    assert ("th-vanthu@example.vn", "[HỎA TỐC] Có văn bản đã ký chờ cấp số và ban hành") in sent
    assert ("th-chuyenvien@example.vn", "[HỎA TỐC] Văn bản của đồng chí đã được ban hành") in sent
    assert ("ba-vanthu@example.vn", "[HỎA TỐC] Có văn bản đến") in sent
    body = next(m.body for m in mail.outbox if m.to == ["th-chutich@example.vn"])
    assert "Trả lời về việc tổ chức ngày hội văn hóa" in body and str(document.uuid) in body


def test_an_answer_links_to_the_incoming_document_and_the_incoming_flow_learns_of_its_issue(
        certified, other_office, letter_type, monkeypatch):
    office = certified
    incoming = Document.objects.create(
        agency=office.agency, direction="incoming", state="registered", document_type=letter_type,
        subject="Đề nghị phối hợp tổ chức ngày hội", organ_id=other_office.agency.code,
        organ_name=other_office.agency.name, code_number="07", code_notation="UBND-VP", created_by=other_office.clerk)
    Participant.objects.create(document=incoming, user=office.specialist, role="handler")
    client = Client()
    client.cookies["django_language"] = "en"
    client.force_login(office.specialist)
    page = client.get(reverse("documents:outgoing_new") + f"?reply_to={incoming.uuid}").content.decode()
    assert "In reply to 07/UBND-VP" in page and f'value="{incoming.uuid}"' in page
    answered = []
    monkeypatch.setattr("documents.services.replies.reply_issued",
                        lambda outgoing_document, actor: answered.append(outgoing_document.reply_to_id))
    document = signed(office, letter_type, to=recipients_to(other_office.agency), reply_to=incoming)
    outgoing.outgoing_number_and_issue(document=document, actor=office.clerk)
    assert answered == [incoming.pk]
    html = client.get(reverse("documents:detail", kwargs={"uuid": document.uuid})).content.decode()
    assert "In reply to" in html and "07/UBND-VP" in html
