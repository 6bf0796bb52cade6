"""Arrivals for the incoming tests, without the outgoing flow: an issued outgoing document of one agency built
by hand, with its recipient row, delivered to another agency in the portal (documents.services.delivery)."""

from __future__ import annotations

import datetime as dt

from fpdf import FPDF

from documents.models import Document, DocumentType, Recipient
from documents.services.delivery import deliver_internal
from documents.services.files import file_store
from signatures import services as signature_services
from tests.factories import UserFactory

PIN = "246813"


def pdf(text: str = "Về việc tổ chức Ngày hội đại đoàn kết toàn dân tộc") -> bytes:
    import font_roboto

    document = FPDF()
    document.add_font("Roboto", "", font_roboto.Roboto)
    document.set_font("Roboto", size=13)
    document.add_page()
    document.multi_cell(0, 8, f"CÔNG VĂN\n{text}")
    return bytes(document.output())


def signed_pdf(leader, *, text: str = "Về việc tổ chức Ngày hội đại đoàn kết toàn dân tộc") -> bytes:
    """A PDF signed by ``leader`` with a certificate of the portal's CA (set up here if it is not)."""
    from signatures.models import CertificateAuthority

    if not CertificateAuthority.objects.exists():
        signature_services.ca_init()
    admin = UserFactory(admin=True, username=f"admin-{leader.username}", agency=leader.agency)
    request = signature_services.certificate_request_create(admin=admin, official=leader)
    request = signature_services.certificate_request_approve(request=request, admin=admin)
    signature_services.certificate_issue(request=request, official=leader, pin=PIN, pin_confirm=PIN)
    holder = signature_services.signer_open(user=leader, pin=PIN)
    return signature_services.document_sign(content=pdf(text), signer=holder, user=leader, purpose="test",
                                            reason="Ký ban hành", location="Tân Hòa")


def tampered(content: bytes) -> bytes:
    """One byte of the signed content changed (inside the page text, not the signature)."""
    index = content.index(b"stream") + 20
    return content[:index] + bytes([content[index] ^ 0x01]) + content[index + 1:]


def send(sender, to, *, content: bytes | None = None, number: str = "12", notation: str = "UBND-VX",
         subject: str = "Về việc tổ chức Ngày hội đại đoàn kết toàn dân tộc", urgency: int = 0, secrecy: int = 0,
         issued: dt.date = dt.date(2026, 2, 10), type_code: str = "cong-van", due_date: dt.date | None = None,
         with_file: bool = True) -> Document:
    """``sender``'s issued document delivered to ``to``: the recipient agency's copy, state "arrived"."""
    outgoing = Document.objects.create(
        agency=sender.agency, direction="outgoing", state="issued", document_type=DocumentType.objects.get(
            code=type_code), code_number=number, code_notation=notation, issued_date=issued,
        organ_id=sender.agency.code, organ_name=sender.agency.name, subject=subject, urgency=urgency,
        secrecy=secrecy, created_by=sender.specialist, signer_name="Trần Văn Chủ Tịch", signer_position="Chủ tịch",
        due_date=due_date)
    if with_file:
        file_store(document=outgoing, kind="main", name="cong-van.pdf", content=content or pdf(subject), user=None)
    recipient = Recipient.objects.create(document=outgoing, agency=to.agency, status=Recipient.Status.SENT)
    return deliver_internal(recipient)


def recipient_of(incoming: Document) -> Recipient:
    return Recipient.objects.get(pk=incoming.delivery_id)
