"""Starting a payment: the officer's request (fees paid on request), and the applicant's attempt, which
creates the order on the national payment platform."""

from __future__ import annotations

import datetime as dt
import logging
import secrets

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from dossiers import events
from dossiers.models import Dossier, DossierEvent
from dossiers.permissions import is_applicant
from payments import client, selectors
from payments.errors import (
    PaymentConflict,
    PaymentError,
    PaymentErrorCode,
    PaymentForbidden,
    PlatformUnavailable,
)
from payments.models import Payment
from payments.services._common import is_payment_official, lock_dossier, notify_url, return_url

logger = logging.getLogger(__name__)
Timing = selectors.Timing


@transaction.atomic
def payment_request(*, dossier: Dossier, officer: User) -> DossierEvent:
    """Ask the applicant to pay the fees online (procedures whose fees are paid on request)."""
    dossier = lock_dossier(dossier.pk)
    if not is_payment_official(officer, dossier):
        raise PaymentForbidden(_("Only the officials handling this dossier may ask for payment."),
                               code=PaymentErrorCode.FORBIDDEN)
    dues = selectors.dossier_dues(dossier)
    if not dues.online or dues.timing != Timing.ON_REQUEST:
        raise PaymentConflict(_("This procedure's fees are not paid online on request."), code=PaymentErrorCode.NOT_DUE)
    if dues.paid is not None:
        raise PaymentConflict(_("The fees of this dossier are already paid."), code=PaymentErrorCode.ALREADY_PAID)
    if dues.requested is not None:
        raise PaymentConflict(_("Payment has already been asked for."), code=PaymentErrorCode.BAD_STATE)
    if dossier.state in (*selectors.CLOSED, Dossier.State.DRAFT):
        raise PaymentConflict(_("Payment cannot be asked for a dossier in this state."), code=PaymentErrorCode.BAD_STATE)
    return events.record(dossier, kind=DossierEvent.Kind.PAYMENT_REQUESTED, actor=officer,
                         data={"amount_due": dues.total, "fee_lines": _public_lines(dues.lines)})


def _public_lines(lines: list[dict]) -> list[dict]:
    return [{"description": line["description"], "amount": line["amount"]} for line in lines]


@transaction.atomic
def _payment_open(*, dossier: Dossier, user: User) -> Payment:
    dossier = lock_dossier(dossier.pk)
    if not is_applicant(user, dossier):
        raise PaymentForbidden(_("This is not your dossier."), code=PaymentErrorCode.FORBIDDEN)
    dues = selectors.dossier_dues(dossier)
    if dues.paid is not None:
        raise PaymentConflict(_("The fees of this dossier are already paid."), code=PaymentErrorCode.ALREADY_PAID)
    if not selectors.payable_now(dossier, dues):
        raise PaymentConflict(_("There is nothing to pay online for this dossier now."), code=PaymentErrorCode.NOT_DUE)
    now = timezone.now()
    pending = dues.pending
    if pending is not None and pending.amount == dues.total and pending.expires_at > now + dt.timedelta(minutes=1):
        return pending  # a second click: the same page, not a second order
    return Payment.objects.create(
        order_id=f"CMC{now:%y%m%d}{secrets.token_hex(6).upper()}", dossier=dossier, amount=dues.total,
        fee_lines=dues.lines, started_by=user, expires_at=now + dt.timedelta(minutes=settings.PAYMENT_EXPIRY_MINUTES))


def payment_start(*, dossier: Dossier, user: User) -> Payment:
    """The applicant pays: an order on the platform, whose payment page they are sent to. The attempt is
    committed before the platform is asked (no lock is held over the network, and a platform that answers
    late never tells of an order we do not know). If the platform is down or refuses, the attempt is marked
    failed, nothing is charged, and the applicant can try again."""
    payment = _payment_open(dossier=dossier, user=user)
    if payment.payment_url:
        return payment
    version = dossier.procedure_version
    description = f"Thanh toán phí, lệ phí hồ sơ {dossier.code or version.name}"[:255]
    try:
        url = client.order_create(order_id=payment.order_id, amount=payment.amount, description=description,
                                  return_url=return_url(), notify_url=notify_url(),
                                  expires_at=payment.expires_at.timestamp())
    except client.PlatformDown as error:
        logger.warning("payment platform unavailable for %s: %s", payment.order_id, error)
        _payment_abandon(payment)
        raise PlatformUnavailable(
            _("The national payment platform is not answering. Nothing was charged; please try again in a few "
              "minutes."), code=PaymentErrorCode.PLATFORM_UNAVAILABLE) from None
    except client.PlatformRefused as error:
        logger.error("payment platform refused %s (%s): %s", payment.order_id, version.procedure.code, error)
        _payment_abandon(payment)
        raise PaymentError(_("The national payment platform refused the payment. Nothing was charged; please "
                             "try again, or pay at the centre."), code=PaymentErrorCode.PLATFORM_REFUSED) from None
    Payment.objects.filter(pk=payment.pk, payment_url="").update(payment_url=url, updated_at=timezone.now())
    payment.payment_url = url
    return payment


def payment_settled_without_platform(*, dossier: Dossier, user: User, transaction_id: str) -> Payment:
    """For the demo province and the trial-operation simulation, which run without the platform: the applicant's
    order opened as ``payment_start`` opens it, then settled as the platform's callback settles it (same guards,
    same receipt, same events). Never called by a page or the API."""
    from payments.services.settling import payment_settle

    payment = _payment_open(dossier=dossier, user=user)
    now = timezone.now()
    payment, _outcome = payment_settle(order_id=payment.order_id, status=Payment.State.PAID, amount=payment.amount,
                                       transaction_id=transaction_id, paid_at=now)
    return payment


def _payment_abandon(payment: Payment) -> None:
    """The platform never took the order: the attempt failed (a late "paid" for it would still be honoured)."""
    Payment.objects.filter(pk=payment.pk, state=Payment.State.PENDING, payment_url="").update(
        state=Payment.State.FAILED, updated_at=timezone.now())
    payment.refresh_from_db()
