"""Kết quả giải quyết là văn bản đi (issue 12 §2): the dossier's result is an outgoing document of the resolving
agency, carried through the one outgoing pipeline of documents.services.outgoing by the dossier's own steps:

- the drafting step (or the leader at the approval step) drafts it from the procedure's template
  (dossiers.slips.result) or attaches a PDF, which gets the reserved fields of an uploaded draft: a new
  version of the same document each time (``result_document_attach``);
- the approval step (the result step: the leader's) signs exactly the version shown in the page, with a
  certification signature that still lets the number and date be filled in (``outgoing_sign``), or approves
  it unsigned where the leader holds no certificate and the province allows it (SIGNATURES_RESULT_REQUIRED);
- the clerk's step after it (the numbering step: "vào sổ, đóng dấu") numbers it in the agency's outgoing
  register, writes the number and date on its face, applies the agency's organisation signature when the
  agency holds one, and issues it (``outgoing_number``, ``outgoing_issue``); the dossier's ``result_file``
  becomes that PDF, which the one-stop desk returns to the applicant as before.

A process without a clerk's step after the approval has its result numbered by the System in the agency's
register as the approval step completes (Decree 30/2020 art. 15.3: electronic documents are numbered by the
System), with the same agency signature. Every function runs in the caller's transaction (step_complete's,
result_draft_attach's), the dossier's row locked; the documents' errors come back as the dossier's."""

from __future__ import annotations

import contextlib

from django.core.files.base import ContentFile
from django.utils.translation import gettext as _

from accounts.models import User
from documents import permissions as document_permissions
from documents.data import DOCUMENT_TYPES, RESULT_TYPES
from documents.errors import DocumentConflict, DocumentError, DocumentErrorCode, DocumentForbidden
from documents.models import Document, DocumentType
from documents.services import outgoing
from documents.services.files import file_read, main_file
from dossiers.errors import DossierConflict, DossierError, DossierErrorCode, DossierForbidden
from dossiers.models import Dossier, DossierStep
from dossiers.slips.result import result_layout
from signatures import selectors as signature_selectors
from signatures.pdfsign import KeyHolder
from units.models import Agency

S = Document.State


def result_step(steps: list[DossierStep]) -> DossierStep | None:
    """The approval step: the last step in the leader's role, or the last step when none is."""
    leaders = [s for s in steps if s.responsible_role == User.Role.LEADER]
    return (leaders or steps or [None])[-1]


def numbering_step(steps: list[DossierStep]) -> DossierStep | None:
    """The clerk's step after the approval that numbers the result ("vào sổ, đóng dấu"); None: the System
    numbers it as the approval completes."""
    chosen = result_step(steps)
    if chosen is None:
        return None
    return next((s for s in steps if s.position > chosen.position and s.responsible_role == User.Role.CLERK), None)


@contextlib.contextmanager
def documents_errors():
    """A refusal of the documents' pipeline, told as the dossier's (its message kept)."""
    try:
        yield
    except DocumentError as error:
        extra = {**error.extra, "document_code": str(error.code)}
        if error.code == DocumentErrorCode.PREVIEW_STALE:
            raise DossierConflict(error.message, code=DossierErrorCode.RESULT_CHANGED, extra=extra) from None
        if error.code in (DocumentErrorCode.PDF_FIELDS, DocumentErrorCode.PDF_SIGNED):
            raise DossierError(error.message, code=DossierErrorCode.RESULT_PDF, extra=extra) from None
        kind = (DossierForbidden if isinstance(error, DocumentForbidden) else
                DossierConflict if isinstance(error, DocumentConflict) else DossierError)
        raise kind(error.message, code=DossierErrorCode.RESULT_DOCUMENT, extra=extra) from None


def result_agency(dossier: Dossier, steps: list[DossierStep]) -> Agency:
    """The resolving agency, whose document the result is: the approval step's."""
    chosen = result_step(steps)
    return chosen.agency if chosen is not None else dossier.procedure_version.agency


def _signer_for(steps: list[DossierStep], agency: Agency, actor: User) -> User | None:
    """Who the draft is laid out for: the holder of the approval step, the drafter when it is theirs to
    approve, else the agency's official in its role — one who holds a signing certificate first."""
    chosen = result_step(steps)
    role = chosen.responsible_role if chosen is not None else User.Role.LEADER
    if chosen is not None and chosen.handler_id and document_permissions.is_agency_official(chosen.handler,
                                                                                               agency.pk):
        return chosen.handler
    if actor.role == role and document_permissions.is_agency_official(actor, agency.pk):
        return actor
    candidates = list(User.objects.filter(agency=agency, role=role, is_active=True).order_by("full_name", "pk"))
    certified = [user for user in candidates if signature_selectors.signing_certificate_for(user) is not None]
    return (certified or candidates or [None])[0]


