"""Reads of the outgoing flow: the worklists of the documents' home (my drafts and those sent back, to
review, to sign, to number and issue, issued recently), each a page with urgent documents first; and what a
document's page offers."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from documents import permissions
from documents.models import Document, OrgUnit, Register, UnitMembership

S = Document.State
RECENT_DAYS = 30


@dataclass(frozen=True)
class Worklist:
    key: str
    label: Promise
    empty: Promise

    def documents(self, user: User) -> QuerySet[Document]:
        return outgoing_for(user).filter(_FILTERS[self.key](user))


def _recent() -> dt.datetime:
    return timezone.now() - dt.timedelta(days=RECENT_DAYS)


def _headed(user: User):
    return UnitMembership.objects.filter(user=user, is_head=True).values("unit_id")


# Which documents each worklist holds, for a user (visible_to decides the rest).
_FILTERS = {
    "drafts": lambda user: Q(created_by=user, state__in=(S.DRAFT, S.SENT_BACK)),
    "to_review": lambda user: Q(state=S.IN_REVIEW, drafting_unit_id__in=_headed(user)),
    "to_sign": lambda user: Q(state=S.TO_SIGN, signer=user),
    "to_issue": lambda user: Q(state=S.SIGNED),
    "issued": lambda user: Q(state=S.ISSUED, issued_at__gte=_recent()) & (
        Q() if user.role in permissions.AGENCY_WIDE else Q(created_by=user)),
}

WORKLISTS = {w.key: w for w in (
    Worklist("drafts", _("My drafts and those sent back"), _("You have no draft document.")),
    Worklist("to_review", _("Drafts to review"), _("No draft waits for your review.")),
    Worklist("to_sign", _("Documents to sign"), _("No document waits for your signature.")),
    Worklist("to_issue", _("To number and issue"), _("No signed document waits for its number.")),
    Worklist("issued", _("Issued in the last 30 days"), _("No document was issued in the last 30 days.")),
)}


def outgoing_for(user: User) -> QuerySet[Document]:
    return permissions.visible_to(user, Document.objects.filter(direction=Document.Direction.OUTGOING))


def worklist_keys(user: User) -> list[str]:
    """The worklists of the user's role(s), in the order of the flow."""
    if not (user.is_authenticated and user.is_official and user.agency_id and user.role != User.Role.ADMIN):
        return []
    keys = ["drafts"]
    if UnitMembership.objects.filter(user=user, is_head=True, unit__agency_id=user.agency_id).exists():
        keys.append("to_review")
    if user.role == User.Role.LEADER:
        keys.append("to_sign")
    if user.role == User.Role.CLERK:
        keys.append("to_issue")
    keys.append("issued")
    return keys


def worklists_for(user: User) -> list:
    """The outgoing worklists the user has (documents.selectors.pages.Queue), in the order of the flow: one
    query for all their counts."""
    from documents.selectors.pages import Queue

    keys = worklist_keys(user)
    if not keys:
        return []
    counts = outgoing_for(user).aggregate(**{key: Count("pk", filter=_FILTERS[key](user)) for key in keys})
    return [Queue(key=f"outgoing_{key}", label=WORKLISTS[key].label,
                  url=reverse("documents:outgoing_list", kwargs={"key": key}), count=counts[key]) for key in keys]


def worklist_page(user: User, key: str) -> QuerySet[Document]:
    """A worklist's documents, urgent first, then the most recently changed."""
    return (WORKLISTS[key].documents(user).select_related("document_type", "drafting_unit", "signer")
            .order_by("-urgency", "-updated_at", "-id"))


def units_for(user: User) -> QuerySet[OrgUnit]:
    """The units the user may draft for: their own; a leader or a clerk, any of the agency's."""
    units = OrgUnit.objects.filter(agency_id=user.agency_id, is_active=True)
    if user.role not in permissions.AGENCY_WIDE:
        units = units.filter(memberships__user=user)
    return units.order_by("name").distinct()


def signers_for(user: User) -> QuerySet[User]:
    return User.objects.filter(agency_id=user.agency_id, role=User.Role.LEADER, is_active=True).order_by("full_name")


def outgoing_registers(agency_id: int) -> QuerySet[Register]:
    return Register.objects.filter(agency_id=agency_id, direction=Register.Direction.OUTGOING,
                                   is_active=True).order_by("secret", "name")


def letter_type_id() -> int | None:
    """Công văn: the kind a correction is issued as."""
    from documents.models import DocumentType

    return DocumentType.objects.filter(code="cong-van").values_list("pk", flat=True).first()
