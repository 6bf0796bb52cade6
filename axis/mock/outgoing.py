"""What the external organs send of their own accord (POST /admin/send): a new document, a reply to one of
the province's (ResponseFor filled from its DocumentId), or the revocation of a document the organ sent
earlier. A document carries a small real PDF of its text, signed with pyHanko by the organ's certificate,
and the package is signed with the same certificate (XML-DSig). For the portal's tests the package can
also come unsigned, or with a signature that no longer matches (``tamper``)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import uuid
from functools import cache

import font_roboto
from asn1crypto import keys as asn1_keys
from asn1crypto import x509 as asn1_x509
from cryptography.hazmat.primitives import serialization
from fpdf import FPDF, XPos, YPos
from lxml import etree
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.sign import fields, signers
from pyhanko_certvalidator.registry import SimpleCertificateStore

from axis import edxml
from axis.mock.organs import EXTERNAL, PROFILES, vietnam_now
from axis.mock.pki import Holder, Pki
from axis.mock.store import Store
from portal.asyncrun import run_coroutine


class SendError(Exception):
    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status, self.message = status, message


def _text(values: dict, name: str, default: str, limit: int, *, required: bool = False) -> str:
    value = values.get(name, default)
    if value is None:
        value = default
    if not isinstance(value, str) or len(value) > limit or (required and not value.strip()) or "\x00" in value:
        raise SendError(400, f"{name}: text of at most {limit} characters expected")
    return value.strip()


def _date(values: dict, name: str) -> dt.date | None:
    value = values.get(name)
    if not value:
        return None
    try:
        return dt.datetime.strptime(value, edxml.DATE).date()
    except (TypeError, ValueError):
        raise SendError(400, f"{name}: a date yyyy/MM/dd expected") from None


def _response_for(document_id: str) -> edxml.ResponseFor:
    """A DocumentId "<OrganId>,<yyyy/MM/dd>,<number>/<notation>" says everything ResponseFor holds."""
    organ_id, _, rest = document_id.partition(",")
    date, _, code = rest.partition(",")
    try:
        promulgation_date = dt.datetime.strptime(date, edxml.DATE).date() if date else None
    except ValueError:
        promulgation_date = None
    if not organ_id or not code or (date and promulgation_date is None):
        raise SendError(400, "response_for: a DocumentId <OrganId>,<yyyy/MM/dd>,<number>/<notation> expected")
    return edxml.ResponseFor(organ_id=organ_id, code=code, promulgation_date=promulgation_date,
                             document_id=document_id)


def send(values: dict, *, store: Store, pki: Pki) -> dict:
    """Put the package ``values`` describe in our organ's mailbox; {"id": the mailbox entry, "document_id"}."""
    sender, recipient = values.get("from"), values.get("to")
    if sender not in EXTERNAL:
        raise SendError(422, f"from: {sender!r} is not an external organ")
    to = store.organ(recipient) if isinstance(recipient, str) else None
    if to is None or not to["system"]:
        raise SendError(422, f"to: {recipient!r} is not an organ of a client system")
    business = values.get("business", edxml.NEW)
    if business not in (edxml.NEW, edxml.REVOCATION):
        raise SendError(400, "business: 0 (a new document) or 1 (a revocation)")
    if business == edxml.REVOCATION:
        package = _revocation(values, store=store, sender=sender, recipient=recipient)
    else:
        package = _document(values, store=store, pki=pki, sender=sender, to=to)
    data = edxml.build_package(package)
    if not values.get("unsigned"):
        data = pki.sign(sender, data)
        if values.get("tamper"):
            data = _tampered(data)
    route = edxml.route(etree.fromstring(data, edxml.safe_parser()))
    _id, entries, _new = store.accept(
        origin=f"organ:{sender}", key=uuid.uuid4().hex, kind="edoc", sender=sender, recipients=[recipient],
        document_id=route.document_id, business=business, status_code="", body=data, counter="sent_by_organs",
        description=package.business_reason or package.subject)
    return {"id": entries[0], "document_id": package.document_id}


def _document(values: dict, *, store: Store, pki: Pki, sender: str, to: dict) -> edxml.Package:
    profile, today = PROFILES[sender], vietnam_now().date()
    priority = values.get("priority", 0)
    if not isinstance(priority, int) or not 0 <= priority <= 4:
        raise SendError(400, "priority: 0 to 4")
    # Numbers below 10 are written with a leading zero (Decree 30/2020, Appendix I), as the portal does.
    number = _text(values, "code_number", "", 11) or f"{store.next_number(f'document:{sender}:{today.year}'):02d}"
    notation = _text(values, "code_notation", profile.notation, 30, required=True)
    replying = values.get("response_for")
    if replying is not None and not isinstance(replying, str):
        raise SendError(400, "response_for: a DocumentId expected")
    package = edxml.Package(
        sender=edxml.Organ(sender, EXTERNAL[sender]), recipients=[edxml.Organ(to["organ_id"], to["name"])],
        document_id=edxml.document_id(sender, today, f"{number}/{notation}"), code_number=number,
        code_notation=notation, promulgation_date=today, place=profile.place,
        subject=_text(values, "subject", "Về việc trao đổi văn bản điện tử qua Trục liên thông", 500, required=True),
        content=_text(values, "content", "", 2000),
        type_name=_text(values, "type_name", "Công văn", 100, required=True),
        signer_competence=_text(values, "signer_competence", "", 200),
        signer_position=_text(values, "signer_position", profile.signer_position, 100, required=True),
        signer_name=_text(values, "signer_name", profile.signer_name, 50, required=True),
        priority=priority, due_date=_date(values, "due_date"), to_places=[to["name"]],
        response_for=[_response_for(replying)] if replying else [], trace=[(sender, vietnam_now())],
        promulgation_amount=1, page_amount=1,
    )
    pdf = _signed_pdf(_pdf(package), pki.organs[sender], pki.root.certificate, profile.place)
    package.attachments = [edxml.Attachment(name=f"{number}-{notation}.pdf".replace("/", "-"), content=pdf,
                                            description=package.subject[:200])]
    return package


