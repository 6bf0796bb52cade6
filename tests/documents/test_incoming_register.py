"""Receiving and registering incoming documents (Decree 30/2020 art. 20–22): the check of integrity and
signature, the số đến (consecutive, a separate series for secret documents), the duplicate warning, returning
to the sender, and what the sender sees."""

import datetime as dt
import hashlib

import pytest
from django.core import mail
from django.utils import translation

from documents.errors import (
    DocumentConflict,
    DocumentError,
    DocumentErrorCode,
    DocumentForbidden,
    DocumentNotFound,
)
from documents.models import Document, DocumentType, Participant, Register
from documents.services.incoming import (
    incoming_check,
    incoming_receive_paper,
    incoming_refuse,
    incoming_register,
)
from portal.uploads import CheckedFile
from tests.documents.incoming_helpers import pdf, recipient_of, send, signed_pdf, tampered


@pytest.fixture(autouse=True)
def _english_and_fast_keys(settings):
    settings.SIGNATURES_KEY_BITS = 2048
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    with translation.override("en"):
        yield


def paper(office, **extra) -> Document:
    values = {"document_type": DocumentType.objects.get(code="cong-van"), "subject": "Về việc góp ý dự thảo quy hoạch",
              "organ_name": "Sở Xây dựng", "code_number": "45", "code_notation": "SXD-QH",
              "issued_date": dt.date(2026, 3, 2), **extra}
    content = values.pop("content", None) or pdf()
    return incoming_receive_paper(clerk=office.clerk, file=checked(content), **values)


def checked(content: bytes) -> CheckedFile:
    return CheckedFile(name="scan.pdf", content=content, content_type="application/pdf",
                       sha256=hashlib.sha256(content).hexdigest())


def test_an_arrival_from_another_agency_waits_to_register_and_the_sender_sees_it_received(office, other_office):
    arrival = send(other_office, office)
    assert arrival.state == "arrived" and arrival.agency == office.agency and arrival.channel == "portal"
    assert arrival.files.get(kind="main").name == "cong-van.pdf"
    assert recipient_of(arrival).status == "received"


def test_registration_gives_consecutive_incoming_numbers_and_tells_the_sender(office, other_office):
    first, second = send(other_office, office, number="12"), send(other_office, office, number="13")
    incoming_register(document=first, clerk=office.clerk)
    incoming_register(document=second, clerk=office.clerk)
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.arrival_number, second.arrival_number) == (1, 2)
    assert first.register == second.register == office.incoming and first.state == "registered"
    assert recipient_of(first).status == "registered"
    assert Participant.objects.filter(document=first, user=office.clerk, role="clerk").exists()


def test_a_secret_document_is_numbered_in_the_secret_series_and_shown_to_the_leader_it_is_presented_to(
        office, other_office):
    plain = send(other_office, office, number="1")
    secret = send(other_office, office, number="2", secrecy=Document.Secrecy.SECRET)
    # Only the receiving agency's clerks are given a secret arrival; the leader not yet.
    assert set(secret.participants.values_list("user", flat=True)) == {office.clerk.pk}
    incoming_register(document=plain, clerk=office.clerk)
    incoming_register(document=secret, clerk=office.clerk)  # one leader in the agency: presented to them
    secret.refresh_from_db()
    assert (secret.register, secret.arrival_number) == (office.secret_incoming, 1)
    assert Participant.objects.filter(document=secret, user=office.leader).exists()


def test_a_wrong_register_is_refused_and_nothing_is_numbered(office, other_office):
    arrival = send(other_office, office)
    for wrong in (office.outgoing, office.secret_incoming, other_office.incoming):
        with pytest.raises(DocumentError) as refused:
            incoming_register(document=arrival, clerk=office.clerk, register=wrong)
        assert refused.value.code == DocumentErrorCode.WRONG_REGISTER
    arrival.refresh_from_db()
    assert arrival.state == "arrived" and arrival.arrival_number is None


def test_a_register_limited_to_some_kinds_numbers_only_those(office, other_office, decision_type):
    decisions = Register.objects.create(agency=office.agency, direction="incoming", name="Sổ quyết định đến")
    decisions.types.add(decision_type)
    letter = send(other_office, office, type_code="cong-van")
    decision = send(other_office, office, type_code="quyet-dinh", notation="QĐ-UBND")
    with pytest.raises(DocumentError):
        incoming_register(document=letter, clerk=office.clerk, register=decisions)
    assert incoming_register(document=decision, clerk=office.clerk).register == decisions  # its own, by default


def test_the_same_senders_number_symbol_and_date_registered_again_needs_confirmation(office, other_office):
    incoming_register(document=send(other_office, office), clerk=office.clerk)
    again = send(other_office, office)
    with pytest.raises(DocumentConflict) as warned:
        incoming_register(document=again, clerk=office.clerk)
    assert warned.value.code == DocumentErrorCode.DUPLICATE and warned.value.status_code == 409
    assert "already registered, incoming number 1" in warned.value.message
    assert warned.value.extra["duplicates"][0]["arrival_number"] == 1
    assert incoming_register(document=again, clerk=office.clerk, confirm_duplicate=True).arrival_number == 2


