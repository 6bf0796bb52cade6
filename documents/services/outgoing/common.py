"""Pieces the outgoing services share: the row lock, the guards, who holds which role in the agency."""

from __future__ import annotations

from django.utils.translation import gettext as _

from accounts.models import User
from documents import permissions
from documents.errors import (
    DocumentConflict,
    DocumentError,
    DocumentErrorCode,
    DocumentForbidden,
    DocumentNotFound,
)
from documents.models import Document, Participant

OUTGOING = Document.Direction.OUTGOING
S = Document.State

URGENCY_MARKS = {1: "KHẨN", 2: "THƯỢNG KHẨN", 3: "HỎA TỐC"}
SECRECY_MARKS = {1: "MẬT", 2: "TỐI MẬT", 3: "TUYỆT MẬT"}


def lock(document: Document) -> Document:
    """The outgoing document's row, locked until the transaction ends, as it is now in the database."""
    try:
        return (Document.objects.select_for_update(of=("self",))
                .select_related("agency__unit", "document_type", "drafting_unit", "signer", "register")
                .get(pk=document.pk, direction=OUTGOING))
    except Document.DoesNotExist:
        raise DocumentNotFound(_("No such document."), code=DocumentErrorCode.NOT_FOUND) from None


def guard(allowed: bool, document: Document) -> None:
    """Refuse what the document's state does not allow (409: someone may have acted first)."""
    if document.is_frozen:
        raise DocumentConflict(_("This document was recalled: it is kept as it was and nothing more can be done "
                                 "to it."), code=DocumentErrorCode.FROZEN)
    if not allowed:
        raise DocumentConflict(
            _("This cannot be done now: the document is “%(state)s”. Reload the page to see where it is.")
            % {"state": document.get_state_display()}, code=DocumentErrorCode.BAD_STATE)


def require(allowed: bool, message: str) -> None:
    if not allowed:
        raise DocumentForbidden(message, code=DocumentErrorCode.FORBIDDEN)


def invalid(field: str, message: str) -> DocumentError:
    return DocumentError(message, code=DocumentErrorCode.INVALID, extra={"errors": {field: [message]}})


def required_text(value: str | None, *, field: str, message: str, limit: int = 2000) -> str:
    text = " ".join((value or "").split())
    if not text:
        raise invalid(field, message)
    return text[:limit]


def participant_add(document: Document, user: User, role: str) -> None:
    """Give ``user`` the document explicitly (the only way to see it when it is secret)."""
    Participant.objects.get_or_create(document=document, user=user, role=role)


def is_drafter(user: User, document: Document) -> bool:
    return document.created_by_id == user.pk and permissions.is_agency_official(user, document.agency_id)


def reviews(user: User, document: Document) -> bool:
    """Heads the drafting unit (and did not draft it: a head's own draft goes straight to the leader)."""
    return (permissions.is_agency_official(user, document.agency_id)
            and permissions.heads_unit(user, document.drafting_unit_id))


def signs(user: User, document: Document) -> bool:
    return document.signer_id == user.pk and permissions.is_leader(user, document.agency_id)


def clerks_of(agency_id: int):
    return User.objects.filter(agency_id=agency_id, role=User.Role.CLERK, is_active=True)
