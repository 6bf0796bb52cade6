"""Kết quả giải quyết thủ tục hành chính: the result document generated from the procedure's template — as
the specialist's draft (dự thảo: no signer yet, marked as a draft) or, at the approval step, in its final
form with the leader as signer. Pure: data in, bytes out (the digital signature is applied by the signing
service, on these bytes).

The result is an outgoing document of the resolving agency: its letterhead, and a "Số: …/…" line that
the agency's register of outgoing documents fills (``number``) once results are numbered there."""

from __future__ import annotations

from django.utils import timezone, translation

from accounts.models import User
from documents.layout import letterhead
from documents.layout.pdf import template_pdf
from dossiers.lookups import lookup_url
from dossiers.models import Dossier
from dossiers.slips.forms import UNNUMBERED
from portal.qrcodes import qr_data_uri
from procedures.eforms import answers_by_key, answers_display
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
        **form_context(dossier),
    }
    return template_pdf("dossiers/slips/result.html", context, title=f"{TITLE} {dossier.code or ''}".strip())


def form_context(dossier: Dossier) -> dict:
    """The e-form's answers for the result's template, in Vietnamese: ``answers`` by key (for a template
    that prints a few by name, e.g. ``answers.ho_ten_tre``) and ``form_sections``; the first section (the
    person or thing the result is about, by the catalogue's convention) is printed on the generic result."""
    with translation.override("vi"):
        definition = list(dossier.procedure_version.form_fields.all())
        sections = answers_display(definition, dossier.form_data)
        return {"answers": answers_by_key(definition, dossier.form_data), "form_sections": sections,
                "main_section": sections[0] if sections else None}