def _document_type(code: str) -> DocumentType:
    """The kind the template issues its result as (its code in documents.data); put back as the decree or the
    seed names it when it is missing (an admin removed it, or a database emptied by tests)."""
    found = DocumentType.objects.filter(code=code).first()
    if found is not None:
        return found
    known = {row[0]: row for row in (*DOCUMENT_TYPES, *RESULT_TYPES)}
    if code not in known:
        raise DossierError(_("The kind of document of the result is missing from the list of document types. Ask "
                             "the provincial admin to restore it."), code=DossierErrorCode.RESULT_DOCUMENT)
    _code, name, name_en, abbreviation = known[code]
    found = DocumentType.objects.filter(name=name).first()
    if found is not None:  # kept under another code by an admin
        return found
    kind, _created = DocumentType.objects.get_or_create(code=code, defaults={
        "name": name, "name_en": name_en, "abbreviation": abbreviation, "position": 100})
    return kind


def result_document_attach(*, dossier: Dossier, steps: list[DossierStep], actor: User, content: bytes | None = None,
                           name: str = "", field: str = "draft", note: str = "") -> tuple[Document, bytes, str]:
    """A new version of the dossier's result document: ``content`` (a checked PDF, given the reserved fields
    of an uploaded draft), or without it the procedure's template filled from the dossier for the leader
    who will sign it. Creates the document the first time. Returns it, the version's bytes and its name."""
    agency = result_agency(dossier, steps)
    signer = _signer_for(steps, agency, actor)
    layout = result_layout(dossier, agency=agency, signer=signer)
    with documents_errors():
        if content is None:
            body, name, source = outgoing.prepared_composed(layout.composition), f"ket-qua-{dossier.code}.pdf", \
                Document.Source.COMPOSED
        else:
            body, source = outgoing.prepared_upload(content, name=name, field=field), Document.Source.PDF
        details = {"agency": agency, "actor": actor, "document_type": _document_type(layout.document_type),
                   "subject": layout.subject, "signer": signer, "authority": layout.authority, "content": body,
                   "name": name, "source": source, "note": note}
        current = dossier.result_document
        if current is not None and current.code_number:
            raise DossierConflict(_("The result was numbered %(number)s already: it can no longer be changed.")
                                  % {"number": current.number_display}, code=DossierErrorCode.RESULT_DOCUMENT)
        if current is not None:
            document = outgoing.outgoing_prepare_revise(document=current, **details)
        else:
            document = outgoing.outgoing_prepare(**details, result_of=dossier.code,
                                                 description=f"Kết quả giải quyết hồ sơ {dossier.code}")
            dossier.result_document = document
            dossier.save(update_fields=["result_document", "updated_at"])
    return document, body, name


def result_sign(*, dossier: Dossier, actor: User, signer: KeyHolder | None, expected_sha256: str = "") -> dict:
    """The approval: ``actor`` signs the result document with their opened certificate (``signer``), or
    approves it unsigned; a document signed at an earlier pass (the step came back) stays as it is. What the
    step's event records of it."""
    document = Document.objects.select_related("agency", "document_type").get(pk=dossier.result_document_id)
    if document.state in (S.SIGNED, S.ISSUED):
        return {"document": str(document.uuid)}
    if document.signer_id != actor.pk:
        if document.source == Document.Source.COMPOSED:
            message = _("The draft result was laid out for %(name)s's signature. Generate it again for yours "
                        "(“Replace the draft result”), check it, then approve it.") % {"name": document.signer_name}
            raise DossierConflict(message, code=DossierErrorCode.RESULT_SIGNER)
        with documents_errors():  # an uploaded body names no signer: whoever approves it signs it
            document = outgoing.outgoing_prepare_revise(
                document=document, actor=actor, agency=document.agency, document_type=document.document_type,
                subject=document.subject, signer=actor, authority=document.authority_line.splitlines(),
                source=document.source)
    with documents_errors():
        if signer is not None:
            outgoing.outgoing_sign(document=document, actor=actor, signer=signer, expected_sha256=expected_sha256)
            dossier.result_signed_by = f"{signer.certificate.serial_number:X}"
            dossier.save(update_fields=["result_signed_by", "updated_at"])
        else:
            outgoing.outgoing_approve_unsigned(document=document, actor=actor)
    return {"document": str(document.uuid)}


def result_number(*, dossier: Dossier, actor: User, automatic: bool = False) -> dict:
    """The clerk's step (or, ``automatic``, the System's at the approval): the signed result is numbered in the
    agency's outgoing register, signed by the agency when it holds a certificate, and issued; the dossier's
    result is that PDF. What the step's event records of it."""
    document = Document.objects.select_related("agency", "document_type").get(pk=dossier.result_document_id)
    with documents_errors():
        register = outgoing.prepared_register(document)
        document = outgoing.outgoing_number(document=document, actor=actor, register=register, automatic=automatic,
                                            agency_signature_required=False)
        document = outgoing.outgoing_issue(document=document, actor=actor, automatic=automatic)
    stored = main_file(document)
    dossier.result_file.save(f"{dossier.uuid.hex}.pdf", ContentFile(file_read(stored)), save=False)
    dossier.result_name = stored.name
    dossier.save(update_fields=["result_file", "result_name", "updated_at"])
    return {"document": str(document.uuid), "number": document.number_display, "automatic": automatic}
