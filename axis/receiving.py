"""Reading our agencies' mailboxes on the axis (Celery beat, axis.tasks.pull): each message is fetched, checked
(edxml.parse: size, no DTD or entities, the schema; xmlsig.verify: the signature and its certificate's chain
to a trusted root) and stored once, by the axis's message id, in one transaction with what it does — a new
document in the agency's incoming queue ("arrived", and status 01 back to its sender), a revocation of one
received earlier (15, or 16 when there is none), a status on one of our outgoing documents' recipients — and
acknowledged to the axis only once that transaction has committed. A package that fails a check is kept
with the reason, the clerk sees it, and its sender gets status 02 with that reason."""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import re
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from cryptography import x509
from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils import timezone

from axis import client, connections, edxml, xmlsig
from axis.models import Connection, ReceivedMessage
from axis.packing import printed
from documents import exchange
from documents.models import Document, DocumentFile, DocumentType, Recipient
from documents.services.delivery import copy_withdraw, recipient_status_set
from documents.services.incoming import incoming_receive_exchange
from portal.uploads import PDF_ONLY, Refusal, check_content, file_limit_bytes
from units.models import Agency
from units.validators import normalize_agency_code

logger = logging.getLogger(__name__)
_MESSAGE_ID = re.compile(r"^[A-Za-z0-9-]{1,64}$")
# Another reader skips a mailbox being read; a worker killed while reading holds it no longer than this (a
# second reader meanwhile is harmless: each message is stored once by its id).
PULL_LOCK_SECONDS = 30
M = ReceivedMessage
# What each status code shows the sender on its recipient row; the order progress may not go back on.
STATUS_OF_CODE = {
    edxml.ARRIVED: Recipient.Status.RECEIVED, edxml.REGISTERED: Recipient.Status.REGISTERED,
    edxml.ASSIGNED: Recipient.Status.ASSIGNED, edxml.IN_PROGRESS: Recipient.Status.IN_PROGRESS,
    edxml.DONE: Recipient.Status.DONE, edxml.REFUSED: Recipient.Status.REFUSED,
    edxml.CHANGE_AGREED: Recipient.Status.RECALLED,
}
PROGRESS = [Recipient.Status.PENDING, Recipient.Status.SENT, Recipient.Status.RECEIVED, Recipient.Status.REGISTERED,
            Recipient.Status.ASSIGNED, Recipient.Status.IN_PROGRESS, Recipient.Status.DONE]
FINAL = {Recipient.Status.REFUSED, Recipient.Status.RECALLED}


@dataclass
class PullResult:
    agencies: int = 0
    received: int = 0
    refused: int = 0
    failed: int = 0


def short(organ_id: str) -> str:
    """The code as the portal stores it (units.validators), or as it came when it is not one."""
    try:
        return normalize_agency_code(organ_id)
    except ValidationError:
        return organ_id[:20]


# Trust -----------------------------------------------------------------------------------------------------

def trust_anchors() -> list[x509.Certificate]:
    """The root certificates in the files of AXIS_TRUST_ANCHORS (comma-separated), read again when they change."""
    paths = [Path(p.strip()) for p in settings.AXIS_TRUST_ANCHORS.split(",") if p.strip()]
    stamp = tuple((str(p), p.stat().st_mtime if p.exists() else 0) for p in paths)
    return list(_load(stamp))


@lru_cache(maxsize=8)
def _load(stamp) -> tuple[x509.Certificate, ...]:
    found = []
    for path, mtime in stamp:
        if mtime:
            try:
                found.extend(x509.load_pem_x509_certificates(Path(path).read_bytes()))
            except ValueError:
                logger.error("AXIS_TRUST_ANCHORS: %s holds no readable PEM certificate", path)
    return tuple(found)


# Pulling ---------------------------------------------------------------------------------------------------

def pull(*, limit: int = 50) -> PullResult:
    result = PullResult()
    for agency in connections.agencies_on_axis():
        result.agencies += 1
        pull_agency(agency, limit=limit, result=result)
    return result


