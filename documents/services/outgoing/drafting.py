"""Dự thảo văn bản đi (Decree 30/2020 art. 14): a specialist drafts, revises (every body a new version) and
sends the draft on — to the head of the drafting unit, or straight to the signing leader when the unit has
no head or its head drafted it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from accounts.models import User
from documents import directory, events, permissions
from documents.errors import DocumentError, DocumentErrorCode
from documents.layout.letterhead import authority
from documents.models import (
    Document,
    DocumentEvent,
    DocumentType,
    OrgUnit,
    Participant,
    Recipient,
    UnitMembership,
)
from documents.services.files import file_store
from documents.services.outgoing import bodies, notify
from documents.services.outgoing.common import (
    OUTGOING,
    S,
    guard,
    invalid,
    is_drafter,
    lock,
    participant_add,
    require,
)
from documents.services.search import search_refresh
from units.models import Agency
from units.validators import normalize_agency_code


@dataclass(frozen=True)
class RecipientSpec:
    """One nơi nhận: an agency in the portal, a unit of the own agency, or an organisation outside by name
    (and its electronic code when known)."""

    agency: Agency | None = None
    unit: OrgUnit | None = None
    external_name: str = ""
    external_organ_id: str = ""
    for_information: bool = False


# The details a draft has, as create and revise take them.
DETAILS = ("document_type", "subject", "signer", "drafting_unit", "urgency", "secrecy", "due_date", "authority_line",
           "description", "recipients")


def outgoing_create(*, actor: User, document_type: DocumentType, subject: str, signer: User,
                    recipients: Sequence[RecipientSpec], drafting_unit: OrgUnit | None = None, urgency: int = 0,
                    secrecy: int = 0, due_date: dt.date | None = None, authority_line: str = "",
                    description: str = "", body: str = "", upload=None, reply_to: Document | None = None,
                    replaces: Document | None = None, corrects: Document | None = None) -> Document:
    """A new draft of ``actor``'s agency: its body from ``upload`` (a PDF or a Word file) or composed from
    ``body`` (paragraphs, one a line) in the Appendix I layout. Not atomic itself: a Word file is converted
    first, outside the transaction."""
    require(permissions.is_agency_official(actor, actor.agency_id),
            _("Only the officials of an agency draft its documents."))
    if upload is not None and (body or "").strip():
        raise invalid("body", _("Either upload the draft or write its text here, not both."))
    prepared = bodies.body_from_upload(upload) if upload is not None else None
    return _create(actor=actor, prepared=prepared, body=body, reply_to=reply_to, replaces=replaces,
                   corrects=corrects, details={
                       "document_type": document_type, "subject": subject, "signer": signer,
                       "drafting_unit": drafting_unit, "urgency": urgency, "secrecy": secrecy, "due_date": due_date,
                       "authority_line": authority_line, "description": description, "recipients": recipients})


@transaction.atomic
def _create(*, actor: User, prepared: bodies.Body | None, body: str, details: dict, reply_to, replaces,
            corrects) -> Document:
    agency = Agency.objects.select_related("unit").get(pk=actor.agency_id)
    document = Document(agency=agency, direction=OUTGOING, state=S.DRAFT, created_by=actor, organ_id=agency.code,
                        organ_name=agency.name)
    _links(document, actor=actor, reply_to=reply_to, replaces=replaces, corrects=corrects)
    recipients = _apply(document, actor=actor, details=details)
    if prepared is None and not (body or "").strip():
        raise invalid("body", _("Upload the draft (PDF or Word) or write its text."))
    document.body = "" if prepared is not None else _text(body)
    document.source = prepared.source if prepared is not None else Document.Source.COMPOSED
    document.save()
    _recipients_set(document, recipients)
    participant_add(document, actor, Participant.Role.DRAFTER)
    participant_add(document, document.signer, Participant.Role.SIGNER)
    events.record(document, kind=DocumentEvent.Kind.CREATED, actor=actor,
                  data={"reply_to": str(reply_to.uuid) if reply_to else None,
                        "replaces": str(replaces.uuid) if replaces else None,
                        "corrects": str(corrects.uuid) if corrects else None})
    _version(document, actor=actor, prepared=prepared)
    return document


def outgoing_revise(*, document: Document, actor: User, note: str = "", body: str | None = None, upload=None,
                    **changes) -> Document:
    """The drafter changes a draft (or one sent back): any of its details, and its body — a new upload, or a
    composed text again; a composed draft is laid out anew. Each new body is a new version; the earlier ones
    are kept. Not atomic itself (a Word file is converted first)."""
    unknown = set(changes) - set(DETAILS)
    if unknown:
        raise TypeError(f"unknown details: {', '.join(sorted(unknown))}")
    if upload is not None and (body or "").strip():
        raise invalid("body", _("Either upload the draft or write its text here, not both."))
    require(is_drafter(actor, document), _("Only the official who drafted this document may change it."))
    prepared = bodies.body_from_upload(upload) if upload is not None else None
    return _revise(document=document, actor=actor, note=note, body=body, prepared=prepared, changes=changes)


@transaction.atomic
def _revise(*, document: Document, actor: User, note: str, body: str | None, prepared, changes: dict) -> Document:
    document = lock(document)
    guard(document.state in (S.DRAFT, S.SENT_BACK), document)
    require(is_drafter(actor, document), _("Only the official who drafted this document may change it."))
    current = {name: getattr(document, name) for name in DETAILS if name != "recipients"}
    if "signer" in changes and "authority_line" not in changes and changes["signer"] != document.signer:
        changes["authority_line"] = ""  # the new signer's own
    recipients = _apply(document, actor=actor, details={**current, "recipients": None, **changes})
    changed = sorted(name for name in changes if name == "recipients" or getattr(document, name) != current[name])
    if prepared is not None:
        document.body, document.source = "", prepared.source
    elif body is not None and body.strip():
        document.body, document.source = _text(body), Document.Source.COMPOSED
        changed.append("body")
    document.save()
    if recipients is not None:
        document.recipients.all().delete()
        _recipients_set(document, recipients)
    search_refresh(document)  # its new details (a new body refreshes it again with the new file's text)
    if document.signer_id:
        participant_add(document, document.signer, Participant.Role.SIGNER)
    events.record(document, kind=DocumentEvent.Kind.EDITED, actor=actor, from_state=document.state,
                  note=" ".join((note or "").split())[:2000], data={"changed": changed})
    if prepared is not None or document.source == Document.Source.COMPOSED:
        _version(document, actor=actor, prepared=prepared)
    return document


@transaction.atomic
def outgoing_submit(*, document: Document, actor: User, note: str = "") -> Document:
    """Trình: the drafter sends the draft to the head of the drafting unit to review, or — when the unit has
    no head, or its head drafted it — straight to the signing leader."""
    document = lock(document)
    guard(document.state in (S.DRAFT, S.SENT_BACK), document)
    require(is_drafter(actor, document), _("Only the official who drafted this document may send it on."))
    if not document.files.filter(kind="draft").exists():
        raise invalid("file", _("The draft has no body yet: upload it or write its text."))
    if not document.recipients.exists():
        raise invalid("recipients", _("Add at least one recipient (nơi nhận)."))
    heads = list(User.objects.filter(unit_memberships__unit_id=document.drafting_unit_id,
                                     unit_memberships__is_head=True, is_active=True).exclude(pk=actor.pk))
    drafter_heads = permissions.heads_unit(actor, document.drafting_unit_id)
    previous = document.state
    document.state = S.TO_SIGN if drafter_heads or not heads else S.IN_REVIEW
    document.save(update_fields=["state", "updated_at"])
    for head in heads if document.state == S.IN_REVIEW else ():
        participant_add(document, head, Participant.Role.REVIEWER)
    events.record(document, kind=DocumentEvent.Kind.SUBMITTED, actor=actor, from_state=previous,
                  note=" ".join((note or "").split())[:2000])
    notify.after_commit(document, "to_review" if document.state == S.IN_REVIEW else "to_sign")
    return document


def _links(document: Document, *, actor: User, reply_to, replaces, corrects) -> None:
    """The incoming document answered, or the issued one replaced or corrected (Art. 18.3)."""
    visible = permissions.visible_to(actor)
    if reply_to is not None:
        if not visible.filter(pk=reply_to.pk, direction=Document.Direction.INCOMING).exists():
            raise invalid("reply_to", _("The document to answer must be an incoming document of your agency that "
                                        "you may see."))
        document.reply_to = reply_to
    if replaces is not None and corrects is not None:
        raise invalid("replaces", _("A document either replaces another or corrects it, not both."))
    for field, earlier in (("replaces", replaces), ("corrects", corrects)):
        if earlier is None:
            continue
        if not visible.filter(pk=earlier.pk, direction=OUTGOING, state=S.ISSUED).exists():
            raise invalid(field, _("Only an issued outgoing document of your agency can be replaced or corrected."))
        setattr(document, field, earlier)


def _apply(document: Document, *, actor: User, details: dict) -> list[RecipientSpec] | None:
    """Check the details and set them on ``document`` (not saved); the checked recipients (None: unchanged).
    Every problem is reported at once, by field."""
    errors: dict[str, list[str]] = {}
    agency_id = document.agency_id
    kind = details["document_type"]
    if kind is None or not kind.is_active:
        errors["document_type"] = [_("Choose the kind of document.")]
    elif document.corrects_id and kind.abbreviation:
        errors["document_type"] = [_("A correction is issued as a công văn đính chính (Art. 18.3).")]
    elif document.replaces_id and kind.pk != document.replaces.document_type_id:
        errors["document_type"] = [_("A replacement has the same form as the document it replaces (Art. 18.3).")]
    subject = " ".join((details["subject"] or "").split())
    if not subject:
        errors["subject"] = [_("Enter the subject (trích yếu).")]
    signer = details["signer"]
    if signer is None or not (signer.is_active and permissions.is_leader(signer, agency_id)):
        errors["signer"] = [_("Choose a leader of your agency to sign it.")]
    unit = details["drafting_unit"] or _unit_of(actor)
    if unit is None or unit.agency_id != agency_id or not unit.is_active or not (
            actor.role in permissions.AGENCY_WIDE or UnitMembership.objects.filter(unit=unit, user=actor).exists()):
        errors["drafting_unit"] = [_("Choose the unit of your agency you draft for.")]
    secrecy = int(details["secrecy"] or 0)
    recipients, code = details["recipients"], DocumentErrorCode.INVALID
    if recipients is not None:
        recipients, outside = _recipients_checked(recipients, agency_id=agency_id, secret=bool(secrecy),
                                                  errors=errors)
        if outside:
            code = DocumentErrorCode.SECRET_EXTERNAL
    elif secrecy and document.pk and document.recipients.filter(agency__isnull=True, unit__isnull=True).exists():
        errors["secrecy"] = [_("A secret document never goes outside the portal: remove the outside recipients "
                               "first.")]
        code = DocumentErrorCode.SECRET_EXTERNAL
    if errors:
        first = next(iter(errors.values()))[0]
        raise DocumentError(first if len(errors) == 1 else _("Please correct the errors below."), code=code,
                            extra={"errors": errors})
    document.document_type, document.subject, document.signer, document.drafting_unit = kind, subject, signer, unit
    document.urgency, document.secrecy = int(details["urgency"] or 0), secrecy
    document.due_date, document.description = details["due_date"], " ".join((details["description"] or "").split())
    lines = [" ".join(line.split()) for line in (details["authority_line"] or "").replace(" / ", "\n").splitlines()]
    lines = [line for line in lines if line] or default_authority(document.agency, signer)
    document.authority_line = "\n".join(lines)[:200]
    document.signer_name = signer.full_name[:50]
    document.signer_position = (" ".join((signer.position or "").split()) or lines[-1].capitalize())[:100]
    return recipients


def default_authority(agency: Agency, signer: User) -> list[str]:
    """The authority and position above the signature (Appendix I box 7a–7b), from the signer's recorded
    position; without one, a People's Committee's document is signed "TM. ỦY BAN NHÂN DÂN" / "CHỦ TỊCH" and
    another agency's by its head — the drafter corrects it on the form when someone else signs."""
    if (signer.position or "").strip():
        return authority(agency, signer)
    return ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"] if agency.is_people_committee else ["THỦ TRƯỞNG CƠ QUAN"]


