"""What the payment services share: locks in a fixed order (the dossier, then its payment), who may act."""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse

from accounts.models import User
from dossiers.models import Dossier
from dossiers.permissions import is_centre_officer
from payments.models import Payment


def lock_dossier(dossier_id: int) -> Dossier:
    return Dossier.objects.select_for_update().select_related("procedure_version").get(pk=dossier_id)


def lock_payment(payment_id: int) -> Payment:
    return Payment.objects.select_for_update().get(pk=payment_id)


def is_payment_official(user: User, dossier: Dossier) -> bool:
    """Asks for payment and records refunds: a one-stop officer of the receiving centre, or an official of
    the agency that resolves the dossier."""
    if not user.is_authenticated or not user.is_official:
        return False
    return is_centre_officer(user, dossier) or (
        bool(user.agency_id) and user.agency_id == dossier.procedure_version.agency_id)


def absolute(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


def notify_url() -> str:
    return absolute(reverse("payments:ipn"))


def return_url() -> str:
    return absolute(reverse("payments:return"))
