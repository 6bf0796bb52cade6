"""Settling a payment from what the platform says — its callback (IPN), the browser's return, the answer to
a query — exactly once, whatever the number and order of the messages.

The rules (docs/payments.md): the amount must equal the attempt's to the đồng, or nothing changes; a pending
attempt takes the first settled status it hears of; a repeated status is a duplicate; any other status for a
settled attempt is recorded and changes nothing — except "paid" for an attempt cancelled, failed or expired
here: the bank took the money, so it is recorded as paid and flagged for an officer (who refunds it if the
fees were paid twice). Every message is kept in PaymentCallback, signed or not."""

from __future__ import annotations

import json
import logging
from datetime import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from dossiers import events
from dossiers.models import Dossier, DossierEvent
from payments import client, signing
from payments.models import Payment, PaymentCallback, ReceiptSeries
from payments.services._common import lock_dossier, lock_payment

logger = logging.getLogger(__name__)
Outcome = PaymentCallback.Outcome
MAX_RAW = 4000
STATUSES = {state.value for state in Payment.SETTLED} | {Payment.State.PENDING.value}


@transaction.atomic
def payment_settle(*, order_id: str, status: str, amount: int, transaction_id: str = "",
                   paid_at: datetime | None = None) -> tuple[Payment | None, str]:
    """Apply the platform's word on an order; the payment and the outcome (PaymentCallback.Outcome)."""
    found = Payment.objects.filter(order_id=order_id).values_list("pk", "dossier_id").first()
    if found is None:
        return None, Outcome.UNKNOWN_ORDER
    dossier = lock_dossier(found[1])
    payment = lock_payment(found[0])
    if amount != payment.amount:
        logger.error("payment %s: the platform says %s đồng, the order was for %s", order_id, amount, payment.amount)
        return payment, Outcome.AMOUNT_MISMATCH
    if status == payment.state:
        return payment, Outcome.DUPLICATE
    if status == Payment.State.PENDING or status not in STATUSES:
        return payment, Outcome.IGNORED
    outcome = Outcome.APPLIED
    if not payment.is_pending:
        if status != Payment.State.PAID or payment.state not in (Payment.State.CANCELLED, Payment.State.FAILED,
                                                                  Payment.State.EXPIRED):
            return payment, Outcome.IGNORED
        outcome = Outcome.FLAGGED
        payment.attention = Payment.Attention.PAID_LATE
    payment.state = status
    if status == Payment.State.PAID:
        _paid(payment, dossier, transaction_id=transaction_id, paid_at=paid_at)
    payment.save()
    if status == Payment.State.PAID and dossier.state != Dossier.State.DRAFT:
        announce(payment, dossier)
    return payment, outcome


def _paid(payment: Payment, dossier: Dossier, *, transaction_id: str, paid_at: datetime | None) -> None:
    payment.transaction_id = transaction_id[:64]
    payment.paid_at = paid_at or timezone.now()
    payment.receipt_number = _receipt_number(payment.paid_at.year)
    if dossier.payments.filter(state=Payment.State.PAID).exclude(pk=payment.pk).exists():
        payment.attention, payment.refund_due = Payment.Attention.PAID_TWICE, True
    if dossier.state in (Dossier.State.REFUSED, Dossier.State.STOPPED, Dossier.State.WITHDRAWN):
        payment.attention, payment.refund_due = Payment.Attention.CLOSED, True


def _receipt_number(year: int) -> str:
    """The next number of the year's series (gap-free: a locked row, in the payment's transaction)."""
    ReceiptSeries.objects.get_or_create(year=year)
    series = ReceiptSeries.objects.select_for_update().get(year=year)
    series.last += 1
    series.save(update_fields=["last"])
    return f"BL{year}-{series.last:06d}"


def announce(payment: Payment, dossier: Dossier) -> DossierEvent:
    """Record the payment on the dossier's history, which carries it to the national portal."""
    payment.announced = True
    payment.save(update_fields=["announced", "updated_at"])
    return events.record(dossier, kind=DossierEvent.Kind.PAID, actor=None, data={
        "paid_online": 1, "amount_paid": payment.amount,
        "fee_lines": [{"description": line["description"], "amount": line["amount"]} for line in payment.fee_lines],
        "order_id": payment.order_id, "transaction_id": payment.transaction_id,
        "receipt_number": payment.receipt_number, "paid_at": payment.paid_at.isoformat(),
    })


def _text(value, limit: int = 64) -> str | None:
    return value if isinstance(value, str) and value and len(value) <= limit and "\x00" not in value else None


def callback_receive(*, source: str, fields, raw: str, secret: str) -> tuple[Payment | None, str]:
    """A message from the platform (``fields`` a dict, or anything a forger sends): checked, applied,
    logged. The outcome says what was done; nothing here raises on bad input. The browser's return is only
    logged, never applied, even when signed: a browser can replay an old one; the platform's callback and
    its answer to a query are what settle a payment."""
    payment, outcome, status, order_id, signature_ok = None, Outcome.INVALID, "", "", False
    if isinstance(fields, dict):
        order_id = _text(fields.get("order_id")) or ""
        status = _text(fields.get("status"), 20) or ""
        signature_ok = signing.verify(fields, secret)
        amount = fields.get("amount")
        if isinstance(amount, str) and amount.isdigit() and len(amount) < 16:
            amount = int(amount)  # a query string carries text
        if not signature_ok:
            outcome = Outcome.BAD_SIGNATURE
        elif source == PaymentCallback.Source.RETURN:
            outcome = Outcome.IGNORED
            payment = Payment.objects.filter(order_id=order_id).first() if order_id else None
        elif order_id and status and isinstance(amount, int) and not isinstance(amount, bool):
            paid_at = parse_datetime(_text(fields.get("paid_at")) or "") if fields.get("paid_at") else None
            payment, outcome = payment_settle(order_id=order_id, status=status, amount=amount,
                                              transaction_id=_text(fields.get("transaction_id")) or "",
                                              paid_at=paid_at if paid_at and paid_at.tzinfo else None)
    PaymentCallback.objects.create(source=source, payment=payment, order_id=order_id, status=status,
                                   raw=raw.replace("\x00", "\\0")[:MAX_RAW], signature_ok=signature_ok, outcome=outcome)
    if outcome in (Outcome.AMOUNT_MISMATCH, Outcome.FLAGGED, Outcome.BAD_SIGNATURE):
        logger.warning("payment message from %s for %r: %s", source, order_id, outcome)
    return payment, outcome


def payment_sync(payment: Payment, *, secret: str) -> Payment:
    """Ask the platform where the order stands (the browser's return of a pending payment, reconciliation)
    and apply its signed answer. Raises client.PlatformDown when it cannot be asked."""
    state = client.order_query(payment.order_id)
    if state is None:
        return payment
    fields = {"order_id": state.order_id, "status": state.status, "amount": state.amount,
              "transaction_id": state.transaction_id, "paid_at": state.paid_at}
    # The client checked the answer's signature; the log records it as received, signed again to say so.
    updated, _outcome = callback_receive(source=PaymentCallback.Source.QUERY, fields=signing.signed(fields, secret),
                                         raw=json.dumps(fields, ensure_ascii=False), secret=secret)
    return updated or payment
