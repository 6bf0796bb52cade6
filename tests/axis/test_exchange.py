# ruff: noqa: F811 - the documents tests' fixtures, imported by name
"""The exchange without the network: what the portal packs for an organisation outside (signed edXML with the
document's fields and files), and what it does with what arrives (a new document in the queue, a duplicate kept
once, a bad package refused with status 02, statuses shown to the sender, a reply linked, a revocation)."""

from __future__ import annotations

import datetime as dt
import threading

import pytest
from django.db import connection, transaction
from fpdf import FPDF

from axis import client, edxml, packing, receiving, xmlsig
from axis.models import ReceivedMessage
from documents.models import Document, DocumentEvent, DocumentType, Recipient
from documents.services import delivery, outgoing
from documents.services import incoming as incoming_services
from documents.services.delivery import recipient_status_set
from outbox.models import OutboxMessage
from outbox.relay import relay_until_empty
from signatures.authority import trust
from tests.axis.pki import Pki
from tests.documents.conftest import letter_type, office, other_office  # noqa: F401 - fixtures
from tests.documents.outgoing_helpers import certified, content_of, outgoing_env, recipients_to, signed  # noqa: F401

pytestmark = pytest.mark.usefixtures("outgoing_env")
MINISTRY = "000.00.00.G09"


@pytest.fixture(scope="module")
def pki():
    return Pki()


@pytest.fixture
def trusted(pki, settings, tmp_path):
    path = tmp_path / "ca.pem"
    path.write_bytes(pki.root_pem())
    settings.AXIS_TRUST_ANCHORS = str(path)
    return pki


def _pdf(text: str = "Công văn của Bộ Nội vụ") -> bytes:
    import font_roboto

    pdf = FPDF()
    pdf.add_page()
    pdf.add_font("Roboto", "", font_roboto.Roboto)
    pdf.set_font("Roboto", size=13)
    pdf.multi_cell(0, 8, text)
    return bytes(pdf.output())


def _package(to: str, **extra) -> edxml.Package:
    values = dict(sender=edxml.Organ(MINISTRY, "Bộ Nội vụ"), recipients=[edxml.Organ(to, "UBND xã Tân Hòa")],
                  document_id=f"{MINISTRY},2026/12/01,125/BNV-CQĐP", code_number="125", code_notation="BNV-CQĐP",
                  subject="Về việc sắp xếp đơn vị hành chính cấp xã", type_name="Công văn",
                  promulgation_date=dt.date(2026, 12, 1), signer_competence="KT. BỘ TRƯỞNG",
                  signer_position="Thứ trưởng", signer_name="Nguyễn Văn Bộ", priority=1,
                  attachments=[edxml.Attachment("125-BNV.pdf", _pdf())])
    values.update(extra)
    return edxml.Package(**values)


def _signed(signer, data: bytes) -> bytes:
    return xmlsig.sign(data, key=signer.key, chain=signer.chain)


def _receive(office, data: bytes, message_id: str = "m-1") -> ReceivedMessage:
    return receiving.message_receive(agency=office.agency, message_id=message_id, data=data)


def _axis_messages(subject: str | None = None):
    messages = OutboxMessage.objects.filter(topic=OutboxMessage.Topic.DOCUMENT_EXCHANGE).order_by("id")
    return messages.filter(subject=subject) if subject else messages


def _issued_outside(office, letter_type):
    document = signed(office, letter_type, to=recipients_to(outside="Văn phòng Chính phủ"))
    return outgoing.outgoing_number_and_issue(document=document, actor=office.clerk)


def test_an_issued_document_is_packed_as_signed_edxml_with_its_fields_and_file(certified, letter_type):
    office = certified
    document = _issued_outside(office, letter_type)
    message = _axis_messages().get()
    data, recipient = packing.pack_document(message.payload)
    root = edxml.parse(data)
    signed_root, signer = xmlsig.verify(data, root, trust_roots=[trust().root])
    package = edxml.read_package(signed_root)
    assert signer.chain_checked and "Tân Hòa" in signer.subject  # the agency's organisation certificate
    assert package.sender.organ_id == "000.00.31.H01" and [o.organ_id for o in package.recipients] == [
        "000.00.00.G22"]
    today = document.issued_date.strftime("%Y/%m/%d")
    assert package.document_id == f"000.00.31.H01,{today},{document.number_display}"
    assert (package.code_number, package.code_notation) == ("01", "UBND-VX")
    assert package.signer_name == "Trần Văn Chủ Tịch" and package.business == edxml.NEW
    assert package.attachments[0].content == content_of(document)  # the signed, numbered PDF itself
    assert recipient.external_name == "Văn phòng Chính phủ"


