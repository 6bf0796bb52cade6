"""edXML (QCVN 102:2016/BTTTT), the format of the national document axis: a document package (``edXML``:
the message header, the trace header with the business type, a manifest, and the files base64-encoded) and
a status message (``Status``: what the recipient did with a document, codes 01–06, 13, 15, 16). Field names
are edXML's own (../shared/domain/document-exchange-edxml.md).

Pure Python on lxml, without Django, so the mock axis (axis/mock/) and the portal share it. ``build_*``
write unsigned XML (axis.xmlsig signs it); ``read`` parses what arrives from outside: size-limited, no DTD,
no entities, no network, validated against ``edxml.xsd``; any failure is a ``PackageError`` whose ``code``
says which check failed and whose ``detail`` is the text sent back with status 02."""

from __future__ import annotations

import base64
import binascii
import datetime as dt
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from lxml import etree

NS = "http://www.mic.gov.vn/TBT/QCVN_102_2016"
DSIG = "http://www.w3.org/2000/09/xmldsig#"
DATE = "%Y/%m/%d"
TIMESTAMP = "%Y/%m/%d %H:%M:%S"
MAX_BYTES = 40 * 1024 * 1024

# TraceHeaderList/Bussiness/BussinessDocType
NEW, REVOCATION, UPDATE, REPLACEMENT = 0, 1, 2, 3
# Status/StatusCode
ARRIVED, REFUSED, REGISTERED, ASSIGNED, IN_PROGRESS, DONE = "01", "02", "03", "04", "05", "06"
TAKEN_BACK, CHANGE_AGREED, CHANGE_REFUSED = "13", "15", "16"
STATUS_CODES = (ARRIVED, REFUSED, REGISTERED, ASSIGNED, IN_PROGRESS, DONE, TAKEN_BACK, CHANGE_AGREED,
                CHANGE_REFUSED)


class PackageError(Exception):
    """What arrived is not a package we take. ``code``: too_large, not_xml, forbidden (DTD or entities),
    schema, unsigned, signature, certificate, attachment, unknown_document, not_addressed."""

    def __init__(self, code: str, detail: str):
        super().__init__(f"{code}: {detail}")
        self.code, self.detail = code, detail


@dataclass
class Organ:
    organ_id: str
    name: str = ""
    in_charge: str = ""
    address: str = ""
    email: str = ""
    telephone: str = ""


@dataclass
class ResponseFor:
    organ_id: str
    code: str
    promulgation_date: dt.date | None
    document_id: str


@dataclass
class Attachment:
    name: str
    content: bytes
    content_type: str = "application/pdf"
    description: str = ""
    content_id: str = ""


@dataclass
class Package:
    """A document package: new, revocation, update or replacement (``business``)."""

    sender: Organ
    recipients: list[Organ]
    document_id: str
    code_number: str
    code_notation: str
    subject: str
    type_name: str
    place: str = ""
    promulgation_date: dt.date | None = None
    signer_competence: str = ""
    signer_position: str = ""
    signer_name: str = ""
    due_date: dt.date | None = None
    priority: int = 0
    promulgation_amount: int = 0
    page_amount: int = 0
    content: str = ""
    to_places: list[str] = field(default_factory=list)
    response_for: list[ResponseFor] = field(default_factory=list)
    business: int = NEW
    business_reason: str = ""
    replaces: list[tuple[str, list[str]]] = field(default_factory=list)  # (DocumentId, OrganIds)
    trace: list[tuple[str, dt.datetime]] = field(default_factory=list)
    attachments: list[Attachment] = field(default_factory=list)


@dataclass
class Status:
    """A status message about ``response_for`` (a document ``sender`` received, or a change it was asked
    to accept)."""

    response_for: ResponseFor
    sender: Organ
    code: str
    timestamp: dt.datetime
    description: str = ""
    staff: str = ""
    department: str = ""


def document_id(organ_id: str, date: dt.date | None, code: str) -> str:
    """edXML DocumentId: "<OrganId>,<yyyy/MM/dd>,<số>/<ký hiệu>"."""
    return f"{organ_id},{date.strftime(DATE) if date else ''},{code}"


# Writing ---------------------------------------------------------------------------------------------------

def _el(parent, name: str, text=None):
    element = etree.SubElement(parent, f"{{{NS}}}{name}")
    if text is not None:
        element.text = str(text)
    return element


def _date(value: dt.date | None) -> str:
    return value.strftime(DATE) if value else ""


