"""Văn bản đến, receiving and registering (Decree 30/2020 art. 20–22): an arrival (from an agency in the portal
through documents.services.delivery, or on paper, scanned by the clerk) is checked for integrity and
signature, then registered with its số đến in the agency's incoming register (secret documents in the secret
one, a series of its own) — or returned to its sender with a reason. The sender follows each step on its
``Recipient`` row (delivery.recipient_status_follow)."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from documents import checks, events, permissions
from documents.errors import DocumentConflict, DocumentError, DocumentErrorCode, DocumentForbidden
from documents.incoming_rules import Situation, require
from documents.models import Document, DocumentEvent, DocumentType, Participant, Register
from documents.services import notices
from documents.services.delivery import check_later, recipient_status_follow
from documents.services.files import file_read, file_store_checked, main_file
from documents.services.numbering import register_number_next
from documents.services.search import search_refresh
from portal.dates import date_text
from portal.uploads import CheckedFile

REASON_MAX = 500


def _invalid(field: str, message: str, code: str = DocumentErrorCode.INVALID) -> DocumentError:
    return DocumentError(message, code=code, extra={"errors": {field: [message]}})


def participants_add(document: Document, users, role: str) -> None:
    """Give ``users`` the document explicitly (documents.permissions: the only way to see a secret one)."""
    Participant.objects.bulk_create([Participant(document=document, user=user, role=role) for user in users
                                     if user is not None], ignore_conflicts=True)


@transaction.atomic
def incoming_receive_paper(*, clerk: User, file: CheckedFile, document_type: DocumentType, subject: str,
                           organ_name: str, organ_id: str = "", code_number: str = "", code_notation: str = "",
                           issued_date: dt.date | None = None, signer_position: str = "", signer_name: str = "",
                           urgency: int = Document.Urgency.NORMAL, secrecy: int = Document.Secrecy.NONE,
                           page_amount: int | None = None, due_date: dt.date | None = None,
                           arrival_at: dt.datetime | None = None, now: dt.datetime | None = None) -> Document:
    """A document received on paper, scanned to PDF by the clerk, who types its metadata: it arrives in the
    clerk's agency (state "arrived"), checked like an electronic arrival, ready to register."""
    if not permissions.is_clerk(clerk, clerk.agency_id):
        raise DocumentForbidden(_("Only the agency's clerk receives documents."), code=DocumentErrorCode.FORBIDDEN)
    now = now or timezone.now()
    arrival_at = arrival_at or now
    if arrival_at > now + dt.timedelta(minutes=5):
        raise _invalid("arrival_at", _("The arrival cannot be in the future."))
    if issued_date and issued_date > timezone.localtime(arrival_at).date():
        raise _invalid("issued_date", _("The document cannot be dated after it arrived."))
    if not document_type.is_active:
        raise _invalid("document_type", _("This document type is no longer in use."))
    result = checks.check_content(file.content)
    document = Document.objects.create(
        agency_id=clerk.agency_id, direction=Document.Direction.INCOMING, state=Document.State.ARRIVED,
        document_type=document_type, subject=subject.strip(), organ_name=organ_name.strip(),
        organ_id=organ_id.strip(), code_number=code_number.strip(), code_notation=code_notation.strip(),
        issued_date=issued_date, signer_position=signer_position.strip(), signer_name=signer_name.strip(),
        urgency=urgency, secrecy=secrecy, page_amount=page_amount, due_date=due_date, arrival_at=arrival_at,
        channel=Document.Channel.PAPER, created_by=clerk, created_at=now,
        check_status=result.status, check_report=result.report, checked_at=now,
    )
    file_store_checked(document=document, kind="main", checked=file, user=clerk)
    participants_add(document, [clerk], Participant.Role.CLERK)
    events.record(document, kind=DocumentEvent.Kind.ARRIVED, actor=clerk, data={"channel": "paper"})
    events.record(document, kind=DocumentEvent.Kind.CHECKED, actor=clerk, data={"status": result.status})
    return document