def _recipients_checked(recipients: Sequence[RecipientSpec], *, agency_id: int, secret: bool,
                        errors: dict) -> tuple[list[RecipientSpec], bool]:
    """The recipients without repeats, and whether an outside one was refused because the document is secret."""
    found, seen, problems, outside = [], set(), [], False
    for spec in recipients:
        name = " ".join((spec.external_name or "").split())[:200]
        key = (spec.agency.pk if spec.agency else None, spec.unit.pk if spec.unit else None, name.casefold(),
               "".join((spec.external_organ_id or "").split()).upper())
        if key in seen:
            continue
        seen.add(key)
        if spec.agency is not None:
            if spec.agency.pk == agency_id:
                problems.append(_("Your own agency is not a recipient: choose its units instead."))
                continue
        elif spec.unit is not None:
            if spec.unit.agency_id != agency_id:
                problems.append(_("Only units of your own agency can be chosen as internal recipients."))
                continue
        elif not name and not (spec.external_organ_id or "").strip():
            continue
        elif secret:
            outside = True
            problems.append(_("A secret document never goes outside the portal (%(name)s): send it on paper, by "
                              "the rules for state secrets.") % {"name": name})
            continue
        organ_id = ""
        if not (spec.agency or spec.unit) and (spec.external_organ_id or "").strip():
            try:  # the axis addresses it by this code: a wrong one must be caught here, not when sending
                organ_id = normalize_agency_code(spec.external_organ_id)
            except ValidationError:
                problems.append(_("%(code)s (%(name)s) is not an electronic identification code such as "
                                  "000.00.00.G09: correct it, or leave it empty to send on paper.")
                                % {"code": spec.external_organ_id.strip()[:30], "name": name or "—"})
                continue
            listed, listed_name = directory.outside_name(organ_id)
            if listed and listed_name is None:
                problems.append(_("%(code)s is not in the national document axis's directory: check the code, or "
                                  "leave it empty to send on paper.") % {"code": spec.external_organ_id.strip()[:30]})
                continue
            name = name or (listed_name or "")[:200]
            if not name:
                problems.append(_("Write the name of the organisation with the code %(code)s.")
                                % {"code": spec.external_organ_id.strip()[:30]})
                continue
        found.append(RecipientSpec(agency=spec.agency, unit=spec.unit, external_name=name if not (
            spec.agency or spec.unit) else "", external_organ_id=organ_id, for_information=bool(spec.for_information)))
    if problems:
        errors["recipients"] = problems
    elif not found:
        errors["recipients"] = [_("Add at least one recipient (nơi nhận).")]
    return found, outside


