"""Outgoing documents another flow prepares: a dossier's result (issue 12 §2). The dossier's own process
drafts and checks the body (the specialist's step), so the document starts awaiting its signer, and the
dossier's steps drive it through the same pipeline as every outgoing document — ``outgoing_sign`` (or, for
a signer without a certificate where the province allows it, ``outgoing_approve_unsigned``),
``outgoing_number``, ``outgoing_issue``: one flow, one numbering, one signing service.

Such a document is marked ``result_of`` (the dossier's code) and acted on only from the dossier's page: the
documents' pages and API show it, and the registers list it, but offer no command on it
(documents.outgoing_actions). The calling flow has checked who may act before it calls these services."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from accounts.models import User
from documents import events, permissions
from documents.errors import DocumentError, DocumentErrorCode
from documents.layout import compose
from documents.models import Document, DocumentEvent, DocumentFile, DocumentType, Participant, Register
from documents.services.files import file_store
from documents.services.outgoing import bodies
from documents.services.outgoing.common import (
    OUTGOING,
    S,
    guard,
    invalid,
    lock,
    participant_add,
    require,
    signs,
)
from documents.services.outgoing.issuing import registers_for
from signatures import pdfforms
from units.models import Agency

DEFAULT_REGISTER = "Sổ đăng ký văn bản đi"


def prepared_upload(content: bytes, *, name: str, field: str = "file") -> bytes:
    """An uploaded PDF (checked by the caller) made ready to sign: refused when it carries signatures or
    filled fields already; its number and date go in the top margin of its first page, its signatures at the
    foot of its last, as for any uploaded draft (bodies.reserved_upload)."""
    try:
        fields = pdfforms.field_names(content)
    except pdfforms.FieldError:
        fields = None
    if fields is None:
        message = _("The file “%(name)s” is a PDF the portal cannot prepare for signing. Print it to a new PDF "
                    "(“Save as PDF”) and upload that file.") % {"name": name}
        raise DocumentError(message, code=DocumentErrorCode.PDF_FIELDS, extra={"errors": {field: [message]}})
    if any(fields.values()):
        message = _("The file “%(name)s” already carries digital signatures or filled form fields. Upload the "
                    "unsigned draft: the leader signs it in the portal.") % {"name": name}
        raise DocumentError(message, code=DocumentErrorCode.PDF_SIGNED, extra={"errors": {field: [message]}})
    return bodies.reserved_upload(content, field=field)


def prepared_composed(composition: compose.Composition) -> bytes:
    """A document laid out in the portal (documents.layout.compose) with its fields where the layout put the
    number, the date and the signatures."""
    return bodies.reserve_composed(compose.compose(composition))


def _signer_checked(signer: User | None, agency: Agency) -> User:
    if signer is None or not signer.is_active or not permissions.is_agency_official(signer, agency.pk):
        raise invalid("signer", _("Nobody of %(agency)s can sign this document: it has no active leader.")
                      % {"agency": agency.name})
    return signer


def _details(document: Document, *, agency: Agency, document_type: DocumentType, subject: str, signer: User,
             authority: list[str], source: str) -> None:
    subject = " ".join((subject or "").split())[:500]
    if not subject:
        raise invalid("subject", _("Enter the subject (trích yếu)."))
    signer = _signer_checked(signer, agency)
    document.agency, document.organ_id, document.organ_name = agency, agency.code, agency.name
    document.document_type, document.subject, document.signer, document.source = document_type, subject, signer, source
    lines = [" ".join(line.split()) for line in authority if line and line.strip()]
    document.authority_line = "\n".join(lines)[:200]
    document.signer_name = signer.full_name[:50]
    document.signer_position = (" ".join((signer.position or "").split()) or (lines[-1].capitalize() if lines
                                                                              else ""))[:100]


def _version(document: Document, *, actor: User, content: bytes, name: str) -> DocumentFile:
    stored = file_store(document=document, kind=DocumentFile.Kind.DRAFT, name=name, content=content, user=actor)
    events.record(document, kind=DocumentEvent.Kind.FILE_ADDED, actor=actor, from_state=document.state,
                  data={"version": stored.version, "name": stored.name, "sha256": stored.sha256})
    return stored


@transaction.atomic
def outgoing_prepare(*, agency: Agency, actor: User, document_type: DocumentType, subject: str, signer: User,
                     authority: list[str], content: bytes, name: str, source: str, result_of: str,
                     description: str = "", note: str = "") -> Document:
    """A new outgoing document of ``agency`` whose body ``content`` (a PDF with its reserved fields:
    prepared_upload, prepared_composed) was drafted by ``actor`` in the flow named by ``result_of``; it
    awaits ``signer``. No recipient in the portal: the flow delivers it itself (the dossier's applicant)."""
    document = Document(direction=OUTGOING, state=S.TO_SIGN, created_by=actor, result_of=result_of[:40],
                        description=" ".join((description or "").split())[:500])
    _details(document, agency=agency, document_type=document_type, subject=subject, signer=signer,
             authority=authority, source=source)
    document.save()
    participant_add(document, actor, Participant.Role.DRAFTER)
    participant_add(document, document.signer, Participant.Role.SIGNER)
    events.record(document, kind=DocumentEvent.Kind.CREATED, actor=actor, from_state=S.DRAFT,
                  note=" ".join((note or "").split())[:2000], data={"result_of": document.result_of})
    _version(document, actor=actor, content=content, name=name)
    return document


@transaction.atomic
def outgoing_prepare_revise(*, document: Document, actor: User, agency: Agency, document_type: DocumentType,
                            subject: str, signer: User, authority: list[str], source: str,
                            content: bytes | None = None, name: str = "", note: str = "") -> Document:
    """A prepared document not numbered yet, with its details again and, given ``content``, a new body (a new
    version): one the leader had signed already then goes back to await the signature (the signed version
    stays in its history). Without a new body only a document still awaiting its signature can change."""
    document = lock(document)
    allowed = (S.TO_SIGN, S.SIGNED) if content is not None else (S.TO_SIGN,)
    guard(bool(document.result_of) and document.state in allowed and not document.code_number, document)
    previous = document.state
    _details(document, agency=agency, document_type=document_type, subject=subject, signer=signer,
             authority=authority, source=source)
    document.state = S.TO_SIGN
    document.save()
    participant_add(document, actor, Participant.Role.DRAFTER)
    participant_add(document, document.signer, Participant.Role.SIGNER)
    events.record(document, kind=DocumentEvent.Kind.EDITED, actor=actor, from_state=previous,
                  note=" ".join((note or "").split())[:2000],
                  data={"changed": ["body"] if content is not None else ["signer"],
                        "signature_withdrawn": previous == S.SIGNED})
    if content is not None:
        _version(document, actor=actor, content=content, name=name)
    return document


@transaction.atomic
def outgoing_approve_unsigned(*, document: Document, actor: User) -> Document:
    """The signer approves the document without a digital signature — a dossier's result approved by a leader
    who holds no certificate, where the province does not require signed results (SIGNATURES_RESULT_REQUIRED
    false). It is then numbered like a signed one."""
    document = lock(document)
    guard(document.state == S.TO_SIGN and bool(document.result_of), document)
    require(signs(actor, document), _("Only the official chosen to sign this document may approve it."))
    document.state = S.SIGNED
    document.signer_name = actor.full_name[:50]
    document.save(update_fields=["state", "signer_name", "updated_at"])
    events.record(document, kind=DocumentEvent.Kind.SIGNED, actor=actor, from_state=S.TO_SIGN,
                  data={"digital": False})
    return document


def prepared_register(document: Document) -> Register:
    """The agency's outgoing register for the document (documents.services.outgoing.registers_for); an agency
    that keeps none yet gets its "Sổ đăng ký văn bản đi" (numbering every kind) the first time a result is
    numbered, since electronic documents are numbered by the System (Art. 15.3)."""
    found = registers_for(document)
    if found:
        return found[0]
    if document.is_secret:
        raise DocumentError(_("Your agency has no secret outgoing register. Ask the admin to open one."),
                            code=DocumentErrorCode.WRONG_REGISTER)
    register, _created = Register.objects.get_or_create(
        agency_id=document.agency_id, direction=Register.Direction.OUTGOING, name=DEFAULT_REGISTER,
        defaults={"secret": False, "is_active": True})
    if register.secret or not register.is_active or (register.types.exists()
                                  and not register.types.filter(pk=document.document_type_id).exists()):
        raise DocumentError(_("Your agency has no outgoing register that numbers %(kind)s. Ask the admin to open "
                              "one.") % {"kind": document.document_type.name}, code=DocumentErrorCode.WRONG_REGISTER)
    return register
