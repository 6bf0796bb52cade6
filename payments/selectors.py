"""Reads of online payment: what a dossier owes (its procedure version's fees), whether it must be paid now,
and its payments, for the pages, the API and the services' guards."""

from __future__ import annotations

from dataclasses import dataclass, field

from dossiers.models import Dossier, DossierEvent
from payments.models import Payment
from procedures.models import ProcedureVersion

Timing = ProcedureVersion.PaymentTiming
# A dossier in these states is closed: nothing more is paid for it.
CLOSED = (Dossier.State.REFUSED, Dossier.State.STOPPED, Dossier.State.WITHDRAWN, Dossier.State.RETURNED)


def fee_lines(version: ProcedureVersion) -> list[dict]:
    """The fee lines with an amount (phí, lệ phí), in order: [{"description", "description_en", "amount"}]."""
    return [{"description": fee.description, "description_en": fee.description_en, "amount": fee.amount}
            for fee in version.fees.all() if fee.amount > 0]


@dataclass
class Dues:
    """What a dossier owes and where its payment stands."""

    timing: str
    lines: list[dict]
    total: int
    payments: list[Payment] = field(default_factory=list)
    requested: DossierEvent | None = None

    @property
    def online(self) -> bool:
        """The procedure's fees are paid online (before submission or on request) and there is an amount."""
        return self.timing != Timing.NONE and self.total > 0

    @property
    def paid(self) -> Payment | None:
        return next((p for p in self.payments if p.state in (Payment.State.PAID, Payment.State.REFUNDED)), None)

    @property
    def pending(self) -> Payment | None:
        return next((p for p in self.payments if p.is_pending and p.payment_url), None)


def dossier_dues(dossier: Dossier) -> Dues:
    version = dossier.procedure_version
    lines = fee_lines(version)
    requested = (dossier.events.filter(kind=DossierEvent.Kind.PAYMENT_REQUESTED).order_by("-pk").first()
                 if version.payment_timing == Timing.ON_REQUEST else None)
    return Dues(timing=version.payment_timing, lines=lines, total=sum(line["amount"] for line in lines),
                payments=list(dossier.payments.all()), requested=requested)


def payable_now(dossier: Dossier, dues: Dues) -> bool:
    """The applicant may pay now: fees paid online, not paid yet, and the step has come (a draft sent online,
    for fees due before submission; the officer's request, for fees due on request)."""
    if not dues.online or dues.paid is not None or dossier.state in CLOSED:
        return False
    if dues.timing == Timing.BEFORE_SUBMISSION:
        return dossier.state == Dossier.State.DRAFT and dossier.channel == Dossier.Channel.ONLINE
    return dues.requested is not None and dossier.state != Dossier.State.DRAFT


def payment_for_order(order_id: str) -> Payment | None:
    return Payment.objects.select_related("dossier").filter(order_id=order_id).first()