def test_a_replacement_names_the_document_it_replaces_to_the_same_organisation(certified, letter_type):
    office = certified
    first = _issued_outside(office, letter_type)
    document = signed(office, letter_type, to=recipients_to(outside="Văn phòng Chính phủ"), replaces=first)
    outgoing.outgoing_number_and_issue(document=document, actor=office.clerk)
    data, _recipient = packing.pack_document(_axis_messages().last().payload)
    package = edxml.read_package(edxml.parse(data))
    assert package.business == edxml.REPLACEMENT
    assert package.replaces == [(packing.document_id(first), ["000.00.00.G22"])]


def test_a_batch_opens_the_agencys_key_once_and_packs_each_document_in_three_queries(certified, letter_type,
                                                                                     django_assert_num_queries):
    office = certified
    for _ in range(2):
        _issued_outside(office, letter_type)
    first, second = _axis_messages()
    signers = packing.Signers()
    packing.pack_document(first.payload, signers=signers)
    with django_assert_num_queries(3) as captured:  # the document, its recipients, its files
        data, _recipient = packing.pack_document(second.payload, signers=signers)
    assert not any("signatures_" in query["sql"] for query in captured.captured_queries)
    assert xmlsig.verify(data, edxml.parse(data), trust_roots=[trust().root])[1].chain_checked


def test_a_batch_shows_its_recipients_sent_at_once_but_never_over_what_one_already_heard(
        certified, letter_type, django_assert_num_queries):
    office = certified
    first, second = (_issued_outside(office, letter_type).recipients.get() for _ in range(2))
    Recipient.objects.filter(pk=second.pk).update(status=Recipient.Status.RECEIVED)  # another worker's read
    with django_assert_num_queries(3):  # the rows locked, updated, and the trail
        marked = delivery.recipients_sent([first, second, first])
    assert marked == [first]
    assert dict(Recipient.objects.values_list("pk", "status")) == {first.pk: "sent", second.pk: "received"}
    steps = DocumentEvent.objects.filter(kind=DocumentEvent.Kind.RECIPIENT_STATUS)
    assert [(e.document_id, e.data["from"], e.data["to"], e.data["name"]) for e in steps] == [
        (first.document_id, "pending", "sent", "Văn phòng Chính phủ")]


def test_a_package_from_a_ministry_arrives_in_the_queue_and_its_sender_hears_01(certified, letter_type, trusted):
    office = certified
    data = _signed(trusted.ministry, edxml.build_package(_package("000.00.31.H01")))
    record = _receive(office, data)
    assert record.outcome == ReceivedMessage.Outcome.ACCEPTED and record.sender_id == "G09"
    document = record.document
    assert document.agency == office.agency and document.state == Document.State.ARRIVED
    assert document.channel == Document.Channel.AXIS and document.organ_name == "Bộ Nội vụ"
    assert document.number_display == "125/BNV-CQĐP" and document.urgency == Document.Urgency.URGENT
    assert document.files.get(kind="main").name == "125-BNV.pdf"
    status = _axis_messages("axis:G09").get()
    assert status.payload["type"] == "status" and status.payload["code"] == "01"
    answer = packing.pack_status(status.payload)
    parsed = edxml.read_status(xmlsig.verify(answer, edxml.parse(answer), trust_roots=[trust().root])[0])
    assert parsed.response_for.document_id == f"{MINISTRY},2026/12/01,125/BNV-CQĐP" and parsed.code == "01"
    assert parsed.sender.organ_id == "000.00.31.H01"


def test_the_same_document_twice_is_kept_once(office, letter_type, trusted):
    data = _signed(trusted.ministry, edxml.build_package(_package("000.00.31.H01")))
    first = _receive(office, data, "m-1")
    again = _receive(office, data, "m-2")  # the axis delivered it again under another message id
    assert again.outcome == ReceivedMessage.Outcome.DUPLICATE and again.document == first.document
    assert Document.objects.filter(agency=office.agency, direction="incoming").count() == 1


