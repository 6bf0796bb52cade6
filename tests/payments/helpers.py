import datetime as dt
import secrets

from django.utils import timezone

from dossiers.services import dossier_draft_save
from payments import selectors
from payments.models import Payment


def draft(world, citizen=None):
    citizen = citizen or world.citizen
    return dossier_draft_save(citizen=citizen, version=world.version, centre=world.centre,
                              applicant=world.applicant(), uploads=world.uploads())


def pending_payment(dossier, **values) -> Payment:
    """An attempt as payment_start leaves it once the platform took the order."""
    dues = selectors.dossier_dues(dossier)
    return Payment.objects.create(**{
        "order_id": f"T{secrets.token_hex(6)}", "dossier": dossier, "amount": dues.total, "fee_lines": dues.lines,
        "payment_url": "http://platform.test/pay/x", "expires_at": timezone.now() + dt.timedelta(minutes=15),
        **values})