def pull_agency(agency: Agency, *, limit: int = 50, result: PullResult | None = None) -> PullResult:
    """Read one agency's mailbox once; a second worker reading it at the same time skips it."""
    result = result or PullResult()
    if not cache.add(f"axis:pull:{agency.pk}", 1, timeout=PULL_LOCK_SECONDS):
        return result
    try:
        connection = Connection.objects.filter(agency=agency, registered_at__isnull=False).first()
        if connection is None:
            connection = connections.connection_register(agency)
        items = [item for item in client.mailbox(printed(agency.code), limit=limit) if _MESSAGE_ID.match(item.id)]
        _read(agency, items, result)
        now = timezone.now()
        Connection.objects.filter(pk=connection.pk).update(last_pull_at=now, last_success_at=now)
    except client.AxisError as error:
        result.failed += 1
        Connection.objects.get_or_create(agency=agency)
        connections.failed(agency.pk, str(error))
        logger.warning("Axis mailbox of %s not read: %s", agency.code, error)
    finally:
        cache.delete(f"axis:pull:{agency.pk}")
    return result


def _read(agency: Agency, items: list[client.MailboxItem], result: PullResult) -> None:
    """Store each listed message not stored yet, and acknowledge each once stored. The axis's round trips
    overlap our work: the next message is fetched, and the ones stored are acknowledged, while this one is
    checked and stored (two requests at a time at most, one message ahead)."""
    known = set(M.objects.filter(message_id__in=[item.id for item in items]).values_list("message_id", flat=True))
    new = [item for item in items if item.id not in known]
    with ThreadPoolExecutor(max_workers=2, thread_name_prefix="axis-pull") as http:
        acks = [http.submit(client.acknowledge, item.id) for item in items if item.id in known]
        fetched = http.submit(client.fetch, new[0].id) if new else None
        for index, item in enumerate(new):
            data = fetched.result()
            fetched = http.submit(client.fetch, new[index + 1].id) if index + 1 < len(new) else None
            try:
                stored = _receive(agency, item, data)
            except Exception:  # a fault of ours: the message stays in the mailbox, the others go on
                logger.exception("Axis message %s of %s not stored; it will be read again", item.id, agency.code)
                continue
            if stored is not None:
                result.received += 1
                result.refused += stored.outcome == M.Outcome.REFUSED
            # After the commit: a crash before the acknowledgement only makes us read the message again.
            acks.append(http.submit(client.acknowledge, item.id))
        for ack in acks:
            ack.result()


def _receive(agency: Agency, item: client.MailboxItem, data: bytes) -> ReceivedMessage | None:
    try:  # message_receive is its own transaction
        return message_receive(agency=agency, message_id=item.id, data=data, listed=item)
    except IntegrityError:  # stored meanwhile by another reader
        return None


# One message -----------------------------------------------------------------------------------------------

@transaction.atomic
def message_receive(*, agency: Agency, message_id: str, data: bytes, listed: client.MailboxItem | None = None,
                    now: dt.datetime | None = None) -> ReceivedMessage:
    """Check, store and apply one message from ``agency``'s mailbox. Never raises for what the message holds:
    a bad one is stored as refused, with its reason."""
    now = now or timezone.now()
    record = M(message_id=message_id, agency=agency, kind=(listed.kind if listed and listed.kind in M.Kind.values
                                                           else M.Kind.EDOC),
               sender_id=short(listed.sender) if listed else "", edxml_id=listed.document_id if listed else "",
               status_code=listed.status_code if listed else "", outcome=M.Outcome.ACCEPTED, size=len(data),
               sha256=hashlib.sha256(data).hexdigest(), received_at=now)
    sender_printed = listed.sender if listed else ""
    root = None
    try:
        root = edxml.load(data, max_bytes=settings.AXIS_MAX_PACKAGE_MB * 1024 * 1024)
        guess = edxml.route_guess(root)  # before the checks: whom to tell if they fail
        if guess is not None and guess.sender:
            record.kind, record.edxml_id = guess.kind, guess.document_id[:200]
            record.business = guess.business if guess.business in (0, 1, 2, 3) else None
            record.sender_id, record.status_code, sender_printed = short(guess.sender), guess.status_code[:2], \
                guess.sender[:20]
        edxml.check(root)
        route = edxml.route(root)
        record.kind, record.edxml_id, record.business = route.kind, route.document_id, route.business
        record.sender_id, record.status_code, sender_printed = short(route.sender), route.status_code, route.sender
        signed, signer = xmlsig.verify(data, root, trust_roots=trust_anchors(), at=now)
        record.signer = signer.subject[:300]
        with transaction.atomic():  # a check that fails half-way leaves nothing of the message behind
            if route.kind == "status":
                _apply_status(record, agency, edxml.read_status(signed))
            else:
                _apply_package(record, agency, edxml.read_package(signed), now=now)
    except edxml.PackageError as error:
        record.outcome, record.error_code, record.error_detail = M.Outcome.REFUSED, error.code, error.detail[:1000]
        record.sender_name = record.sender_name or _claimed_sender(root)
        if record.kind == M.Kind.EDOC and sender_printed and record.edxml_id and record.business != edxml.REVOCATION:
            _refusal_enqueue(agency, sender_printed, record.edxml_id, error.detail)
    record.raw.save(f"{message_id}.xml", ContentFile(data), save=False)
    record.save()
    return record


