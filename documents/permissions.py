"""Who sees and does what with documents (issue 12 §5). Officials see the documents of their own agency as
their role and assignments allow: the agency's clerks (văn thư) and leaders see all of them; a unit's head
sees those given to the unit or drafted in it; every other official those they take part in. A secret
document is seen only by its participants (documents.models.Participant), never in anybody else's list.
Citizens and the provincial admin see none. Services enforce the actions under the row lock; selectors
and views filter with ``visible_to``."""

from __future__ import annotations

from django.db.models import Exists, OuterRef, Q, QuerySet

from accounts.models import User
from documents.models import Assignment, Document, OrgUnit, Participant, UnitMembership

# The roles that see every non-secret document of their agency.
AGENCY_WIDE = (User.Role.CLERK, User.Role.LEADER)


def is_agency_official(user: User, agency_id: int | None) -> bool:
    return bool(user.is_authenticated and user.is_official and user.role != User.Role.ADMIN
                and agency_id is not None and user.agency_id == agency_id)


def is_clerk(user: User, agency_id: int | None) -> bool:
    return is_agency_official(user, agency_id) and user.role == User.Role.CLERK


def is_leader(user: User, agency_id: int | None) -> bool:
    return is_agency_official(user, agency_id) and user.role == User.Role.LEADER


def headed_units(user: User) -> QuerySet[OrgUnit]:
    return OrgUnit.objects.filter(memberships__user=user, memberships__is_head=True, agency_id=user.agency_id)


def heads_unit(user: User, unit_id: int | None) -> bool:
    return bool(unit_id and user.is_authenticated
                and UnitMembership.objects.filter(unit_id=unit_id, user=user, is_head=True).exists())


def visible_to(user: User, documents: QuerySet[Document] | None = None) -> QuerySet[Document]:
    """The documents ``user`` may see, as one filter (no per-row checks, so lists stay one query)."""
    documents = Document.objects.all() if documents is None else documents
    if not (user.is_authenticated and user.is_official and user.role != User.Role.ADMIN and user.agency_id):
        return documents.none()
    participates = Exists(Participant.objects.filter(document=OuterRef("pk"), user=user))
    if user.role in AGENCY_WIDE:
        seen = Q(secrecy=Document.Secrecy.NONE) | participates
    else:
        units = UnitMembership.objects.filter(user=user, is_head=True).values("unit_id")
        given = Exists(Assignment.objects.filter(document=OuterRef("pk"))
                       .filter(Q(user=user) | Q(unit_id__in=units)))
        drafted = Q(drafting_unit_id__in=units) & ~Q(state=Document.State.DRAFT)
        seen = (Q(secrecy=Document.Secrecy.NONE) & (given | drafted)) | participates
    return documents.filter(agency_id=user.agency_id).filter(seen)


def can_view(user: User, document: Document) -> bool:
    return visible_to(user, Document.objects.filter(pk=document.pk)).exists()
