"""Refunds (hoàn trả phí, lệ phí): a dossier closed without a result after its fees were paid (refused,
stopped, withdrawn) has its payment marked "refund due" at once; an official records the refund, with the
reference of the transfer, once the money has gone back. The portal moves no money itself."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from dossiers import events
from dossiers.models import DossierEvent
from payments.errors import PaymentConflict, PaymentError, PaymentErrorCode, PaymentForbidden
from payments.models import Payment
from payments.services._common import is_payment_official, lock_dossier, lock_payment
from portal.text import nfc

CLOSING = (DossierEvent.Kind.REFUSED, DossierEvent.Kind.STOPPED, DossierEvent.Kind.WITHDRAWN)


def refunds_mark_due(event: DossierEvent) -> None:
    """dossiers.events.event_recorded: a dossier closed without a result owes back what was paid for it."""
    if event.kind not in CLOSING:
        return
    Payment.objects.filter(dossier_id=event.dossier_id, state=Payment.State.PAID, refund_due=False).update(
        refund_due=True, attention=Payment.Attention.CLOSED,
        updated_at=timezone.now())


@transaction.atomic
def payment_refund(*, payment: Payment, officer: User, reference: str) -> Payment:
    """Record that the fees were paid back (the bank transfer's reference)."""
    dossier = lock_dossier(payment.dossier_id)
    payment = lock_payment(payment.pk)
    if not is_payment_official(officer, dossier):
        raise PaymentForbidden(_("Only the officials handling this dossier may record a refund."),
                               code=PaymentErrorCode.FORBIDDEN)
    reference = nfc(reference or "").strip()
    if not reference or len(reference) > 100 or "\x00" in reference:
        raise PaymentError(_("Enter the reference of the refund transfer (at most 100 characters)."),
                           code=PaymentErrorCode.INVALID, extra={"errors": {"reference": [_("Enter a reference.")]}})
    if not payment.can_refund():
        raise PaymentConflict(_("Only a paid payment can be refunded."), code=PaymentErrorCode.BAD_STATE)
    payment.state = Payment.State.REFUNDED
    payment.refund_due = False
    payment.attention = Payment.Attention.NONE
    payment.refunded_at = timezone.now()
    payment.refunded_by = officer
    payment.refund_reference = reference
    payment.save()
    events.record(dossier, kind=DossierEvent.Kind.REFUNDED, actor=officer, note=reference, data={
        "paid_online": 1, "amount_refunded": payment.amount, "order_id": payment.order_id, "reference": reference})
    return payment
