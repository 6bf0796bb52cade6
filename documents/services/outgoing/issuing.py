"""Ký, lấy số, ban hành (Art. 14, 15, 18): the leader signs the draft as it was shown, the clerk numbers it in
the right register — the number and the date written into the fields the draft reserved, which the
leader's certification signature permits, then the agency's organisation signature over the whole — and
issues it the same day: agencies and units in the portal receive it at once, organisations outside are
queued for the exchange.

Plain services taking a Document, so other flows (a dossier's result) can use the same pipeline:
``outgoing_sign`` → ``outgoing_number`` → ``outgoing_issue``."""

from __future__ import annotations

import datetime as dt
import io

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from pypdf import PdfReader
from pypdf.errors import PyPdfError

from accounts.models import User
from documents import events, exchange, permissions
from documents.errors import DocumentConflict, DocumentError, DocumentErrorCode
from documents.layout import letterhead
from documents.models import Document, DocumentEvent, DocumentFile, Participant, Register
from documents.services import delivery, replies
from documents.services.files import file_read, file_store
from documents.services.numbering import issuer_abbreviation, notation, register_lock, register_number_next
from documents.services.outgoing import bodies, notify
from documents.services.outgoing.common import (
    OUTGOING,
    S,
    clerks_of,
    guard,
    invalid,
    lock,
    participant_add,
    require,
    signs,
)
from documents.services.search import search_refresh
from signatures import pdfforms
from signatures import selectors as signature_selectors
from signatures import services as signature_services
from signatures.pdfsign import KeyHolder

MAX_NUMBER = 99_999_999


def latest_draft(document: Document) -> DocumentFile | None:
    return document.files.filter(kind=DocumentFile.Kind.DRAFT).order_by("-version", "-id").first()


def outgoing_sign_with_pin(*, document: Document, actor: User, pin: str, expected_sha256: str = "") -> Document:
    """``outgoing_sign`` for a leader holding their PIN (the page and the API): the PIN opens the key first, in
    a transaction of its own, so a wrong PIN is counted even though nothing is signed. Not atomic itself."""
    require(signs(actor, document), _("Only the leader chosen to sign this document may sign it."))
    current = Document.objects.get(pk=document.pk)  # no PIN is tried on a document that cannot be signed now
    guard(current.state == S.TO_SIGN, current)
    if not (pin or "").strip():
        raise invalid("pin", _("Enter the PIN of your signing certificate."))
    signer = signature_services.signer_open(user=actor, pin=pin)
    return outgoing_sign(document=document, actor=actor, signer=signer, expected_sha256=expected_sha256)


@transaction.atomic
def outgoing_sign(*, document: Document, actor: User, signer: KeyHolder, expected_sha256: str = "") -> Document:
    """The leader signs the draft they were shown (``expected_sha256``: refused if it changed since) with a
    certification signature that still lets the clerk fill in the number and the date (signatures.
    services.personal_sign), in the place the draft reserved. The signed file is the draft's last version."""
    document = lock(document)
    guard(document.state == S.TO_SIGN, document)
    require(signs(actor, document), _("Only the leader chosen to sign this document may sign it."))
    draft = latest_draft(document)
    if draft is None:
        raise invalid("file", _("The draft has no body to sign."))
    if expected_sha256 and expected_sha256 != draft.sha256:
        raise DocumentConflict(_("The draft changed after you opened it: look at it again before you sign."),
                               code=DocumentErrorCode.PREVIEW_STALE)
    signed = signature_services.personal_sign(
        content=file_read(draft), signer=signer, user=actor, purpose=f"Văn bản đi: {document.subject[:200]}",
        reason="Ký ban hành văn bản", location=document.agency.name, field_name=bodies.FIELD_SIGNER,
        permit_form_fill=True)
    stored = file_store(document=document, kind=DocumentFile.Kind.DRAFT, name=draft.name, content=signed, user=actor)
    document.state = S.SIGNED
    document.signer_name = actor.full_name[:50]
    document.save(update_fields=["state", "signer_name", "updated_at"])
    search_refresh(document)  # the signer's name
    if document.is_secret:  # the clerks who number it must see it
        for clerk in clerks_of(document.agency_id):
            participant_add(document, clerk, Participant.Role.CLERK)
    events.record(document, kind=DocumentEvent.Kind.SIGNED, actor=actor, from_state=S.TO_SIGN,
                  data={"version": stored.version, "sha256": stored.sha256,
                        "certificate": f"{signer.certificate.serial_number:X}"})
    notify.after_commit(document, "to_issue")
    return document


