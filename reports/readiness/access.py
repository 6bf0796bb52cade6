"""Who may see and confirm what on the readiness board, decided once for the pages and the services: the
provincial admin everything; a leader their own commune's page and its manual items; nobody else."""

from __future__ import annotations

from accounts.models import User
from units.models import AdministrativeUnit


def may_see_board(user: User) -> bool:
    return user.is_authenticated and user.is_provincial_admin


def _leads(user: User, unit: AdministrativeUnit) -> bool:
    # A leader of one of the commune's agencies; the province's own page is the provincial admin's.
    return (user.role == User.Role.LEADER and user.agency_id is not None and not unit.is_provincial
            and user.agency.unit_id == unit.pk)


def may_see_unit(user: User, unit: AdministrativeUnit) -> bool:
    return user.is_authenticated and (user.is_provincial_admin or _leads(user, unit))


def may_confirm(user: User, unit: AdministrativeUnit) -> bool:
    """Tick or untick a manual item, with its note."""
    return may_see_unit(user, unit)
