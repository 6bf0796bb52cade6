"""Tra cứu hồ sơ: anyone with a dossier's code sees how far it has come; the applicant's masked name only
the applicant, or whoever also gives the last four digits of their CCCD or phone (dossiers.lookups).
Limited per client address so codes cannot be harvested by script."""

from __future__ import annotations

import io
import math

from django.conf import settings
from django.core.cache import cache
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from dossiers.errors import DossierNotFound
from dossiers.lookups import lookup_result, public_lookup
from dossiers.selectors import dossier_lookup_steps
from dossiers.slips.declaration import blank_declaration_pdf, declaration_file_name
from portal.ratelimit import usage as rate_usage
from portal.views import not_found
from procedures.models import ProcedureVersion

TEMPLATE = "dossiers/public/lookup.html"


def lookup_rate(group: str, request: HttpRequest) -> str:
    return settings.DOSSIER_LOOKUP_RATE


@require_GET
def lookup(request: HttpRequest) -> HttpResponse:
    code = (request.GET.get("code") or "").strip()[:40]
    last_digits = (request.GET.get("last_digits") or "").strip()[:10]
    if not code:
        return render(request, TEMPLATE, {"code": ""})
    # Every lookup with a code counts, found or not: probing for codes is what the limit stops.
    usage = rate_usage(request, group="dossiers.lookup", key="ip", rate=lookup_rate, increment=True)
    if usage is not None and usage["should_limit"]:
        return _limited(request, seconds_left=usage["time_left"])
    try:
        visitor = public_lookup(request, user=request.user, code=code, last_digits=last_digits)
    except DossierNotFound as error:
        return render(request, TEMPLATE, {"code": code, "error": error.message}, status=404)
    dossier = visitor.lookup
    return render(request, TEMPLATE, {
        "code": code, "last_digits": last_digits, "digits_message": DIGITS_MESSAGES.get(visitor.digits, ""),
        "found": {
            "code": dossier.code,
            "state": dossier.state,
            "state_label": dossier.state_display,
            "procedure": dossier.procedure_display_name,
            "centre": dossier.centre_display_name,
            "submitted_at": dossier.submitted_at,
            "received_at": dossier.received_at,
            "due_at": dossier.due_at,
            "result_ready_at": dossier.result_ready_at,
            "current_step": dossier.current_step,
            "late": dossier.is_late(),
            "applicant": visitor.applicant,
            "returned_at": dossier.returned_at,
            "steps": dossier_lookup_steps(dossier) if dossier.received_at else [],
            "result": lookup_result(dossier),
        },
    })


DIGITS_MESSAGES = {
    "wrong": _("These digits do not match the applicant's CCCD or phone number, so the name is not shown."),
    "limited": _("Too many attempts at the digits for this dossier today; the name is not shown. Log in to see "
                 "your dossier."),
}


def _limited(request: HttpRequest, *, seconds_left: int) -> HttpResponse:
    seconds = max(int(seconds_left), 1)
    response = render(request, "dossiers/public/lookup_limited.html",
                      {"minutes": max(math.ceil(seconds / 60), 1)}, status=429)
    response["Retry-After"] = str(seconds)
    return response


@require_GET
def blank_declaration(request: HttpRequest, code: str) -> HttpResponse:
    """Mẫu tờ khai: the e-form of the procedure in force as a PDF to fill in by hand. A published version
    never changes, so its PDF is made once and cached."""
    version = (ProcedureVersion.objects.current().select_related("procedure")
               .filter(procedure__code=(code or "").strip()[:40]).first())
    if version is None:
        return not_found(request, _("There is no procedure with code %(code)s in force.") % {"code": code[:40]})
    if not version.form_fields.exists():
        return not_found(request, _("This procedure has no declaration form."))
    key = f"dossiers:blank-declaration:{version.pk}:{version.updated_at.timestamp()}"
    content = cache.get(key)
    if content is None:
        content = blank_declaration_pdf(version)
        cache.set(key, content, timeout=24 * 3600)
    response = FileResponse(io.BytesIO(content), as_attachment=True, content_type="application/pdf",
                            filename=f"Mẫu {declaration_file_name(version)[0].lower()}{declaration_file_name(version)[1:]}")
    response["X-Content-Type-Options"] = "nosniff"
    return response
