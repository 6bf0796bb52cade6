"""Public pages: the CA's certificates and CRLs (where issued certificates point), and verification of a
signed PDF, which anyone may use (limited per client address)."""

from __future__ import annotations

import math

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET, require_http_methods

from portal.ratelimit import usage as rate_usage
from signatures import profile, selectors
from signatures.errors import SignatureConflict
from signatures.forms import VerifyForm
from signatures.models import CertificateAuthority
from signatures.verification import verify_pdf


def _ca(kind: str) -> CertificateAuthority:
    ca = CertificateAuthority.objects.filter(kind=kind).first()
    if ca is None:
        raise Http404
    return ca


@require_GET
@cache_control(public=True, max_age=300)
def crl(request: HttpRequest, kind: str) -> HttpResponse:
    ca = _ca(kind)
    if not ca.crl_der:
        raise Http404
    response = HttpResponse(bytes(ca.crl_der), content_type="application/pkix-crl")
    response["Content-Disposition"] = f'inline; filename="{kind}.crl"'
    return response


@require_GET
@cache_control(public=True, max_age=3600)
def ca_certificate(request: HttpRequest, kind: str) -> HttpResponse:
    ca = _ca(kind)
    if request.GET.get("format") == "pem":
        return HttpResponse(ca.certificate_pem, content_type="application/x-pem-file")
    response = HttpResponse(profile.der(profile.load(ca.certificate_pem)), content_type="application/pkix-cert")
    response["Content-Disposition"] = f'attachment; filename="{kind}-ca.crt"'
    return response


def verify_rate(group: str, request: HttpRequest) -> str:
    return settings.SIGNATURES_VERIFY_RATE


@require_http_methods(["GET", "POST"])
def verify(request: HttpRequest) -> HttpResponse:
    context = {"ca_ready": selectors.ca_ready()}
    if request.method == "GET":
        return render(request, "signatures/verify.html", {**context, "form": VerifyForm()})
    usage = rate_usage(request, group="signatures.verify", key="ip", rate=verify_rate, increment=True)
    if usage is not None and usage["should_limit"]:
        seconds = max(int(usage["time_left"]), 1)
        response = render(request, "signatures/verify.html", {**context, "form": VerifyForm(),
                          "limited_minutes": max(math.ceil(seconds / 60), 1)}, status=429)
        response["Retry-After"] = str(seconds)
        return response
    form = VerifyForm(request.POST, request.FILES)
    if not form.is_valid():
        return render(request, "signatures/verify.html", {**context, "form": form}, status=400)
    try:
        trust, revocations = selectors.verification_trust()
    except SignatureConflict as error:
        return render(request, "signatures/verify.html", {**context, "form": form, "error": error.message}, status=409)
    report = verify_pdf(form.content(), trust=trust, revocations=revocations)
    return render(request, "signatures/verify.html", {
        **context, "form": VerifyForm(), "report": report, "file_name": form.cleaned_data["file"].name})
