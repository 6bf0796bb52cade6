"""Kết quả giải quyết thủ tục hành chính: the result page the leader generates at the approval step.
Pure: data in, bytes out (the digital signature is applied by the signing issue, on these bytes)."""

from __future__ import annotations

from django.utils import timezone

from accounts.models import User
from dossiers.lookups import lookup_url
from dossiers.models import Dossier
from dossiers.slips import letterhead
from dossiers.slips.pdf import template_pdf
from portal.qrcodes import qr_data_uri

TITLE = "Kết quả giải quyết thủ tục hành chính"


def result_pdf(dossier: Dossier, signer: User) -> bytes:
    agency = signer.agency or dossier.procedure_version.agency
    context = {
        "dossier": dossier, "version": dossier.procedure_version, "signer": signer, "agency": agency,
        "title": TITLE, "letterhead": letterhead.for_agency(agency, on=timezone.now()),
        "lookup_qr": qr_data_uri(lookup_url(dossier.code)) if dossier.code else "",
    }
    return template_pdf("dossiers/slips/result.html", context, title=f"{TITLE} {dossier.code or ''}".strip())