def incoming_receive_exchange(*, agency, document_type: DocumentType, subject: str, organ_id: str,
                              organ_name: str, code_number: str, code_notation: str, issued_date: dt.date | None,
                              signer_position: str, signer_name: str, urgency: int, due_date: dt.date | None,
                              page_amount: int | None, files: list[tuple[str, CheckedFile]],
                              reply_to: Document | None = None, now: dt.datetime | None = None) -> Document:
    """A document that arrived over the national document axis (axis/receiving.py), in ``agency``'s queue as
    "arrived", its files (``(kind, file)``, checked like uploads) stored; its integrity and signature check
    runs once the arrival commits, like an arrival from an agency in the portal. Call inside the transaction
    that stores the package. ``reply_to``: our outgoing document it answers (edXML ResponseFor)."""
    now = now or timezone.now()
    document = Document.objects.create(
        agency=agency, direction=Document.Direction.INCOMING, state=Document.State.ARRIVED,
        document_type=document_type, subject=subject, organ_id=organ_id, organ_name=organ_name,
        code_number=code_number, code_notation=code_notation, issued_date=issued_date,
        signer_position=signer_position, signer_name=signer_name, urgency=urgency, due_date=due_date,
        page_amount=page_amount, arrival_at=now, channel=Document.Channel.AXIS, reply_to=reply_to,
        created_by=None, created_at=now)
    for kind, checked in files:
        file_store_checked(document=document, kind=kind, checked=checked, user=None)
    search_refresh(document)
    events.record(document, kind=DocumentEvent.Kind.ARRIVED, actor=None,
                  data={"channel": "axis", "from": organ_id, "in_reply_to": str(reply_to.uuid) if reply_to else None})
    if reply_to is not None:
        events.record(reply_to, kind=DocumentEvent.Kind.REPLIED, actor=None, data={
            "reply": str(document.uuid), "number": document.number_display, "from": organ_name})
    transaction.on_commit(lambda: check_later(document.pk), robust=True)
    return document


def incoming_check(*, document: Document, actor: User | None = None, now: dt.datetime | None = None) -> Document:
    """Check (again) an arrival's main file and keep the result. The file is verified before the row is
    locked: the verification takes a while and must not hold the clerk's registration back."""
    if actor is not None:
        require("check", Situation.of(actor, document))
    stored = main_file(document)
    result = checks.check_content(file_read(stored) if stored is not None else None)
    with transaction.atomic():
        document = Document.objects.select_for_update().get(pk=document.pk)
        if document.state != Document.State.ARRIVED:
            return document  # registered or returned meanwhile: its check stands
        _check_keep(document, result, actor=actor, now=now)
    return document


def _check_keep(document: Document, result: checks.CheckResult, *, actor, now=None) -> None:
    document.check_status, document.check_report = result.status, result.report
    document.checked_at = now or timezone.now()
    document.save(update_fields=["check_status", "check_report", "checked_at", "updated_at"])
    events.record(document, kind=DocumentEvent.Kind.CHECKED, actor=actor, data={"status": result.status})


def duplicates_of(document: Document) -> QuerySet[Document]:
    """Documents of the same sender with the same number, symbol and date already registered in this agency
    (Appendix VI: the clerk is warned of a duplicate). A document returned to its sender does not count."""
    if not (document.code_number or document.code_notation):
        return Document.objects.none()
    sender = Q(organ_name__iexact=document.organ_name) if document.organ_name else Q(pk__in=[])
    if document.organ_id:
        sender |= Q(organ_id=document.organ_id)
    return (Document.objects.filter(agency_id=document.agency_id, direction=Document.Direction.INCOMING,
                                    arrival_number__isnull=False, code_number=document.code_number,
                                    code_notation=document.code_notation, issued_date=document.issued_date)
            .filter(sender).exclude(pk=document.pk)
            .exclude(state__in=(Document.State.REFUSED, Document.State.RECALLED))
            .select_related("register").order_by("-arrival_at", "-id"))


def register_for(document: Document, register: Register | None) -> Register:
    """The register the document is numbered in: the one chosen, if it may number it, else the agency's
    incoming register for its secrecy and type (secret documents have a series of their own, art. 22.4)."""
    candidates = Register.objects.filter(agency_id=document.agency_id, direction=Register.Direction.INCOMING,
                                         is_active=True, secret=document.is_secret)
    takes_type = Q(types=document.document_type) | Q(types__isnull=True)
    if register is not None:
        if not candidates.filter(takes_type).filter(pk=register.pk).exists():
            message = (_("A secret document is registered in the agency's secret incoming register.")
                       if document.is_secret and not register.secret else
                       _("This register does not number this document: choose one of this agency's incoming "
                         "registers for its kind and secrecy."))
            raise _invalid("register", message, DocumentErrorCode.WRONG_REGISTER)
        return register
    typed = candidates.filter(types=document.document_type).order_by("name", "id").first()
    chosen = typed or candidates.filter(types__isnull=True).order_by("name", "id").first()
    if chosen is None:
        raise _invalid("register", _("This agency has no incoming register for such a document: the "
                                     "administrator sets one up."), DocumentErrorCode.WRONG_REGISTER)
    return chosen