def _organ(parent, name: str, organ: Organ) -> None:
    element = _el(parent, name)
    _el(element, "OrganId", organ.organ_id)
    if organ.in_charge:
        _el(element, "OrganizationInCharge", organ.in_charge)
    _el(element, "OrganName", organ.name)
    for tag, value in (("OrganAdd", organ.address), ("Email", organ.email), ("Telephone", organ.telephone)):
        if value:
            _el(element, tag, value)


def _response_for(parent, answered: ResponseFor) -> None:
    element = _el(parent, "ResponseFor")
    _el(element, "OrganId", answered.organ_id)
    _el(element, "Code", answered.code)
    _el(element, "PromulgationDate", _date(answered.promulgation_date))
    _el(element, "DocumentId", answered.document_id)


def build_package(package: Package) -> bytes:
    root = etree.Element(f"{{{NS}}}edXML", nsmap={"edXML": NS})
    header = _el(_el(root, "edXMLEnvelope"), "edXMLHeader")
    message = _el(header, "MessageHeader")
    _organ(message, "From", package.sender)
    for recipient in package.recipients:
        _organ(message, "To", recipient)
    _el(message, "DocumentId", package.document_id)
    code = _el(message, "Code")
    _el(code, "CodeNumber", package.code_number)
    _el(code, "CodeNotation", package.code_notation)
    promulgation = _el(message, "PromulgationInfo")
    _el(promulgation, "Place", package.place)
    _el(promulgation, "PromulgationDate", _date(package.promulgation_date))
    kind = _el(message, "DocumentType")
    _el(kind, "TypeName", package.type_name)
    _el(message, "Subject", package.subject)
    if package.content:
        _el(message, "Content", package.content)
    signer = _el(message, "SignerInfo")
    if package.signer_competence:
        _el(signer, "Competence", package.signer_competence)
    _el(signer, "Position", package.signer_position)
    _el(signer, "FullName", package.signer_name)
    if package.due_date:
        _el(message, "DueDate", _date(package.due_date))
    places = _el(message, "ToPlaces")
    for place in package.to_places:
        _el(places, "Place", place)
    other = _el(message, "OtherInfo")
    _el(other, "Priority", package.priority)
    _el(other, "PromulgationAmount", package.promulgation_amount)
    _el(other, "PageAmount", package.page_amount)
    for answered in package.response_for:
        _response_for(message, answered)
    traces = _el(header, "TraceHeaderList")
    for organ_id, when in package.trace:
        trace = _el(traces, "TraceHeader")
        _el(trace, "OrganId", organ_id)
        _el(trace, "Timestamp", when.strftime(TIMESTAMP))
    business = _el(traces, "Bussiness")
    _el(business, "DocumentId", package.document_id)
    _el(business, "BussinessDocType", package.business)
    if package.business_reason:
        _el(business, "BussinessDocReason", package.business_reason)
    if package.replaces:
        replacements = _el(business, "ReplacementInfoList")
        for replaced, organ_ids in package.replaces:
            info = _el(replacements, "ReplacementInfo")
            _el(info, "DocumentId", replaced)
            organs = _el(info, "OrganIdList")
            for organ_id in organ_ids:
                _el(organs, "OrganId", organ_id)
    manifest = _el(_el(header.getparent(), "edXMLBody"), "edXMLManifest")
    encoded = _el(root, "AttachmentEncoded")
    for index, attachment in enumerate(package.attachments, start=1):
        content_id = attachment.content_id or f"cid:{index}"
        reference = _el(manifest, "Reference")
        _el(reference, "ContentId", content_id)
        _el(reference, "ContentType", attachment.content_type)
        if attachment.description:
            _el(reference, "Description", attachment.description)
        _el(reference, "AttachmentName", attachment.name)
        item = _el(encoded, "Attachment")
        _el(item, "ContentId", content_id)
        _el(item, "AttachmentName", attachment.name)
        _el(item, "ContentType", attachment.content_type)
        _el(item, "ContentTransferEncoded", "base64")
        _el(item, "Value", base64.b64encode(attachment.content).decode("ascii"))
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8")


def build_status(status: Status) -> bytes:
    root = etree.Element(f"{{{NS}}}Status", nsmap={"edXML": NS})
    _response_for(root, status.response_for)
    _organ(root, "From", status.sender)
    _el(root, "StatusCode", status.code)
    if status.description:
        _el(root, "Description", status.description[:500])
    _el(root, "Timestamp", status.timestamp.strftime(TIMESTAMP))
    if status.staff or status.department:
        staff = _el(root, "StaffInfo")
        if status.department:
            _el(staff, "Department", status.department)
        if status.staff:
            _el(staff, "Staff", status.staff)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8")