def _claimed_sender(root) -> str:
    """The sender's name as a refused message states it: not verified, but the clerk needs to know whom to call
    (the code alone says little)."""
    if root is None:
        return ""
    path = ("e:From/e:OrganName" if edxml.kind_of(root) == "status"
            else "e:edXMLEnvelope/e:edXMLHeader/e:MessageHeader/e:From/e:OrganName")
    found = root.find(path, {"e": edxml.NS})
    return (found.text or "").strip()[:200] if found is not None else ""


def _refusal_enqueue(agency: Agency, sender: str, document_id: str, reason: str) -> None:
    """Status 02 "từ chối tiếp nhận" with the reason, for a package that never became a document."""
    exchange.package_status_enqueue(agency_id=agency.pk, sender=short(sender), organ_id=sender,
                                    document_id=document_id, code=edxml.REFUSED, description=reason)


def _apply_package(record: ReceivedMessage, agency: Agency, package: edxml.Package, *, now: dt.datetime) -> None:
    ours = printed(agency.code)
    if ours not in {organ.organ_id for organ in package.recipients}:
        raise edxml.PackageError("not_addressed", f"Gói tin không gửi cho {ours} ({agency.name}).")
    record.sender_name = package.sender.name[:200]
    earlier = (M.objects.filter(agency=agency, sender_id=record.sender_id, edxml_id=record.edxml_id,
                                kind=M.Kind.EDOC, outcome=M.Outcome.ACCEPTED, document__isnull=False)
               .exclude(business=edxml.REVOCATION).select_related("document").first())
    if package.business == edxml.REVOCATION:
        return _revoke(record, earlier, package.business_reason, now=now)
    if earlier is not None:  # the same document sent again (a new package id): kept once
        record.outcome, record.document = M.Outcome.DUPLICATE, earlier.document
        return
    files = _files(package)
    reply_to = next(filter(None, (_our_document(agency, answered.document_id)
                                  for answered in package.response_for)), None)
    document_type = (DocumentType.objects.filter(name__iexact=package.type_name, is_active=True).first()
                     or DocumentType.objects.filter(code="cong-van").first() or DocumentType.objects.first())
    document = incoming_receive_exchange(
        agency=agency, document_type=document_type, subject=package.subject, organ_id=record.sender_id,
        organ_name=package.sender.name, code_number=package.code_number, code_notation=package.code_notation,
        issued_date=package.promulgation_date, signer_position=package.signer_position,
        signer_name=package.signer_name, urgency=min(package.priority, Document.Urgency.FLASH),
        due_date=package.due_date, page_amount=package.page_amount or None, files=files, reply_to=reply_to, now=now)
    record.document = document
    exchange.status_enqueue(document, edxml.ARRIVED, description="Văn bản đã đến hệ thống quản lý văn bản.")


