"""An official's own certificates: the requests made for them, choosing the PIN that issues an approved
one, the token's state, and downloading the certificate."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from signatures import profile, selectors, services
from signatures.errors import SignatureError
from signatures.forms import IssueForm
from signatures.models import Certificate, CertificateRequest


def _official(request: HttpRequest) -> None:
    if not request.user.is_official:
        raise PermissionDenied


def _page(request: HttpRequest, *, issue_form: IssueForm | None = None, failed: str = "", status: int = 200):
    user = request.user
    return render(request, "signatures/mine.html", {
        "certificates": list(selectors.certificates_of(user)),
        "requests": list(selectors.requests_of(user).exclude(state=CertificateRequest.State.ISSUED)),
        "current": selectors.signing_certificate_for(user),
        "issue_form": issue_form or IssueForm(), "failed": failed,
    }, status=status)


@login_required
@require_GET
def mine(request: HttpRequest) -> HttpResponse:
    _official(request)
    return _page(request)


@login_required
@require_POST
def issue(request: HttpRequest, uuid) -> HttpResponse:
    _official(request)
    certificate_request = get_object_or_404(CertificateRequest, uuid=uuid, official=request.user)
    form = IssueForm(request.POST)
    if not form.is_valid():
        return _page(request, issue_form=form, failed=str(uuid), status=400)
    try:
        certificate = services.certificate_issue(request=certificate_request, official=request.user,
                                                 pin=form.cleaned_data["pin"],
                                                 pin_confirm=form.cleaned_data["pin_confirm"])
    except SignatureError as error:
        form.add_service_errors(error)
        return _page(request, issue_form=form, failed=str(uuid), status=error.status_code)
    messages.success(request, _("Your certificate %(serial)s was issued. Keep your PIN secret: nobody, not even "
                                "the admin, can recover it.") % {"serial": certificate.serial})
    return redirect("signatures:mine")


@login_required
@require_GET
def download(request: HttpRequest, uuid) -> HttpResponse:
    """The certificate (public data): its holder and provincial admins may download it, as .crt or .pem."""
    certificate = get_object_or_404(Certificate, uuid=uuid)
    user = request.user
    if certificate.holder_id != user.pk and not user.is_provincial_admin:
        raise Http404
    name = f"chung-thu-so-{certificate.serial}"
    if request.GET.get("format") == "pem":
        response = HttpResponse(certificate.certificate_pem, content_type="application/x-pem-file")
        response["Content-Disposition"] = f'attachment; filename="{name}.pem"'
        return response
    response = HttpResponse(profile.der(profile.load(certificate.certificate_pem)),
                            content_type="application/pkix-cert")
    response["Content-Disposition"] = f'attachment; filename="{name}.crt"'
    return response