# Reading ---------------------------------------------------------------------------------------------------

def safe_parser() -> etree.XMLParser:
    """No DTD loaded, no entity resolved, nothing fetched, no huge text nodes (a billion laughs or an
    external entity is an error, not an expansion)."""
    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, dtd_validation=False,
                           huge_tree=False, remove_comments=True, remove_pis=True)


@cache
def _schema() -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(Path(__file__).with_name("edxml.xsd")), safe_parser()))


def parse(data: bytes, *, max_bytes: int = MAX_BYTES):
    """The root element of ``data``, parsed safely and checked against the schema."""
    return check(load(data, max_bytes=max_bytes))


def load(data: bytes, *, max_bytes: int = MAX_BYTES):
    """The root element of ``data``, parsed safely (size, no DTD, no entities) but not yet checked."""
    if len(data) > max_bytes:
        raise PackageError("too_large", f"Gói tin {len(data)} byte, vượt giới hạn {max_bytes} byte.")
    if b"<!DOCTYPE" in data[:4096].upper() or b"<!ENTITY" in data.upper():
        raise PackageError("forbidden", "Gói tin có khai báo DTD hoặc thực thể (DOCTYPE/ENTITY): không được phép.")
    try:
        root = etree.fromstring(data, safe_parser())
    except etree.XMLSyntaxError as error:
        raise PackageError("not_xml", f"Gói tin không phải XML hợp lệ: {error}") from None
    if root.getroottree().docinfo.doctype:
        raise PackageError("forbidden", "Gói tin có khai báo DTD: không được phép.")
    return root


def check(root):
    """``root`` when it is signed and valid against the schema."""
    if root.find(f"{{{DSIG}}}Signature") is None:
        raise PackageError("unsigned", "Gói tin không có chữ ký số XML (Signature).")
    schema = _schema()
    if not schema.validate(root):
        error = schema.error_log.last_error
        raise PackageError("schema", f"Gói tin không đúng cấu trúc edXML (dòng {error.line}): {error.message}")
    return root


def kind_of(root) -> str:
    """"edoc" for a document package, "status" for a status message."""
    return "status" if etree.QName(root).localname == "Status" else "edoc"


def _text(element, path: str) -> str:
    found = element.find(path, {"e": NS})
    return (found.text or "").strip() if found is not None else ""


def _parse_date(value: str) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.datetime.strptime(value, DATE).date()
    except ValueError:
        raise PackageError("schema", f"Ngày không hợp lệ: {value}") from None


def _parse_timestamp(value: str) -> dt.datetime:
    try:
        return dt.datetime.strptime(value, TIMESTAMP)
    except ValueError:
        raise PackageError("schema", f"Thời điểm không hợp lệ: {value}") from None


def _read_organ(element) -> Organ:
    return Organ(organ_id=_text(element, "e:OrganId"), name=_text(element, "e:OrganName"),
                 in_charge=_text(element, "e:OrganizationInCharge"), address=_text(element, "e:OrganAdd"),
                 email=_text(element, "e:Email"), telephone=_text(element, "e:Telephone"))


def _read_response_for(element) -> ResponseFor:
    return ResponseFor(organ_id=_text(element, "e:OrganId"), code=_text(element, "e:Code"),
                       promulgation_date=_parse_date(_text(element, "e:PromulgationDate")),
                       document_id=_text(element, "e:DocumentId"))


