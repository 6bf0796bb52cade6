"""The provincial admin's certificate office: requests (one by one or from Excel), review, issued
certificates with revocation and token unlocking, and the readiness of each agency."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts.decorators import admin_required
from portal.pagination import paginate
from signatures import imports, selectors, services
from signatures.errors import SignatureError
from signatures.forms import ImportForm, RejectForm, RequestForm, RevokeForm
from signatures.models import Certificate, CertificateRequest

PAGE_SIZE = 25
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _requests_page(request: HttpRequest, *, failed: str = "", reject_form: RejectForm | None = None,
                   error: str = "", status: int = 200) -> HttpResponse:
    state = request.GET.get("state", "")
    state = state if state in CertificateRequest.State.values else ""
    query = (request.GET.get("q") or "").strip()[:100]
    return render(request, "signatures/manage/requests.html", {
        "section": "requests", "state": state, "query": query, "states": CertificateRequest.State.choices,
        "ca_ready": selectors.ca_ready(), "failed": failed, "reject_form": reject_form or RejectForm(),
        "error": error, **paginate(request, selectors.request_list(state=state, query=query), per_page=PAGE_SIZE),
    }, status=status)


@admin_required
@require_GET
def request_list(request: HttpRequest) -> HttpResponse:
    return _requests_page(request)


@admin_required
@require_http_methods(["GET", "POST"])
def request_new(request: HttpRequest) -> HttpResponse:
    form = RequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        personal = data["kind"] == CertificateRequest.Kind.PERSONAL
        try:
            created = services.certificate_request_create(
                admin=request.user, official=data["official"] if personal else None,
                agency=None if personal else data["agency"], position=data["position"],
                department=data["department"], email=data["email"], validity_days=data["validity_days"])
        except SignatureError as error:
            form.add_service_errors(error)
        else:
            messages.success(request, _("The request for %(name)s was registered; review it below.")
                             % {"name": created.full_name})
            return redirect("signatures:manage")
    status = 400 if request.method == "POST" else 200
    return render(request, "signatures/manage/request_new.html", {"section": "requests", "form": form},
                  status=status)


@admin_required
@require_http_methods(["GET", "POST"])
def request_import(request: HttpRequest) -> HttpResponse:
    form = ImportForm(request.POST or None, request.FILES or None)
    context = {"section": "requests", "form": form, "columns": imports.COLUMNS}
    if request.method == "POST" and form.is_valid():
        try:
            created = imports.requests_import(admin=request.user, content=form.cleaned_data["file"].read())
        except SignatureError as error:
            return render(request, "signatures/manage/request_import.html",
                          {**context, "error": error.message, "rows": error.extra.get("rows", [])}, status=400)
        messages.success(request, ngettext("%(count)s request was registered.", "%(count)s requests were registered.",
                                           len(created)) % {"count": len(created)})
        return redirect(f"{reverse('signatures:manage')}?state=pending")
    return render(request, "signatures/manage/request_import.html", context,
                  status=400 if request.method == "POST" else 200)


@admin_required
@require_GET
def import_template(request: HttpRequest) -> HttpResponse:
    response = HttpResponse(imports.template_file(), content_type=XLSX)
    response["Content-Disposition"] = 'attachment; filename="mau-de-nghi-cap-chung-thu-so.xlsx"'
    return response


@admin_required
@require_POST
def request_act(request: HttpRequest, uuid, action: str) -> HttpResponse:
    if action not in ("approve", "reject"):
        raise Http404
    certificate_request = get_object_or_404(CertificateRequest, uuid=uuid)
    form = RejectForm(request.POST) if action == "reject" else None
    if form is not None and not form.is_valid():
        return _requests_page(request, failed=str(uuid), reject_form=form,
                              error=_("Please correct the errors below."), status=400)
    try:
        if action == "approve":
            done = services.certificate_request_approve(request=certificate_request, admin=request.user)
            message = (_("The certificate of %(name)s was issued.") if done.state == CertificateRequest.State.ISSUED
                       else _("The request of %(name)s was approved; they choose their PIN to have the certificate "
                              "issued.")) % {"name": done.full_name}
        else:
            done = services.certificate_request_reject(request=certificate_request, admin=request.user,
                                                       reason=form.cleaned_data["reason"])
            message = _("The request of %(name)s was rejected.") % {"name": done.full_name}
    except SignatureError as error:
        if form is not None:
            form.add_service_errors(error)
        return _requests_page(request, failed=str(uuid), reject_form=form, error=error.message,
                              status=error.status_code)
    messages.success(request, message)
    return redirect("signatures:manage")


def _certificates_page(request: HttpRequest, *, failed: str = "", revoke_form: RevokeForm | None = None,
                       error: str = "", status: int = 200) -> HttpResponse:
    status_filter = request.GET.get("status", "")
    status_filter = status_filter if status_filter in ("valid", "revoked", "expired", "locked") else ""
    query = (request.GET.get("q") or "").strip()[:100]
    return render(request, "signatures/manage/certificates.html", {
        "section": "certificates", "status": status_filter, "query": query, "failed": failed,
        "revoke_form": revoke_form or RevokeForm(), "error": error, "reasons": Certificate.Reason.choices,
        **paginate(request, selectors.certificate_list(status=status_filter, query=query), per_page=PAGE_SIZE),
    }, status=status)


@admin_required
@require_GET
def certificate_list(request: HttpRequest) -> HttpResponse:
    return _certificates_page(request)


@admin_required
@require_POST
def certificate_act(request: HttpRequest, uuid, action: str) -> HttpResponse:
    if action not in ("revoke", "unlock"):
        raise Http404
    certificate = get_object_or_404(Certificate, uuid=uuid)
    form = RevokeForm(request.POST) if action == "revoke" else None
    if form is not None and not form.is_valid():
        return _certificates_page(request, failed=str(uuid), revoke_form=form,
                                  error=_("Please correct the errors below."), status=400)
    try:
        if action == "revoke":
            services.certificate_revoke(certificate=certificate, admin=request.user, reason=form.cleaned_data["reason"])
            message = _("The certificate of %(name)s was revoked; the revocation list is published again.")
        else:
            services.token_unlock(certificate=certificate, admin=request.user)
            message = _("The token of %(name)s was unlocked.")
    except SignatureError as error:
        if form is not None:
            form.add_service_errors(error)
        return _certificates_page(request, failed=str(uuid), revoke_form=form, error=error.message,
                                  status=error.status_code)
    messages.success(request, message % {"name": certificate.common_name})
    return redirect("signatures:certificates")


@admin_required
@require_GET
def readiness(request: HttpRequest) -> HttpResponse:
    rows = selectors.readiness()
    signers, ready = sum(r.signers for r in rows), sum(r.ready for r in rows)
    return render(request, "signatures/manage/readiness.html", {
        "section": "readiness", "rows": rows, "signers": signers, "ready": ready,
        "agencies_ready": sum(1 for r in rows if r.missing == 0 and r.organisation_ready),
    })