def _leader_to_present(document: Document, present_to: User | None) -> User | None:
    if present_to is not None:
        if not (permissions.is_leader(present_to, document.agency_id) and present_to.is_active):
            raise _invalid("present_to", _("Choose a leader of this agency."))
        return present_to
    if not document.is_secret:
        return None
    leaders = list(User.objects.filter(agency_id=document.agency_id, role=User.Role.LEADER, is_active=True)[:2])
    if len(leaders) != 1:
        raise _invalid("present_to", _("Choose the leader to present this secret document to."))
    return leaders[0]


def incoming_register(*, document: Document, clerk: User, register: Register | None = None,
                      present_to: User | None = None, confirm_duplicate: bool = False,
                      now: dt.datetime | None = None) -> Document:
    """Vào sổ văn bản đến (art. 22): the next số đến of the register for this year, gap-free; the sender sees
    "registered". A document that failed its check is not registered but returned; a duplicate of one already
    registered needs the clerk's confirmation (409 ``document.duplicate`` until then). An arrival not checked
    yet is checked first, and the result kept whatever happens next."""
    if not document.check_status and document.state == Document.State.ARRIVED:
        require("register", Situation.of(clerk, document))
        incoming_check(document=document, actor=None, now=now)
    return _register(document=document, clerk=clerk, register=register, present_to=present_to,
                     confirm_duplicate=confirm_duplicate, now=now)


@transaction.atomic
def _register(*, document: Document, clerk: User, register: Register | None, present_to: User | None,
              confirm_duplicate: bool, now: dt.datetime | None) -> Document:
    document = Document.objects.select_for_update().get(pk=document.pk)
    require("register", Situation.of(clerk, document))
    if document.check_status == Document.Check.ALTERED:
        raise DocumentConflict(_("This document failed the integrity and signature check: return it to its "
                                 "sender with the reason."), code=DocumentErrorCode.SIGNATURE_INVALID)
    register = register_for(document, register)
    leader = _leader_to_present(document, present_to)
    duplicates = list(duplicates_of(document)[:5])
    if duplicates and not confirm_duplicate:
        first = duplicates[0]
        raise DocumentConflict(
            _("The same document of this sender (%(number)s of %(date)s) is already registered, incoming number "
              "%(arrival)s. Register it again only if it is really another copy.")
            % {"number": document.number_display, "arrival": first.arrival_number,
               "date": date_text(document.issued_date) or "—"},
            code=DocumentErrorCode.DUPLICATE,
            extra={"duplicates": [{"uuid": str(d.uuid), "arrival_number": d.arrival_number, "year": d.year,
                                   "register": d.register.name if d.register else ""} for d in duplicates]})
    now = now or timezone.now()
    year = timezone.localtime(now).year
    number = register_number_next(register=register, year=year)
    previous = document.state
    document.state, document.register, document.year, document.arrival_number = (
        Document.State.REGISTERED, register, year, number)
    document.arrival_at = document.arrival_at or now
    document.save(update_fields=["state", "register", "year", "arrival_number", "arrival_at", "updated_at"])
    search_refresh(document)  # its số đến is searchable
    participants_add(document, [clerk], Participant.Role.CLERK)
    participants_add(document, [leader], Participant.Role.READER)
    events.record(document, kind=DocumentEvent.Kind.REGISTERED, actor=clerk, from_state=previous, data={
        "register": register.name, "number": number, "year": year, "presented_to": leader.pk if leader else None,
        "duplicate_confirmed": bool(duplicates)})
    recipient_status_follow(document, actor=clerk)
    if document.is_urgent:
        notices.urgent_present(document, leader=leader)
    return document


@transaction.atomic
def incoming_refuse(*, document: Document, clerk: User, reason: str) -> Document:
    """Trả lại văn bản (art. 21.2): a document that failed its check, or was misaddressed, goes back to its
    sender with the reason, which the sender sees on its recipient row."""
    reason = " ".join((reason or "").split())
    if not reason:
        raise _invalid("reason", _("Say why the document is returned."))
    if len(reason) > REASON_MAX:
        raise _invalid("reason", _("Keep the reason under %(max)s characters.") % {"max": REASON_MAX})
    document = Document.objects.select_for_update().get(pk=document.pk)
    require("refuse", Situation.of(clerk, document))
    previous = document.state
    document.state = Document.State.REFUSED
    document.save(update_fields=["state", "updated_at"])
    participants_add(document, [clerk], Participant.Role.CLERK)
    events.record(document, kind=DocumentEvent.Kind.REFUSED, actor=clerk, from_state=previous, note=reason)
    recipient_status_follow(document, actor=clerk, note=reason)
    return document
