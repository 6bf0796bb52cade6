"""What a change in the Django admin does to an official's sight of documents, said before it is saved
(Appendix VI: warn about permission changes until they are confirmed). Two changes matter
(documents.permissions): the role (an agency's clerks and leaders see every non-secret document of it) with
the agency, and heading a unit (its head sees the documents given to it or drafted in it). Plain membership
of a unit opens nothing by itself, but is told too, since it is who documents are given to."""

from __future__ import annotations

from django.utils.translation import gettext as _

from accounts.models import User
from documents import permissions
from documents.models import Document, OrgUnit


def _agency_wide(role: str) -> bool:
    return role in permissions.AGENCY_WIDE


def _sees_documents(role: str, agency_id: int | None) -> bool:
    return bool(agency_id) and role not in (User.Role.CITIZEN, User.Role.ADMIN)


def role_change(user: User, role: str, agency_id: int | None) -> list[str]:
    """accounts.access describer: what the new role and agency open or close among documents."""
    lines = []
    old_agency = user.agency_id if _sees_documents(user.role, user.agency_id) else None
    new_agency = agency_id if _sees_documents(role, agency_id) else None
    if old_agency and old_agency != new_agency:
        lines.append(_("Loses every official document and work file of %(agency)s.") % {"agency": user.agency})
    if new_agency and _agency_wide(role) and not (new_agency == old_agency and _agency_wide(user.role)):
        count = Document.objects.filter(agency_id=new_agency, secrecy=Document.Secrecy.NONE).count()
        lines.append(_("Gains sight of every non-secret document of the agency (%(count)d now) and of its work "
                       "files.") % {"count": count})
    elif new_agency and new_agency == old_agency and _agency_wide(user.role) and not _agency_wide(role):
        lines.append(_("No longer sees every document of the agency: only those given to them, to the units they "
                       "head, or that they take part in."))
    return lines


def membership_change(*, user: User, unit: OrgUnit, was_member: bool, was_head: bool, member: bool,
                      head: bool) -> str:
    """One sentence for a change of ``user``'s place in ``unit``; "" when nothing changes."""
    name, unit_name = user.full_name or user.username, unit.name
    if head and not was_head:
        return _("%(name)s will head %(unit)s and see the documents given to it or drafted in it.") % {
            "name": name, "unit": unit_name}
    if was_head and not head:
        return (_("%(name)s will no longer head %(unit)s nor see the documents given to it.") if member else
                _("%(name)s leaves %(unit)s, which they headed, and no longer sees the documents given to it.")) % {
            "name": name, "unit": unit_name}
    if member and not was_member:
        return _("%(name)s joins %(unit)s (documents may be given to them there).") % {"name": name, "unit": unit_name}
    if was_member and not member:
        return _("%(name)s leaves %(unit)s.") % {"name": name, "unit": unit_name}
    return ""
