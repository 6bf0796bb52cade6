"""Tra cứu Cơ sở dữ liệu quốc gia về dân cư from the dossier forms: the JSON endpoint prefill.js calls,
and ``lookup_for`` that the forms' "Tra cứu" button (without JavaScript) goes through too, so both paths
share the consent check and the per-user rate limit."""

from __future__ import annotations

import math

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, JsonResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_ratelimit import ALL

from dossiers.registry import Lookup, may_look_up, registry_lookup
from portal.ratelimit import usage as rate_usage

GROUP = "dossiers.registry_lookup"
STATUS_CODES = {"found": 200, "not_found": 200, "mismatch": 200, "no_consent": 400, "invalid": 400,
                "not_own": 403, "limited": 429, "unavailable": 503}


def page_status(lookup: Lookup) -> int:
    """The status of a form page shown again after a lookup: it still works when the registry does not."""
    return {"no_consent": 400, "invalid": 400, "not_own": 403, "limited": 429}.get(lookup.status, 200)


def _rate(group: str, request: HttpRequest) -> str:
    return settings.NPSP_LOOKUP_RATE


def lookup_for(request: HttpRequest, *, cccd: str, consent: bool) -> Lookup:
    """One lookup for the logged-in user. The limit (``NPSP_LOOKUP_RATE``, per account, not per address:
    a centre's officers share one) counts only the lookups that would reach the registry."""
    if consent and cccd.strip():
        usage = rate_usage(request, group=GROUP, key="user", rate=_rate, method=ALL, increment=True)
        if usage is not None and usage["should_limit"]:
            minutes = max(math.ceil(max(int(usage["time_left"]), 1) / 60), 1)
            return Lookup("limited", _("Too many lookups in a short time. Enter the details by hand, or try the "
                                       "lookup again in %(minutes)s minutes.") % {"minutes": minutes})
    return registry_lookup(user=request.user, cccd=cccd, consent=consent)


@require_POST
@login_required
def lookup(request: HttpRequest) -> JsonResponse:
    if not may_look_up(request.user):
        raise PermissionDenied
    result = lookup_for(request, cccd=request.POST.get("cccd", ""), consent=bool(request.POST.get("consent")))
    return JsonResponse({"status": result.status, "message": result.message, "values": result.values,
                         "token": result.token}, status=STATUS_CODES[result.status])
