"""An outbox message of the document exchange (documents/exchange.py) as the signed edXML the axis carries:
the document's header in edXML's names, its main file and attachments encoded with their manifest, the trace
header with the business type, and the XML signature of the sending agency's organisation certificate.
Packed when sent, from the document as it is (an issued document does not change); the files' SHA-256 are
checked against what was stored, so a file altered in storage is never sent as the agency's."""

from __future__ import annotations

import datetime as dt
import hashlib
import zoneinfo

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from axis import edxml, xmlsig
from axis.models import ReceivedMessage
from documents.models import Document, DocumentFile, Recipient
from documents.services.files import file_read
from signatures.errors import SignatureError
from signatures.services.signing import organisation_signer
from units.models import Agency
from units.validators import agency_code_printed

VIETNAM = zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")


class PackingError(Exception):
    """The message cannot be packed as it is (no organisation certificate, a file altered, the document gone):
    a dead letter with this reason, resent by an admin once it is fixed."""


def printed(code: str) -> str:
    try:
        return agency_code_printed(code)
    except ValidationError:  # a code typed before codes were checked: sent as it is, the axis says if it is wrong
        return code


def document_id(document: Document) -> str:
    return edxml.document_id(printed(document.organ_id), document.issued_date, document.number_display)


def original_document_id(incoming: Document) -> str:
    """The DocumentId of a document that arrived over the axis, exactly as its sender wrote it."""
    found = (ReceivedMessage.objects.filter(document=incoming, kind=ReceivedMessage.Kind.EDOC)
             .values_list("edxml_id", flat=True).first())
    return found or document_id(incoming)


def _local(when: dt.datetime) -> dt.datetime:
    return timezone.localtime(when, VIETNAM).replace(tzinfo=None)


def _organ(agency: Agency) -> edxml.Organ:
    return edxml.Organ(organ_id=printed(agency.code), name=agency.name)


class Signers:
    """The agencies' organisation keys opened for one batch of the relay: each agency's certificate is looked
    up and its key opened once a batch rather than once a package. One batch only, so a certificate revoked
    or renewed meanwhile is seen by the next batch."""

    def __init__(self):
        self._opened: dict[int, tuple] = {}

    def sign(self, agency: Agency, data: bytes) -> bytes:
        if agency.pk not in self._opened:
            try:
                self._opened[agency.pk] = organisation_signer(agency)
            except SignatureError as error:
                raise PackingError(str(error)) from error
        holder, intermediates = self._opened[agency.pk]
        return xmlsig.sign(data, key=holder.key, chain=[holder.certificate, *intermediates])


def _attachments(document: Document) -> list[edxml.Attachment]:
    files = document.files.filter(kind__in=(DocumentFile.Kind.MAIN, DocumentFile.Kind.ATTACHMENT)).order_by(
        "kind", "version", "id").defer("text")  # a file's text, for search, can be long: not needed here
    attachments = []
    for stored in files:
        content = file_read(stored)
        if hashlib.sha256(content).hexdigest() != stored.sha256:
            raise PackingError(f"The stored file {stored.name} no longer matches its SHA-256: not sent.")
        description = "Văn bản chính" if stored.kind == DocumentFile.Kind.MAIN else "Phụ lục kèm theo"
        attachments.append(edxml.Attachment(name=stored.name, content=content, description=description))
    if not attachments:
        raise PackingError("The document has no signed file to send.")
    return attachments


def pack_document(payload: dict, *, now: dt.datetime | None = None,
                  signers: Signers | None = None) -> tuple[bytes, Recipient]:
    """A new document, its replacement or its revocation to one outside recipient. ``signers``: the keys
    opened for the batch this message is sent in (a fresh one when None)."""
    now = now or timezone.now()
    # The answered or replaced document is read only when there is one (most have none): joined here, the
    # two copies of the documents' table made this read several times slower.
    document = Document.objects.select_related("agency__unit", "document_type").filter(
        uuid=payload["document"]).order_by("pk").first()
    # In their order on the document, without the recipients' default order (by the document's own order,
    # which joins the documents' table again).
    recipients = list(document.recipients.select_related("agency", "unit").order_by("position", "id")) \
        if document is not None else []
    recipient = next((r for r in recipients if r.pk == payload.get("recipient")), None)
    if recipient is None:
        raise PackingError("The document or its recipient no longer exists.")
    recipient.document = document  # its status, once sent, is recorded in the document's trail
    lines = [line for line in document.authority_line.splitlines() if line.strip()]
    business = int(payload.get("business", edxml.NEW))
    package = edxml.Package(
        sender=_organ(document.agency),
        recipients=[edxml.Organ(organ_id=printed(recipient.external_organ_id), name=recipient.external_name)],
        document_id=document_id(document), code_number=document.code_number, code_notation=document.code_notation,
        subject=document.subject, type_name=document.document_type.name,
        place=document.agency.unit.name if document.agency.unit_id else "", promulgation_date=document.issued_date,
        signer_competence=" ".join(lines[:-1])[:200], signer_position=document.signer_position[:100],
        signer_name=document.signer_name, due_date=document.due_date, priority=document.priority,
        promulgation_amount=document.issued_amount or 0, page_amount=document.page_amount or 0,
        to_places=[r.name[:200] for r in recipients],
        business=business, business_reason=payload.get("reason", "") if business == edxml.REVOCATION else "",
        trace=[(printed(document.agency.code), _local(now))],
        attachments=[] if business == edxml.REVOCATION else _attachments(document),
    )
    answered = document.reply_to
    if answered is not None and answered.channel == Document.Channel.AXIS:
        package.response_for.append(edxml.ResponseFor(
            organ_id=printed(answered.organ_id), code=answered.number_display,
            promulgation_date=answered.issued_date, document_id=original_document_id(answered)))
    if business == edxml.REPLACEMENT and document.replaces is not None:
        package.replaces.append((document_id(document.replaces), [printed(recipient.external_organ_id)]))
    return (signers or Signers()).sign(document.agency, edxml.build_package(package)), recipient


def pack_status(payload: dict, *, now: dt.datetime | None = None, signers: Signers | None = None) -> bytes:
    """A status message about a document we received over the axis (or about a package we refused before it
    became one: its ``response_for`` is in the payload)."""
    now = now or timezone.now()
    when = parse_datetime(payload.get("at") or "") or now
    if payload.get("response_for"):
        answered = payload["response_for"]
        agency = Agency.objects.filter(pk=payload.get("agency")).first()
        response_for = edxml.ResponseFor(organ_id=answered["organ_id"], code=answered.get("code", ""),
                                         promulgation_date=None, document_id=answered["document_id"])
    else:
        incoming = Document.objects.select_related("agency").filter(uuid=payload.get("document")).first()
        if incoming is None:
            raise PackingError("The document this status is about no longer exists.")
        agency = incoming.agency
        response_for = edxml.ResponseFor(organ_id=printed(incoming.organ_id), code=incoming.number_display,
                                         promulgation_date=incoming.issued_date,
                                         document_id=original_document_id(incoming))
    if agency is None:
        raise PackingError("The agency this status comes from no longer exists.")
    status = edxml.Status(response_for=response_for, sender=_organ(agency), code=payload["code"],
                          timestamp=_local(when), description=payload.get("description", ""),
                          staff=payload.get("staff", "")[:100])
    return (signers or Signers()).sign(agency, edxml.build_status(status))
