"""Kết quả giải quyết thủ tục hành chính: the result document generated from the procedure's template — as
the specialist's draft (dự thảo: no signer yet, marked as a draft) or, at the approval step, in its final
form with the leader as signer. Pure: data in, bytes out (the digital signature is applied by the signing
service, on these bytes).

The result is an outgoing document of the resolving agency: its letterhead, and a "Số: …/…" line that
the agency's register of outgoing documents fills (``number``) once results are numbered there."""

from __future__ import annotations

from django.utils import timezone

from accounts.models import User
from dossiers.lookups import lookup_url
from dossiers.models import Dossier
from dossiers.slips import letterhead
from dossiers.slips.forms import UNNUMBERED
from dossiers.slips.pdf import template_pdf
from portal.qrcodes import qr_data_uri
from units.models import Agency

TITLE = "Kết quả giải quyết thủ tục hành chính"


def result_pdf(dossier: Dossier, signer: User | None, *, agency: Agency | None = None, draft: bool = False,
               number: str = "") -> bytes:
    """The result; ``signer`` None (a draft) leaves the signature block for the leader who will sign."""
    agency = agency or (signer.agency if signer else None) or dossier.procedure_version.agency
    context = {
        "dossier": dossier, "version": dossier.procedure_version, "signer": signer, "agency": agency,
        "title": TITLE, "letterhead": letterhead.for_agency(agency, on=timezone.now()),
        "lookup_qr": qr_data_uri(lookup_url(dossier.code)) if dossier.code else "",
        "draft": draft, "number": number or UNNUMBERED,
    }
    return template_pdf("dossiers/slips/result.html", context, title=f"{TITLE} {dossier.code or ''}".strip())
