"""What a change of an official's role or agency does to what they may see, told before it is saved
(Decree 30/2020, Appendix VI: "cảnh báo khi thay đổi quyền truy cập cho đến khi được xác nhận").

The apps above accounts know what a role opens to whom (documents: an agency's clerk and leaders see every
non-secret document of it). Each registers a describer from its ``AppConfig.ready()``; the user admin shows
what they say and saves only once the admin confirms (accounts.admin.UserEditForm)."""

from __future__ import annotations

from collections.abc import Callable

from django.utils.translation import gettext as _

from accounts.models import User

# (the user as stored, the new role, the new agency's id) -> sentences saying what they gain or lose.
AccessDescriber = Callable[[User, str, int | None], list[str]]
_DESCRIBERS: list[AccessDescriber] = []


def access_describer_register(describer: AccessDescriber) -> None:
    if describer not in _DESCRIBERS:
        _DESCRIBERS.append(describer)


def access_changes(user: User, *, role: str, agency) -> list[str]:
    """What changing ``user`` (as stored) to ``role`` in ``agency`` changes; empty when nothing does."""
    agency_id = getattr(agency, "pk", None)
    if user.pk is None or (user.role == role and user.agency_id == agency_id):
        return []
    lines = []
    if user.role != role:
        lines.append(_("Role: %(old)s → %(new)s.") % {"old": user.get_role_display(), "new": User.Role(role).label})
    if user.agency_id != agency_id:
        lines.append(_("Agency: %(old)s → %(new)s.") % {"old": user.agency or "—", "new": agency or "—"})
    for describer in _DESCRIBERS:
        lines.extend(describer(user, role, agency_id))
    return lines
