"""The payment panels of a dossier's page (dossiers.web.panels): the applicant's (fee lines, the pay button,
the payment's state and receipt) and the officials' (the same, with the officer's request and refunds)."""

from __future__ import annotations

from django.template.loader import render_to_string

from dossiers.permissions import is_applicant
from payments import selectors
from payments.services._common import is_payment_official


def _context(dossier) -> dict:
    dues = selectors.dossier_dues(dossier)
    return {"dossier": dossier, "dues": dues, "payable": selectors.payable_now(dossier, dues),
            "Timing": selectors.Timing}


def _paid_online(dossier) -> bool:
    """A published version never changes: a procedure not paid online has no payment to show (and no query)."""
    return dossier.procedure_version.payment_timing != selectors.Timing.NONE


def applicant_panel(request, dossier) -> str | None:
    if not is_applicant(request.user, dossier) or not _paid_online(dossier):
        return None
    context = _context(dossier)
    if not context["dues"].online and not context["dues"].payments:
        return None
    return render_to_string("payments/panel_applicant.html", context, request=request)


def official_panel(request, dossier) -> str | None:
    user = request.user
    if not user.is_authenticated or not user.is_official or not _paid_online(dossier):
        return None
    context = _context(dossier)
    dues = context["dues"]
    if not dues.online and not dues.payments:
        return None
    acts = is_payment_official(user, dossier)
    context.update(
        may_request=acts and dues.timing == selectors.Timing.ON_REQUEST and dues.requested is None
        and dues.paid is None and dossier.state not in (*selectors.CLOSED, "draft"),
        may_refund=acts,
    )
    return render_to_string("payments/panel_official.html", context, request=request)