def registers_for(document: Document):
    """The agency's active outgoing registers that may number ``document``: its secret ones for a secret
    document, the others otherwise; those naming its kind first, then those numbering every kind."""
    registers = Register.objects.filter(agency_id=document.agency_id, direction=Register.Direction.OUTGOING,
                                        is_active=True, secret=document.is_secret)
    named = list(registers.filter(types=document.document_type_id).order_by("name"))
    return named + list(registers.filter(types__isnull=True).order_by("name"))


def _register_checked(document: Document, register: Register | None) -> Register:
    if register is None:
        found = registers_for(document)
        if not found:
            message = (_("Your agency has no secret outgoing register that numbers %(kind)s. Ask the admin to open "
                         "one.") if document.is_secret else
                       _("Your agency has no outgoing register that numbers %(kind)s. Ask the admin to open one."))
            raise DocumentError(message % {"kind": document.document_type.name},
                                code=DocumentErrorCode.WRONG_REGISTER,
                                extra={"errors": {"register": [message % {"kind": document.document_type.name}]}})
        return found[0]
    problem = ""
    if register.agency_id != document.agency_id or register.direction != Register.Direction.OUTGOING:
        problem = _("Choose an outgoing register of your own agency.")
    elif not register.is_active:
        problem = _("The register “%(name)s” is no longer in use.") % {"name": register.name}
    elif document.is_secret and not register.secret:
        problem = _("A secret document is numbered only in a secret register (Art. 15.2), not in “%(name)s”.") % {
            "name": register.name}
    elif register.secret and not document.is_secret:
        problem = _("“%(name)s” numbers secret documents only; this document is not secret.") % {"name": register.name}
    elif register.types.exists() and not register.types.filter(pk=document.document_type_id).exists():
        problem = _("“%(name)s” does not number %(kind)s.") % {"name": register.name,
                                                                "kind": document.document_type.name}
    if problem:
        raise DocumentError(problem, code=DocumentErrorCode.WRONG_REGISTER, extra={"errors": {"register": [problem]}})
    return register


def _taken(register: Register, year: int, number: int) -> Document | None:
    return Document.objects.filter(register=register, year=year, direction=OUTGOING,
                                   code_number=f"{number:02d}").first()


def _number_take(register: Register, year: int, typed: int | None) -> int:
    """The register's next free number, or the clerk's own (a reserved one) when it is free. Numbers typed by
    hand are skipped when their turn comes, so the series stays without gaps or repeats."""
    if typed is None:
        while True:
            number = register_number_next(register=register, year=year)
            if _taken(register, year, number) is None:
                return number
    if not 1 <= typed <= MAX_NUMBER:
        raise invalid("number", _("A document number is a whole number from 1."))
    register_lock(register=register, year=year)
    holder = _taken(register, year, typed)
    if holder is not None:
        message = _("Number %(number)02d of “%(register)s” in %(year)s is already taken by %(holder)s. Leave the "
                    "number empty to take the next one.") % {"number": typed, "register": register.name,
                                                              "year": year, "holder": holder.number_display}
        raise DocumentError(message, code=DocumentErrorCode.NUMBER_TAKEN, extra={"errors": {"number": [message]}})
    return typed


