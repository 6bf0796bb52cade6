"""Payment pages: the applicant's pay button and the browser's return from the platform, the platform's
callback (IPN), the electronic receipt and its public verification, the officials' request and refund."""

from __future__ import annotations

import json
import logging

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpResponseBadRequest, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST

from dossiers.models import Dossier
from dossiers.permissions import is_applicant
from payments import client
from payments.errors import PaymentError
from payments.models import Payment, PaymentCallback
from payments.receipt import receipt_file_name, receipt_pdf
from payments.services import callback_receive, payment_refund, payment_request, payment_start, payment_sync

logger = logging.getLogger(__name__)
Outcome = PaymentCallback.Outcome
MAX_IPN_BYTES = 16 * 1024
# What the platform is told (its codes): received (also a repeat), unknown order, bad amount, bad signature.
IPN_ANSWERS = {
    Outcome.APPLIED: (200, "00"), Outcome.FLAGGED: (200, "00"), Outcome.DUPLICATE: (200, "02"),
    Outcome.IGNORED: (200, "02"), Outcome.UNKNOWN_ORDER: (200, "01"), Outcome.AMOUNT_MISMATCH: (200, "04"),
    Outcome.BAD_SIGNATURE: (400, "97"), Outcome.INVALID: (400, "99"),
}


def _dossier_url(dossier: Dossier) -> str:
    return redirect("dossiers:detail", dossier.uuid).url + "#payment"


@login_required
@require_POST
def pay(request, uuid):
    dossier = get_object_or_404(Dossier.objects.visible_to(request.user), uuid=uuid)
    try:
        payment = payment_start(dossier=dossier, user=request.user)
    except PaymentError as error:
        messages.error(request, error.message)
        return redirect(_dossier_url(dossier))
    return redirect(payment.payment_url)


@login_required
@require_GET
def payment_return(request):
    """The browser back from the platform. Its word is never taken alone: the page shows what the portal
    knows, after asking the platform itself when the payment is still pending."""
    order_id = request.GET.get("order_id", "")
    payment = (Payment.objects.select_related("dossier").filter(order_id=order_id).first()
               if order_id and len(order_id) <= 64 and "\x00" not in order_id else None)
    if payment is None or not is_applicant(request.user, payment.dossier):
        raise Http404
    fields = {key: request.GET.get(key) for key in request.GET}
    callback_receive(source=PaymentCallback.Source.RETURN, fields=fields, raw=request.META.get("QUERY_STRING", ""),
                     secret=settings.PAYMENT_SECRET)
    payment.refresh_from_db()
    if payment.is_pending:
        try:
            payment = payment_sync(payment, secret=settings.PAYMENT_SECRET)
        except client.PlatformDown:
            logger.warning("payment platform unavailable to confirm %s", payment.order_id)
    text = {
        Payment.State.PAID: _("Payment received. Thank you: your electronic receipt is ready."),
        Payment.State.PENDING: _("The payment is not confirmed yet. This page will show it as soon as the "
                                 "national payment platform confirms it."),
        Payment.State.CANCELLED: _("The payment was cancelled. Nothing was charged; you can pay again."),
        Payment.State.FAILED: _("The payment did not go through. Nothing was charged; you can pay again."),
        Payment.State.EXPIRED: _("The payment expired before it was made. You can pay again."),
    }.get(payment.state, payment.get_state_display())
    (messages.success if payment.state == Payment.State.PAID else messages.info)(request, text)
    return redirect(_dossier_url(payment.dossier))


@csrf_exempt
@require_POST
def ipn(request):
    """The platform's server-to-server callback: JSON, signed; answered with its expected JSON."""
    if len(request.body) > MAX_IPN_BYTES:
        return JsonResponse({"code": "99", "message": "body too large"}, status=413)
    raw = request.body.decode("utf-8", "replace")
    try:
        fields = json.loads(raw) if "\x00" not in raw else None
    except ValueError:
        fields = None
    _payment, outcome = callback_receive(source=PaymentCallback.Source.IPN, fields=fields, raw=raw,
                                         secret=settings.PAYMENT_SECRET)
    status, code = IPN_ANSWERS[outcome]
    return JsonResponse({"code": code, "message": outcome}, status=status)


def _payment_for(request, uuid) -> Payment:
    payment = get_object_or_404(Payment.objects.select_related("dossier"), uuid=uuid)
    if not Dossier.objects.visible_to(request.user).filter(pk=payment.dossier_id).exists():
        raise Http404
    return payment


@login_required
@require_GET
def receipt(request, uuid):
    payment = _payment_for(request, uuid)
    if not payment.has_receipt:
        raise Http404
    response = FileResponse(iter([receipt_pdf(payment)]), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{receipt_file_name(payment)}"'
    return response


@require_GET
def receipt_verify(request, uuid):
    """Public: anyone holding the receipt (its QR code) checks that the portal issued it."""
    payment = get_object_or_404(Payment.objects.select_related("dossier", "dossier__centre"), uuid=uuid)
    if not payment.has_receipt:
        raise Http404
    return render(request, "payments/verify.html", {"payment": payment, "dossier": payment.dossier})


@login_required
@require_POST
def request_payment(request, uuid):
    dossier = get_object_or_404(Dossier.objects.visible_to(request.user), uuid=uuid)
    try:
        payment_request(dossier=dossier, officer=request.user)
        messages.success(request, _("The applicant is asked to pay the fees online."))
    except PaymentError as error:
        messages.error(request, error.message)
    return redirect(_dossier_url(dossier))


@login_required
@require_POST
def refund(request, uuid):
    payment = _payment_for(request, uuid)
    reference = request.POST.get("reference", "")
    if len(reference) > 1000:
        return HttpResponseBadRequest(_("The reference is too long."))
    try:
        payment_refund(payment=payment, officer=request.user, reference=reference)
        messages.success(request, _("The refund is recorded."))
    except PaymentError as error:
        messages.error(request, error.message)
    return redirect(_dossier_url(payment.dossier))