def _files(package: edxml.Package) -> list[tuple[str, object]]:
    files = []
    for index, attachment in enumerate(package.attachments):
        label = "Văn bản chính" if index == 0 else "Phụ lục"
        if len(attachment.content) > file_limit_bytes():
            raise edxml.PackageError("attachment", f"Tệp {attachment.name} vượt quá giới hạn dung lượng.")
        try:
            checked = check_content(attachment.content, name=attachment.name or f"{index + 1}.pdf", label=label,
                                    accepted=PDF_ONLY)
        except Refusal as refusal:
            raise edxml.PackageError("attachment", refusal.message) from None
        files.append((DocumentFile.Kind.MAIN if index == 0 else DocumentFile.Kind.ATTACHMENT, checked))
    if not files:
        raise edxml.PackageError("attachment", "Gói tin không kèm tệp văn bản (PDF).")
    return files


def _revoke(record: ReceivedMessage, earlier: ReceivedMessage | None, reason: str, *, now: dt.datetime) -> None:
    """The sender takes back a document it sent us: our copy withdrawn, and 15 "đồng ý"; 16 when none."""
    copy = earlier.document if earlier is not None else None
    if copy is None:
        record.outcome = M.Outcome.UNMATCHED
        record.error_detail = "No document received earlier matches this revocation."
        exchange.package_status_enqueue(agency_id=record.agency_id, sender=record.sender_id,
                                        organ_id=printed(record.sender_id), document_id=record.edxml_id,
                                        code=edxml.CHANGE_REFUSED, description="Không tìm thấy văn bản cần thu hồi.",
                                        at=now)
        return
    record.document = copy
    if copy.state != Document.State.RECALLED:
        copy = Document.objects.select_for_update().get(pk=copy.pk)
        copy_withdraw(copy, actor=None, reason=reason or "Bên gửi thu hồi văn bản.", now=now)
    exchange.status_enqueue(copy, edxml.CHANGE_AGREED, description="Đồng ý thu hồi văn bản.")


def _our_document(agency: Agency, document_id: str) -> Document | None:
    """Our outgoing document with this edXML DocumentId ("<OrganId>,<yyyy/MM/dd>,<số>/<ký hiệu>")."""
    parts = document_id.split(",", 2)
    if len(parts) != 3:
        return None
    organ, date, code = parts
    try:
        issued = dt.datetime.strptime(date, edxml.DATE).date()
    except ValueError:
        return None
    number, _slash, notation = code.partition("/")
    return (Document.objects.filter(direction=Document.Direction.OUTGOING, organ_id__in={short(organ), organ},
                                    issued_date=issued, code_number=number, code_notation=notation, agency=agency)
            .first())


def _apply_status(record: ReceivedMessage, agency: Agency, status: edxml.Status) -> None:
    record.sender_name, record.description = status.sender.name[:200], status.description[:500]
    if status.code == edxml.TAKEN_BACK:  # 13: the sender takes back a document it sent us
        record.edxml_id = status.response_for.document_id
        earlier = (M.objects.filter(agency=agency, sender_id=record.sender_id, edxml_id=record.edxml_id,
                                    kind=M.Kind.EDOC, outcome=M.Outcome.ACCEPTED, document__isnull=False)
                   .exclude(business=edxml.REVOCATION).select_related("document").first())
        return _revoke(record, earlier, status.description, now=timezone.now())
    document = _our_document(agency, status.response_for.document_id)
    recipient = document.recipients.filter(external_organ_id=short(status.sender.organ_id)).first() \
        if document is not None else None
    if recipient is None:
        record.outcome = M.Outcome.UNMATCHED
        record.error_detail = "No recipient of ours matches this status."
        return
    record.document = document
    new = STATUS_OF_CODE.get(status.code)
    note = status.description
    if status.code == edxml.CHANGE_REFUSED:
        new, note = recipient.status, f"Bên nhận từ chối thu hồi: {status.description}".strip()
    if new is None:
        return
    current = recipient.status
    if current in FINAL and new != current and status.code != edxml.CHANGE_REFUSED:
        return  # a recalled or refused document stays so; a late progress report changes nothing
    if current in PROGRESS and new in PROGRESS and PROGRESS.index(new) < PROGRESS.index(current):
        return  # never backwards
    recipient_status_set(recipient, status=new, note=note[:500])