def read_package(root) -> Package:
    """The package in ``root`` (from ``parse``), its attachments decoded and matched to the manifest."""
    message = root.find("e:edXMLEnvelope/e:edXMLHeader/e:MessageHeader", {"e": NS})
    traces = root.find("e:edXMLEnvelope/e:edXMLHeader/e:TraceHeaderList", {"e": NS})
    ns = {"e": NS}
    business = traces.find("e:Bussiness", ns)
    package = Package(
        sender=_read_organ(message.find("e:From", ns)),
        recipients=[_read_organ(to) for to in message.findall("e:To", ns)],
        document_id=_text(message, "e:DocumentId"), code_number=_text(message, "e:Code/e:CodeNumber"),
        code_notation=_text(message, "e:Code/e:CodeNotation"), subject=_text(message, "e:Subject"),
        type_name=_text(message, "e:DocumentType/e:TypeName"), place=_text(message, "e:PromulgationInfo/e:Place"),
        promulgation_date=_parse_date(_text(message, "e:PromulgationInfo/e:PromulgationDate")),
        signer_competence=_text(message, "e:SignerInfo/e:Competence"),
        signer_position=_text(message, "e:SignerInfo/e:Position"),
        signer_name=_text(message, "e:SignerInfo/e:FullName"),
        due_date=_parse_date(_text(message, "e:DueDate")),
        priority=int(_text(message, "e:OtherInfo/e:Priority") or 0),
        promulgation_amount=int(_text(message, "e:OtherInfo/e:PromulgationAmount") or 0),
        page_amount=int(_text(message, "e:OtherInfo/e:PageAmount") or 0),
        content=_text(message, "e:Content"),
        to_places=[(place.text or "").strip() for place in message.findall("e:ToPlaces/e:Place", ns)],
        response_for=[_read_response_for(answered) for answered in message.findall("e:ResponseFor", ns)],
        business=int(_text(business, "e:BussinessDocType")), business_reason=_text(business, "e:BussinessDocReason"),
        replaces=[(_text(info, "e:DocumentId"), [(o.text or "").strip() for o in info.findall("e:OrganIdList/e:OrganId", ns)])
                  for info in business.findall("e:ReplacementInfoList/e:ReplacementInfo", ns)],
        trace=[(_text(trace, "e:OrganId"), _parse_timestamp(_text(trace, "e:Timestamp")))
               for trace in traces.findall("e:TraceHeader", ns)],
    )
    listed = {_text(reference, "e:ContentId"): reference
              for reference in root.findall("e:edXMLEnvelope/e:edXMLBody/e:edXMLManifest/e:Reference", ns)}
    for item in root.findall("e:AttachmentEncoded/e:Attachment", ns):
        content_id = _text(item, "e:ContentId")
        reference = listed.pop(content_id, None)
        if reference is None:
            raise PackageError("attachment", f"Tệp đính kèm {content_id} không có trong danh mục (manifest).")
        try:
            content = base64.b64decode(_text(item, "e:Value"), validate=True)
        except (binascii.Error, ValueError):
            raise PackageError("attachment", f"Tệp đính kèm {content_id} không giải mã được (base64).") from None
        package.attachments.append(Attachment(
            name=_text(item, "e:AttachmentName"), content=content, content_type=_text(item, "e:ContentType"),
            description=_text(reference, "e:Description"), content_id=content_id))
    if listed:
        raise PackageError("attachment", "Danh mục (manifest) liệt kê tệp không có trong gói tin: "
                           + ", ".join(sorted(listed)))
    return package


def read_status(root) -> Status:
    staff = root.find("e:StaffInfo", {"e": NS})
    return Status(response_for=_read_response_for(root.find("e:ResponseFor", {"e": NS})),
                  sender=_read_organ(root.find("e:From", {"e": NS})), code=_text(root, "e:StatusCode"),
                  timestamp=_parse_timestamp(_text(root, "e:Timestamp")), description=_text(root, "e:Description"),
                  staff=_text(staff, "e:Staff") if staff is not None else "",
                  department=_text(staff, "e:Department") if staff is not None else "")


@dataclass(frozen=True)
class Route:
    """What the axis needs to route a message: who sends it, to whom, about which document."""

    kind: str  # edoc | status
    sender: str
    recipients: tuple[str, ...]
    document_id: str
    business: int | None = None
    status_code: str = ""


def route_guess(root) -> Route | None:
    """The route of a message that may not be valid (to tell its sender why it was refused), or None."""
    try:
        return route(root)
    except (AttributeError, TypeError, ValueError):
        return None


def route(root) -> Route:
    ns = {"e": NS}
    if kind_of(root) == "status":
        return Route("status", _text(root, "e:From/e:OrganId"), (_text(root, "e:ResponseFor/e:OrganId"),),
                     _text(root, "e:ResponseFor/e:DocumentId"), status_code=_text(root, "e:StatusCode"))
    message = root.find("e:edXMLEnvelope/e:edXMLHeader/e:MessageHeader", ns)
    business = root.find("e:edXMLEnvelope/e:edXMLHeader/e:TraceHeaderList/e:Bussiness/e:BussinessDocType", ns)
    return Route("edoc", _text(message, "e:From/e:OrganId"),
                 tuple(_text(to, "e:OrganId") for to in message.findall("e:To", ns)),
                 _text(message, "e:DocumentId"), business=int(business.text))
