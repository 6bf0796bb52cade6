"""Who may do what to a petition, decided once (the action registry, the pages and the API read these; the
services check them again under the row lock)."""

from __future__ import annotations

from accounts.models import User
from feedback.models import Petition

R = User.Role
# Officials of the holding agency who take petitions in (classify, refuse, ask, forward): a Public
# Administration Service Centre's one-stop officers as much as a department's specialists and clerks.
INTAKE_ROLES = (R.OFFICER, R.SPECIALIST, R.LEADER, R.CLERK)
HANDLER_ROLES = (R.SPECIALIST, R.LEADER, R.OFFICER, R.CLERK)


def _of_agency(user: User, petition: Petition) -> bool:
    return bool(user.is_authenticated and user.agency_id and user.agency_id == petition.agency_id)


def is_petitioner(user: User, petition: Petition) -> bool:
    return bool(user.is_authenticated and petition.citizen_id and petition.citizen_id == user.pk)


def can_take_in(user: User, petition: Petition) -> bool:
    return user.is_authenticated and (user.is_provincial_admin or (_of_agency(user, petition)
                                                                    and user.role in INTAKE_ROLES))


def is_leader(user: User, petition: Petition) -> bool:
    return user.is_authenticated and (user.is_provincial_admin or (_of_agency(user, petition)
                                                                    and user.role == R.LEADER))


def can_answer(user: User, petition: Petition) -> bool:
    """The assigned official, or a leader of the agency."""
    return is_leader(user, petition) or bool(user.is_authenticated and petition.handler_id == user.pk
                                             and _of_agency(user, petition))


def may_handle(user: User, agency_id: int | None) -> bool:
    """Whether ``user`` may be given petitions of the agency ``agency_id`` to handle."""
    return bool(user.is_active and user.agency_id == agency_id and user.role in HANDLER_ROLES)


def is_hotline_desk(user: User) -> bool:
    return user.is_authenticated and (user.role == R.HOTLINE or user.is_provincial_admin)