@pytest.mark.parametrize("spoil, code", [
    ("tamper", "signature"), ("stranger", "certificate"), ("unsigned", "unsigned"), ("doctype", "forbidden"),
    ("elsewhere", "not_addressed"), ("not_pdf", "attachment"),
])
def test_a_bad_package_is_refused_with_02_and_the_reason_and_creates_nothing(office, letter_type, trusted, spoil,
                                                                             code):
    package = _package("000.00.32.H01" if spoil == "elsewhere" else "000.00.31.H01")
    if spoil == "not_pdf":
        package.attachments = [edxml.Attachment("virus.pdf", b"MZ\x90\x00 not a pdf at all")]
    data = edxml.build_package(package)
    if spoil != "unsigned":
        data = _signed(trusted.stranger if spoil == "stranger" else trusted.ministry, data)
    if spoil == "tamper":
        data = data.replace("sắp xếp".encode(), "sáp nhập".encode())
    if spoil == "doctype":
        data = data.replace(b"?>", b'?><!DOCTYPE edXML [<!ENTITY x SYSTEM "file:///etc/passwd">]>', 1)
    record = _receive(office, data)
    assert record.outcome == ReceivedMessage.Outcome.REFUSED and record.error_code == code
    assert record.raw.read() == data  # kept as it came, for the clerk and the audit
    assert not Document.objects.filter(agency=office.agency, direction="incoming").exists()
    if spoil not in ("doctype",):
        refusal = _axis_messages("axis:G09").get()
        assert refusal.payload["code"] == "02" and refusal.payload["description"] == record.error_detail


def test_statuses_from_the_outside_recipient_show_on_the_senders_page_and_never_go_back(certified, letter_type,
                                                                                        trusted, pki):
    office = certified
    document = _issued_outside(office, letter_type)
    government = edxml.Organ("000.00.00.G22", "Văn phòng Chính phủ")
    about = edxml.ResponseFor("000.00.31.H01", document.number_display, document.issued_date,
                              packing.document_id(document))

    def status(code, description=""):
        message = edxml.Status(about, government, code, dt.datetime(2026, 12, 7, 9, 0), description)
        return _signed(pki.ministry, edxml.build_status(message))

    assert _receive(office, status("03", "Đã vào sổ đến số 412"), "s-1").outcome == "accepted"
    recipient = document.recipients.get()
    assert recipient.status == Recipient.Status.REGISTERED and recipient.status_note == "Đã vào sổ đến số 412"
    _receive(office, status("01"), "s-2")  # late
    recipient.refresh_from_db()
    assert recipient.status == Recipient.Status.REGISTERED
    _receive(office, status("06"), "s-3")
    recipient.refresh_from_db()
    assert recipient.status == Recipient.Status.DONE
    other = edxml.Status(edxml.ResponseFor("000.00.31.H01", "99/UBND", None, "000.00.31.H01,2026/01/01,99/UBND"),
                         government, "03", dt.datetime(2026, 12, 7, 9, 0))
    assert _receive(office, _signed(pki.ministry, edxml.build_status(other)), "s-4").outcome == "unmatched"


@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True)
def test_sent_never_takes_back_a_status_that_came_in_while_the_package_was_posted(certified, monkeypatch):
    """A package sent again after a crash: the recipient answered it long ago, and another worker's pull
    records its "done" while this relay posts the package (a duplicate); "sent" must not overwrite it."""
    office = certified
    letter, _created = DocumentType.objects.get_or_create(code="cong-van", defaults={"name": "Công văn"})
    monkeypatch.setattr("outbox.services.kick", lambda: None)  # the relay runs when the test says
    document = _issued_outside(office, letter)
    recipient = document.recipients.get()

    def pulled_meanwhile():
        try:
            with transaction.atomic():
                row = Recipient.objects.select_for_update().get(pk=recipient.pk)
                recipient_status_set(row, status=Recipient.Status.DONE)
        finally:
            connection.close()

    def send(package, *, message_id):
        pull = threading.Thread(target=pulled_meanwhile)
        pull.start()
        pull.join(10)
        return {"id": "e-1", "status": "duplicate"}

    monkeypatch.setattr(client, "organ_register", lambda organ_id, name: {"organ_id": organ_id})
    monkeypatch.setattr(client, "send", send)
    assert relay_until_empty(max_seconds=5).delivered == 1
    recipient.refresh_from_db()
    assert recipient.status == Recipient.Status.DONE