def _recipients_set(document: Document, recipients: list[RecipientSpec]) -> None:
    Recipient.objects.bulk_create(Recipient(
        document=document, agency=spec.agency, unit=spec.unit, external_name=spec.external_name,
        external_organ_id=spec.external_organ_id, for_information=spec.for_information, position=index)
        for index, spec in enumerate(recipients))


def _unit_of(user: User) -> OrgUnit | None:
    return OrgUnit.objects.filter(memberships__user=user, agency_id=user.agency_id, is_active=True).order_by(
        "-memberships__is_head", "name").first()


def _text(body: str) -> str:
    lines = [" ".join(line.split()) for line in (body or "").replace("\r\n", "\n").split("\n")]
    return "\n".join(lines).strip()[:50_000]


def _version(document: Document, *, actor: User, prepared: bodies.Body | None) -> None:
    """Store the draft's next version: the upload with its fields, or the text laid out anew."""
    if prepared is not None:
        content, name = bodies.reserved_upload(prepared.content), prepared.name
    else:
        content, name = bodies.composed(document), "du-thao.pdf"
    stored = file_store(document=document, kind="draft", name=name, content=content, user=actor)
    events.record(document, kind=DocumentEvent.Kind.FILE_ADDED, actor=actor, from_state=document.state,
                  data={"version": stored.version, "name": stored.name, "sha256": stored.sha256})
