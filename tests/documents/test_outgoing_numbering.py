"""Numbering outgoing documents (Art. 15): the register's next number, gap-free under fifty clerks at once;
secret documents in a series of their own; a wrong register and a number typed by hand that collides are
refused with a clear message and change nothing; a number set aside is skipped when its turn comes."""

import threading

import pytest
from django.db import connection

from documents.errors import DocumentError, DocumentErrorCode
from documents.models import Document, DocumentFile, DocumentType, Register, RegisterCounter
from documents.services import outgoing
from tests.documents.outgoing_helpers import (
    recipients_to,
    signed,
)

pytestmark = pytest.mark.usefixtures("outgoing_env")


def _clone(document: Document, count: int) -> list[Document]:
    """Signed documents like ``document`` (same signed file), without signing each one again."""
    draft = document.files.get(kind=DocumentFile.Kind.DRAFT, version=2)
    clones = []
    for index in range(count):
        clone = Document.objects.create(
            agency=document.agency, direction=document.direction, state=document.state, source=document.source,
            document_type=document.document_type, subject=f"{document.subject} ({index})", signer=document.signer,
            drafting_unit=document.drafting_unit, authority_line=document.authority_line,
            created_by=document.created_by, secrecy=document.secrecy)
        DocumentFile.objects.create(document=clone, kind=draft.kind, version=2, file=draft.file.name, name=draft.name,
                                    size=draft.size, sha256=draft.sha256)
        clone.recipients.create(agency=document.recipients.get().agency)
        clones.append(clone)
    return clones


@pytest.mark.django_db(transaction=True)
def test_fifty_clerks_issuing_at_once_get_01_to_50_without_a_gap(certified, other_office):
    office = certified
    letter, _created = DocumentType.objects.get_or_create(code="cong-van", defaults={"name": "Công văn"})
    first = signed(office, letter, to=recipients_to(other_office.agency))
    documents = [first, *_clone(first, 49)]
    barrier, failures = threading.Barrier(10), []

    def clerk(batch):
        try:
            barrier.wait(timeout=30)
            for document in batch:
                outgoing.outgoing_number_and_issue(document=document, actor=office.clerk)
        except Exception as exc:  # noqa: BLE001 - reported below
            failures.append(repr(exc))
        finally:
            connection.close()

    threads = [threading.Thread(target=clerk, args=(documents[i::10],)) for i in range(10)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=300)
    assert failures == []
    numbers = sorted(Document.objects.filter(direction="outgoing", state="issued").values_list("code_number",
                                                                                                flat=True))
    assert numbers == [f"{n:02d}" for n in range(1, 51)]
    assert RegisterCounter.objects.get(register=office.outgoing).last_number == 50
    assert Document.objects.filter(agency=other_office.agency, direction="incoming").count() == 50


@pytest.mark.django_db
def test_a_secret_document_has_its_own_series_and_only_a_secret_register(certified, other_office, letter_type):
    office = certified
    plain = signed(office, letter_type, to=recipients_to(other_office.agency))
    secret = signed(office, letter_type, to=recipients_to(other_office.agency), secrecy=1)
    with pytest.raises(DocumentError) as refused:
        outgoing.outgoing_number(document=secret, actor=office.clerk, register=office.outgoing)
    assert refused.value.code == DocumentErrorCode.WRONG_REGISTER
    assert "secret register" in refused.value.message
    with pytest.raises(DocumentError) as refused:
        outgoing.outgoing_number(document=plain, actor=office.clerk, register=office.secret_outgoing)
    assert refused.value.code == DocumentErrorCode.WRONG_REGISTER
    outgoing.outgoing_number(document=plain, actor=office.clerk)
    outgoing.outgoing_number(document=secret, actor=office.clerk)
    plain.refresh_from_db()
    secret.refresh_from_db()
    assert (plain.register, plain.code_number) == (office.outgoing, "01")
    assert (secret.register, secret.code_number) == (office.secret_outgoing, "01")


@pytest.mark.django_db
def test_wrong_registers_are_refused_with_a_clear_message(certified, other_office, letter_type, decision_type):
    office = certified
    document = signed(office, letter_type, to=recipients_to(other_office.agency))
    decisions_only = Register.objects.create(agency=office.agency, direction="outgoing", name="Sổ quyết định")
    decisions_only.types.add(decision_type)
    for register, message in ((other_office.outgoing, "your own agency"), (office.incoming, "your own agency"),
                              (decisions_only, "does not number Công văn")):
        with pytest.raises(DocumentError) as refused:
            outgoing.outgoing_number(document=document, actor=office.clerk, register=register)
        assert refused.value.code == DocumentErrorCode.WRONG_REGISTER and message in refused.value.message
    document.refresh_from_db()
    assert document.code_number == "" and document.state == Document.State.SIGNED
    assert not RegisterCounter.objects.filter(register=office.outgoing, last_number__gt=0).exists()


@pytest.mark.django_db
def test_a_number_typed_by_hand_is_refused_when_taken_and_skipped_when_its_turn_comes(certified, other_office,
                                                                                       letter_type):
    office = certified
    first, second, third, fourth = (signed(office, letter_type, to=recipients_to(other_office.agency))
                                    for _ in range(4))
    outgoing.outgoing_number(document=first, actor=office.clerk)  # 01
    outgoing.outgoing_number(document=second, actor=office.clerk, number=3)  # set aside, used by hand
    with pytest.raises(DocumentError) as refused:
        outgoing.outgoing_number(document=third, actor=office.clerk, number=1)
    assert refused.value.code == DocumentErrorCode.NUMBER_TAKEN
    assert "Number 01 of “Sổ văn bản đi”" in refused.value.message and "already taken by 01/UBND-VX" in \
        refused.value.message
    third.refresh_from_db()
    assert third.code_number == ""
    outgoing.outgoing_number(document=third, actor=office.clerk)  # 02
    outgoing.outgoing_number(document=fourth, actor=office.clerk)  # 03 is taken: 04
    numbers = [d.code_number for d in Document.objects.filter(pk__in=[first.pk, second.pk, third.pk, fourth.pk])
               .order_by("code_number")]
    assert numbers == ["01", "02", "03", "04"]


@pytest.mark.django_db
def test_only_the_agencys_clerk_numbers(certified, other_office, letter_type):
    office = certified
    document = signed(office, letter_type, to=recipients_to(other_office.agency))
    for user in (office.leader, office.specialist, other_office.clerk):
        with pytest.raises(DocumentError) as refused:
            outgoing.outgoing_number(document=document, actor=user)
        assert refused.value.status_code == 403