def test_a_paper_copy_typed_with_the_senders_name_is_a_duplicate_of_the_electronic_one(office, other_office):
    incoming_register(document=send(other_office, office, number="45", notation="SXD-QH",
                                    issued=dt.date(2026, 3, 2)), clerk=office.clerk)
    typed = paper(office, organ_name=other_office.agency.name.upper())
    with pytest.raises(DocumentConflict):
        incoming_register(document=typed, clerk=office.clerk)
    other_date = paper(office, organ_name=other_office.agency.name, issued_date=dt.date(2026, 3, 3))
    assert incoming_register(document=other_date, clerk=office.clerk).arrival_number == 2


def test_a_paper_scan_arrives_checked_unsigned_and_registers(office):
    document = paper(office)
    assert document.state == "arrived" and document.channel == "paper"
    assert document.check_status == Document.Check.UNSIGNED
    assert incoming_register(document=document, clerk=office.clerk).arrival_number == 1
    assert document.delivery is None  # no sender in the portal to tell


def test_a_validly_signed_arrival_is_checked_valid(office, other_office):
    arrival = send(other_office, office, content=signed_pdf(other_office.leader))
    incoming_check(document=arrival)
    arrival.refresh_from_db()
    assert arrival.check_status == Document.Check.VALID
    assert arrival.check_report["signatures"][0]["signer"] == "Trần Văn Chủ Tịch"


def test_a_tampered_signature_is_flagged_cannot_be_registered_and_goes_back_with_the_reason(office, other_office):
    arrival = send(other_office, office, content=tampered(signed_pdf(other_office.leader)))
    incoming_check(document=arrival, actor=office.clerk)
    arrival.refresh_from_db()
    assert arrival.check_status == Document.Check.ALTERED
    with pytest.raises(DocumentConflict) as refused:
        incoming_register(document=arrival, clerk=office.clerk)
    assert refused.value.code == DocumentErrorCode.SIGNATURE_INVALID
    incoming_refuse(document=arrival, clerk=office.clerk, reason="Chữ ký số không hợp lệ: văn bản bị sửa đổi.")
    arrival.refresh_from_db()
    recipient = recipient_of(arrival)
    assert arrival.state == "refused" and arrival.arrival_number is None
    assert (recipient.status, recipient.status_note) == ("refused", "Chữ ký số không hợp lệ: văn bản bị sửa đổi.")
    assert recipient.document.events.filter(kind="recipient_status", note__contains="bị sửa đổi").exists()


def test_an_unchecked_arrival_is_checked_when_registered(office, other_office):
    arrival = send(other_office, office, with_file=False)
    assert arrival.check_status == ""
    with pytest.raises(DocumentConflict):
        incoming_register(document=arrival, clerk=office.clerk)
    arrival.refresh_from_db()
    assert arrival.check_status == Document.Check.ALTERED and arrival.check_report == {"error": "missing"}


def test_returning_needs_a_reason_and_only_the_clerk_registers_or_returns(office, other_office):
    arrival = send(other_office, office)
    with pytest.raises(DocumentError) as empty:
        incoming_refuse(document=arrival, clerk=office.clerk, reason="   ")
    assert "reason" in empty.value.extra["errors"]
    with pytest.raises(DocumentForbidden):
        incoming_register(document=arrival, clerk=office.leader)
    for stranger in (office.specialist, other_office.clerk):  # may not even see it
        with pytest.raises(DocumentNotFound):
            incoming_register(document=arrival, clerk=stranger)


def test_a_registered_document_cannot_be_registered_twice(office, other_office):
    arrival = send(other_office, office)
    incoming_register(document=arrival, clerk=office.clerk)
    with pytest.raises(DocumentConflict) as again:
        incoming_register(document=arrival, clerk=office.clerk)
    assert again.value.code == DocumentErrorCode.BAD_STATE


def test_paper_metadata_is_checked(office):
    with pytest.raises(DocumentError) as future:
        paper(office, issued_date=dt.date(2999, 1, 1))
    assert "issued_date" in future.value.extra["errors"]
    with pytest.raises(DocumentForbidden):
        incoming_receive_paper(clerk=office.specialist, file=checked(pdf()),
                               document_type=DocumentType.objects.get(code="cong-van"), subject="x",
                               organ_name="Sở Y tế")
    assert not Document.objects.exists()


def test_an_urgent_document_is_presented_to_the_leader_by_email_when_registered(office, other_office,
                                                                              django_capture_on_commit_callbacks):
    office.leader.email = "chutich@tanhoa.example.vn"
    office.leader.save(update_fields=["email"])
    with django_capture_on_commit_callbacks(execute=True):
        incoming_register(document=send(other_office, office, number="1"), clerk=office.clerk)
    assert mail.outbox == []  # a normal one waits in the leader's list
    with django_capture_on_commit_callbacks(execute=True):
        incoming_register(document=send(other_office, office, number="2", urgency=3,
                                        subject="Về việc ứng phó bão số 3"), clerk=office.clerk)
    assert [message.to for message in mail.outbox] == [["chutich@tanhoa.example.vn"]]
    assert "Hỏa tốc" in mail.outbox[0].subject and "ứng phó bão số 3" in mail.outbox[0].body