def _revocation(values: dict, *, store: Store, sender: str, recipient: str) -> edxml.Package:
    """The revoked document's header again, business 1 and the reason, without the files."""
    document_id = _text(values, "document_id", "", 200)
    original = store.last_sent(origin=f"organ:{sender}", recipient=recipient, document_id=document_id)
    if original is None:
        raise SendError(404, "no document of that organ to revoke" + (f": {document_id}" if document_id else ""))
    try:
        package = edxml.read_package(edxml.parse(original))
    except edxml.PackageError as error:  # sent unsigned or tampered: our own, but not readable again
        raise SendError(422, f"the document to revoke cannot be read again: {error.detail}") from None
    return dataclasses.replace(
        package, business=edxml.REVOCATION, attachments=[], trace=[(sender, vietnam_now())],
        business_reason=_text(values, "reason", "Văn bản ban hành không đúng thẩm quyền, đề nghị thu hồi.", 500,
                              required=True))


def _tampered(data: bytes) -> bytes:
    """The signed package with its subject changed after signing: the signature no longer matches."""
    root = etree.fromstring(data, edxml.safe_parser())
    subject = root.find(".//e:MessageHeader/e:Subject", {"e": edxml.NS})
    subject.text = (subject.text or "") + " (đã bị sửa)"
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8")


def _pdf(package: edxml.Package) -> bytes:
    """A one-page official letter with the package's own text (the layout of Decree 30, roughly)."""
    pdf = FPDF(format="A4")
    pdf.set_margins(25, 20, 15)
    pdf.add_font("Roboto", "", font_roboto.Roboto)
    pdf.add_font("Roboto", "B", font_roboto.RobotoBold)
    pdf.add_page()

    def line(width: float, height: float, text: str, **options) -> None:
        pdf.multi_cell(width, height, text, new_x=XPos.LMARGIN, new_y=YPos.NEXT, **options)

    top = pdf.get_y()
    pdf.set_font("Roboto", "B", 11)
    line(75, 5.5, package.sender.name.upper(), align="C")
    pdf.set_font("Roboto", "", 11)
    line(75, 5.5, f"Số: {package.code_number}/{package.code_notation}", align="C")
    left_bottom = pdf.get_y()
    pdf.set_xy(100, top)
    pdf.set_font("Roboto", "B", 11)
    line(95, 5.5, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc", align="C")
    pdf.set_x(100)
    pdf.set_font("Roboto", "", 11)
    date = package.promulgation_date
    line(95, 5.5, f"{package.place}, ngày {date.day:02d} tháng {date.month:02d} năm {date.year}", align="C")
    pdf.set_y(max(left_bottom, pdf.get_y()) + 6)
    pdf.set_font("Roboto", "B", 13)
    line(0, 7, package.type_name.upper(), align="C")
    pdf.set_font("Roboto", "", 12)
    line(0, 6.5, package.subject, align="C")
    pdf.ln(4)
    line(0, 6.5, "Kính gửi: " + ", ".join(organ.name for organ in package.recipients))
    pdf.ln(2)
    for answered in package.response_for:
        line(0, 6.5, f"Phúc đáp văn bản số {answered.code} của {answered.organ_id}.")
    line(0, 6.5, package.content or (
        f"{package.sender.name} gửi văn bản này qua Trục liên thông văn bản quốc gia (môi trường giả lập) "
        "để quý cơ quan biết và thực hiện."))
    pdf.ln(8)
    pdf.set_x(110)
    pdf.set_font("Roboto", "B", 12)
    signer = "\n".join(filter(None, (package.signer_competence, package.signer_position.upper())))
    line(85, 6.5, f"{signer}\n\n\n{package.signer_name}", align="C")
    return bytes(pdf.output())


@cache
def _registry(root_der: bytes):
    return SimpleCertificateStore.from_certs([asn1_x509.Certificate.load(root_der)])


def _signed_pdf(content: bytes, holder: Holder, root, location: str) -> bytes:
    """An invisible PAdES signature by the organ, its chain embedded."""
    der = serialization.Encoding.DER
    signer = signers.SimpleSigner(
        signing_cert=asn1_x509.Certificate.load(holder.certificate.public_bytes(der)),
        signing_key=asn1_keys.PrivateKeyInfo.load(holder.key.private_bytes(
            der, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())),
        cert_registry=_registry(root.public_bytes(der)))
    metadata = signers.PdfSignatureMetadata(field_name="Signature1", md_algorithm="sha256",
                                            subfilter=fields.SigSeedSubFilter.PADES,
                                            reason="Ký số văn bản điện tử", location=location)
    writer = IncrementalPdfFileWriter(io.BytesIO(content))
    return run_coroutine(lambda: signers.async_sign_pdf(writer, metadata, signer=signer, output=io.BytesIO())
                         ).getvalue()