def test_our_handling_sends_the_sender_each_status(office, letter_type, trusted):
    record = _receive(office, _signed(trusted.ministry, edxml.build_package(_package("000.00.31.H01"))))
    incoming_services.incoming_register(document=record.document, clerk=office.clerk, present_to=office.leader)
    assert [m.payload["code"] for m in _axis_messages("axis:G09")] == ["01", "03"]
    record.document.refresh_from_db()  # what the sender's clerk reads with 03: the number it was registered under
    assert _axis_messages("axis:G09").last().payload["description"] == (
        f"Văn thư đã tiếp nhận, vào sổ văn bản đến số {record.document.arrival_number}.")
    second = _receive(office, _signed(trusted.ministry, edxml.build_package(_package(
        "000.00.31.H01", document_id=f"{MINISTRY},2026/12/02,126/BNV-CQĐP", code_number="126"))), "m-2")
    incoming_services.incoming_refuse(document=second.document, clerk=office.clerk, reason="Gửi nhầm cơ quan")
    refusal = _axis_messages("axis:G09").last()
    assert refusal.payload["code"] == "02" and refusal.payload["description"] == "Gửi nhầm cơ quan"


def test_a_reply_links_to_our_document_through_response_for(certified, letter_type, trusted):
    office = certified
    document = _issued_outside(office, letter_type)
    reply = _package("000.00.31.H01", response_for=[edxml.ResponseFor(
        "000.00.31.H01", document.number_display, document.issued_date, packing.document_id(document))])
    record = _receive(office, _signed(trusted.ministry, edxml.build_package(reply)))
    assert record.document.reply_to == document
    assert document.events.filter(kind="replied").exists()


def test_a_revocation_withdraws_our_copy_and_answers_15(office, letter_type, trusted):
    record = _receive(office, _signed(trusted.ministry, edxml.build_package(_package("000.00.31.H01"))))
    revocation = _package("000.00.31.H01", business=edxml.REVOCATION, business_reason="Ban hành nhầm", attachments=[])
    _receive(office, _signed(trusted.ministry, edxml.build_package(revocation)), "m-2")
    copy = Document.objects.get(pk=record.document.pk)
    assert copy.state == Document.State.RECALLED and not copy.files.exists()
    assert [m.payload["code"] for m in _axis_messages("axis:G09")] == ["01", "15"]
    unknown = _package("000.00.31.H01", document_id=f"{MINISTRY},2026/12/01,1/BNV", business=edxml.REVOCATION,
                       attachments=[])
    assert _receive(office, _signed(trusted.ministry, edxml.build_package(unknown)), "m-3").outcome == "unmatched"
    assert _axis_messages("axis:G09").last().payload["code"] == "16"


def test_what_is_not_xml_is_stored_as_it_came_and_refused(office, trusted):
    record = _receive(office, b"not xml at all", "m-9")
    assert record.outcome == "refused" and record.error_code == "not_xml"
    assert "m-9" in record.raw.name and record.raw.read() == b"not xml at all"


def test_a_hostile_business_type_before_the_schema_check_is_refused_not_a_crash(office, trusted):
    data = edxml.build_package(_package("000.00.31.H01")).replace(
        b"<edXML:BussinessDocType>0<", b"<edXML:BussinessDocType>99999999999<")
    record = _receive(office, _signed(trusted.ministry, data))
    assert record.outcome == "refused" and record.error_code == "schema" and record.business is None


def test_status_13_from_the_sender_takes_its_document_back_like_a_revocation(office, letter_type, trusted):
    package = _package("000.00.31.H01")
    record = _receive(office, _signed(trusted.ministry, edxml.build_package(package)))
    taken_back = edxml.Status(edxml.ResponseFor(MINISTRY, "125/BNV-CQĐP", dt.date(2026, 12, 1), package.document_id),
                              edxml.Organ(MINISTRY, "Bộ Nội vụ"), "13", dt.datetime(2026, 12, 7, 9, 0), "Gửi nhầm")
    _receive(office, _signed(trusted.ministry, edxml.build_status(taken_back)), "s-13")
    copy = Document.objects.get(pk=record.document.pk)
    assert copy.state == Document.State.RECALLED
    assert [m.payload["code"] for m in _axis_messages("axis:G09")] == ["01", "15"]


def test_the_draft_form_reads_outside_recipients_by_code_by_code_and_name_or_by_name(office):
    from documents.web.outgoing_forms import DraftForm

    form = DraftForm(user=office.specialist)
    form.cleaned_data = {"outside": "000.00.00.G09\n000.00.00.G22 | Văn phòng Chính phủ\nBáo Quảng Ninh\n\n"}
    assert [(spec.external_organ_id, spec.external_name) for spec in form.recipients()] == [
        ("000.00.00.G09", ""), ("000.00.00.G22", "Văn phòng Chính phủ"), ("", "Báo Quảng Ninh")]
