"""An agency's internal units and their officials, as its clerk and leaders see them."""

from __future__ import annotations

from django.db.models import Prefetch, QuerySet

from accounts.models import User
from documents import permissions
from documents.models import OrgUnit, UnitMembership


def may_see_units(user: User) -> bool:
    return permissions.is_agency_official(user, getattr(user, "agency_id", None)) and (
        user.role in permissions.AGENCY_WIDE)


def units_of(user: User) -> QuerySet[OrgUnit]:
    """The units of the user's agency, heads first then members by name, in two queries."""
    members = (UnitMembership.objects.select_related("user").filter(user__is_active=True)
               .order_by("-is_head", "user__full_name", "user__username"))
    return (OrgUnit.objects.filter(agency_id=user.agency_id)
            .prefetch_related(Prefetch("memberships", queryset=members)).order_by("-is_active", "name"))


def officials_without_unit(user: User) -> QuerySet[User]:
    """The agency's officials in no unit (the leaders, usually; anyone not placed yet)."""
    return (User.objects.filter(agency_id=user.agency_id, is_active=True).exclude(role=User.Role.CITIZEN)
            .exclude(unit_memberships__unit__agency_id=user.agency_id).order_by("full_name", "username"))
