"""Biên lai thu phí, lệ phí điện tử: the electronic receipt of an online payment, a PDF under the receiving
centre's letterhead (Decree 30/2020 header, as the dossier's slips), with the fee lines, the total in figures
and in words, and a QR code opening the receipt's public verification page."""

from __future__ import annotations

from django.urls import reverse

from documents.layout import letterhead
from documents.layout.pdf import template_pdf
from dossiers.slips.words import _below_thousand, number_words
from payments.models import Payment
from payments.services._common import absolute
from portal.qrcodes import qr_data_uri

TITLE = "Biên lai thu phí, lệ phí"


def amount_words(amount: int) -> str:
    """The amount in Vietnamese words, "Một triệu hai trăm nghìn đồng" (up to 999 999 tỷ)."""
    if amount < 1_000_000:
        words = number_words(amount)
    else:
        billions, rest = divmod(amount, 1_000_000_000)
        millions, rest = divmod(rest, 1_000_000)
        thousands, units = divmod(rest, 1000)
        parts = [f"{amount_words(billions)[:-5].lower()} tỷ"] if billions else []
        for value, unit in ((millions, "triệu"), (thousands, "nghìn"), (units, "")):
            if value:
                parts.append(f"{_below_thousand(value, full=bool(parts))} {unit}".strip())
        words = " ".join(parts)
    return f"{words[:1].upper()}{words[1:]} đồng"


def verify_url(payment: Payment) -> str:
    return absolute(reverse("payments:verify", args=[payment.uuid]))


def receipt_file_name(payment: Payment) -> str:
    return f"bien-lai-{payment.receipt_number}.pdf"


def receipt_pdf(payment: Payment) -> bytes:
    dossier = payment.dossier
    url = verify_url(payment)
    context = {
        "payment": payment, "dossier": dossier, "centre": dossier.centre, "title": TITLE,
        "letterhead": letterhead.for_centre(dossier.centre, on=payment.paid_at), "number": payment.receipt_number,
        "amount_words": amount_words(payment.amount), "verify_url": url, "verify_qr": qr_data_uri(url),
    }
    return template_pdf("payments/receipt.html", context, title=f"{TITLE} {payment.receipt_number}")
