"""What the scopes are called on the pages and in the workbooks."""

from __future__ import annotations

from django.utils.translation import gettext as _

from procedures.models import ProcedureVersion
from reports.indicators.figures import Scope
from units.models import AdministrativeUnit, Agency, ServiceCentre


def scope_names(kind: str, ids) -> dict[int, str]:
    ids = list(ids)
    if kind == "unit":
        return {u.pk: u.display_name for u in AdministrativeUnit.objects.filter(pk__in=ids)}
    if kind == "centre":
        return {c.pk: c.display_name for c in ServiceCentre.objects.filter(pk__in=ids)}
    if kind == "agency":
        return {a.pk: a.display_name for a in Agency.objects.filter(pk__in=ids)}
    if kind == "procedure":
        versions = ProcedureVersion.objects.current().filter(procedure_id__in=ids).select_related("procedure")
        names = {v.procedure_id: f"{v.procedure.code} · {v.display_name}" for v in versions}
        return {pk: names.get(pk, str(pk)) for pk in ids}
    return {}


def scope_name(scope: Scope) -> str:
    if scope.kind == "province":
        return _("The whole province")
    return scope_names(scope.kind, [scope.id]).get(scope.id, "")

