"""How payments takes part in the dossier's life without dossiers knowing it (registered in apps.py): the
submission guard of fees paid before submission, and the reactions to the dossier's events."""

from __future__ import annotations

from django.utils.translation import gettext as _

from dossiers.errors import SubmissionHeld
from dossiers.models import Dossier, DossierEvent
from payments import selectors
from payments.errors import PaymentErrorCode
from payments.models import Payment
from payments.services.refunds import refunds_mark_due
from payments.services.settling import announce


def submission_check(dossier: Dossier) -> None:
    """dossiers.services.intake.submission_checks: fees due before submission must be paid first."""
    if dossier.procedure_version.payment_timing != selectors.Timing.BEFORE_SUBMISSION:
        return  # no query for the procedures not paid online before submission
    dues = selectors.dossier_dues(dossier)
    if dues.online and dues.timing == selectors.Timing.BEFORE_SUBMISSION and dues.paid is None:
        raise SubmissionHeld(
            _("Pay the fees online before submitting (%(amount)s đồng): your dossier is kept as a draft; use "
              "“Pay online” on its page, then submit it.") % {"amount": f"{dues.total:,}".replace(",", ".")},
            code=PaymentErrorCode.NOT_PAID)


def event_recorded(event: DossierEvent) -> None:
    """dossiers.events.event_recorded: a payment made on the draft is recorded on the history at submission
    (the national portal hears of it then); a dossier closed without a result owes a refund."""
    if event.kind == DossierEvent.Kind.SUBMITTED and event.dossier.procedure_version.payment_timing != "none":
        for payment in Payment.objects.filter(dossier_id=event.dossier_id, state=Payment.State.PAID, announced=False):
            announce(payment, event.dossier)
    refunds_mark_due(event)