@transaction.atomic
def outgoing_number(*, document: Document, actor: User, register: Register | None = None, number: int | None = None,
                    now: dt.datetime | None = None, automatic: bool = False,
                    agency_signature_required: bool = True) -> Document:
    """Cấp số: the clerk gives the signed document its number in ``register`` (default: the agency's register
    for its kind and secrecy) — the next one, or ``number`` typed by hand when free — and today's date,
    writes "Số: 15/QĐ-UBND" and the place and date into the document's fields (the leader's signature stays
    valid: it permits filling them), and applies the agency's organisation signature over the whole.

    ``automatic``: the System numbers it (Art. 15.3) for a flow that has no clerk's step — a dossier's result
    whose process ends with the leader; the calling flow decided who acts. ``agency_signature_required``
    False: an agency without a valid organisation certificate numbers it without its signature (a dossier's
    result, as results were before: SIGNATURES_RESULT_REQUIRED asks only for the leader's)."""
    now = now or timezone.now()
    document = lock(document)
    guard(document.state == S.SIGNED and not document.code_number, document)
    require(automatic or permissions.is_clerk(actor, document.agency_id),
            _("Only the clerks (văn thư) of the agency number and issue its documents."))
    register = _register_checked(document, register)
    today = timezone.localdate(now)
    taken = _number_take(register, today.year, number)
    agency = document.agency
    code_number, code_notation = notation(
        number=taken, issuer=issuer_abbreviation(agency), type_abbreviation=document.document_type.abbreviation,
        unit=document.drafting_unit.code if document.drafting_unit_id else "").split("/", 1)
    signed = latest_draft(document)
    face = {bodies.FIELD_NUMBER: f"Số: {code_number}/{code_notation}",
            bodies.FIELD_DATE: letterhead.for_agency(agency, on=today).date_line}
    try:
        filled = pdfforms.fill(file_read(signed), face, styles=bodies.face_styles(document))
    except pdfforms.FieldError:
        raise DocumentError(_("The signed document has no place for its number and date; send it back to be "
                              "drafted again."), code=DocumentErrorCode.PDF_FIELDS) from None
    final = filled
    if agency_signature_required or signature_selectors.organisation_certificate_for(agency, at=now) is not None:
        final = signature_services.organisation_sign(
            content=filled, agency=agency, user=actor, purpose=f"Văn bản đi {code_number}/{code_notation}",
            reason="Ban hành văn bản", location=agency.name, field_name=bodies.FIELD_AGENCY, overlap=1 / 3, now=now)
    document.register, document.year, document.issued_date = register, today.year, today
    document.code_number, document.code_notation = code_number, code_notation
    document.organ_id, document.organ_name, document.page_amount = agency.code, agency.name, _pages(final)
    try:
        with transaction.atomic():
            document.save()
    except IntegrityError:  # another clerk typed the same number at the same moment
        message = _("Number %(number)s was taken meanwhile. Try again.") % {"number": code_number}
        raise DocumentError(message, code=DocumentErrorCode.NUMBER_TAKEN, extra={"errors": {"number": [message]}}) \
            from None
    stored = file_store(document=document, kind=DocumentFile.Kind.MAIN, content=final, user=actor,
                        name=f"{code_number}-{code_notation}.pdf".replace("/", "-"))
    events.record(document, kind=DocumentEvent.Kind.NUMBERED, actor=actor, from_state=S.SIGNED,
                  data={"register": register.pk, "number": document.number_display, "typed": number is not None,
                        "sha256": stored.sha256, "automatic": automatic, "agency_signed": final is not filled})
    return document


def _pages(content: bytes) -> int | None:
    try:
        return len(PdfReader(io.BytesIO(content), strict=False).pages)
    except (PyPdfError, ValueError, KeyError, TypeError, OSError):
        return None


@transaction.atomic
def outgoing_issue(*, document: Document, actor: User, now: dt.datetime | None = None,
                   automatic: bool = False) -> Document:
    """Ban hành (Art. 18.1: the day it is signed): agencies and units in the portal get their incoming copy at
    once; organisations outside are queued for the exchange (never a secret document); the answered incoming
    document, or the replaced or corrected one, learns of it. ``automatic``: as for outgoing_number."""
    now = now or timezone.now()
    document = lock(document)
    guard(document.state == S.SIGNED and bool(document.code_number), document)
    require(automatic or permissions.is_clerk(actor, document.agency_id),
            _("Only the clerks (văn thư) of the agency number and issue its documents."))
    recipients = list(document.recipients.select_related("agency", "unit__agency"))
    outside = [recipient for recipient in recipients if not recipient.is_internal]
    if outside and document.is_secret:
        raise DocumentError(_("A secret document never goes outside the portal: remove the outside recipients."),
                            code=DocumentErrorCode.SECRET_EXTERNAL)
    document.state, document.issued_at = S.ISSUED, now
    document.issued_amount = document.issued_amount or len(recipients)
    document.save(update_fields=["state", "issued_at", "issued_amount", "updated_at"])
    # Each agency in the portal gets its copy at once (a secret one given to its clerks, who register it).
    copies = [delivery.deliver_internal(recipient, now=now) for recipient in recipients if recipient.is_internal]
    exchange.issue_enqueue(document, outside)
    events.record(document, kind=DocumentEvent.Kind.ISSUED, actor=actor, from_state=S.SIGNED,
                  data={"internal": len(copies), "outside": len(outside)})
    if document.reply_to_id:
        replies.reply_issued(document, actor=actor)
    for earlier, kind in ((document.replaces, DocumentEvent.Kind.REPLACED),
                          (document.corrects, DocumentEvent.Kind.CORRECTED)):
        if earlier is not None:
            events.record(earlier, kind=kind, actor=actor, from_state=earlier.state,
                          data={"by": str(document.uuid), "number": document.number_display})
    notify.after_commit(document, "issued", copies=[copy.pk for copy in copies])
    return document


def outgoing_number_and_issue(*, document: Document, actor: User, register: Register | None = None,
                              number: int | None = None) -> Document:
    """The clerk's one step on the page: number, sign for the agency and issue, in one transaction."""
    with transaction.atomic():
        document = outgoing_number(document=document, actor=actor, register=register, number=number)
        return outgoing_issue(document=document, actor=actor)
