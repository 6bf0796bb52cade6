"""The agency's internal units and their officials, for its clerk and leaders (who give documents to them).
Changing them stays in the Django admin (documents.admin.OrgUnitAdmin), which asks to confirm changes of
access."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.views.decorators.http import require_GET

from documents.selectors import units as selectors
from documents.web.common import documents_official_required


@documents_official_required
@require_GET
def units(request):
    if not selectors.may_see_units(request.user):
        raise PermissionDenied
    return render(request, "documents/units.html", {
        "units": selectors.units_of(request.user), "unplaced": selectors.officials_without_unit(request.user),
        "can_edit": request.user.is_staff and request.user.has_perm("documents.change_orgunit"),
    })
