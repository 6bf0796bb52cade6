"""Giấy tờ của hồ sơ: the slips of a dossier (forms 01–06 of Circular 03/2025/TT-VPCP), the tracking
book of a centre (form 07) and the result drafted from the procedure's template, as PDF (and the book as Excel
too).

Each document is a template under templates/dossiers/slips/, rendered in Vietnamese with the standard
header of administrative documents (documents.layout.letterhead) and laid out by documents.layout.pdf."""

from __future__ import annotations

from django.utils.translation import gettext as _

from documents.layout.pdf import template_pdf
from dossiers.errors import DossierErrorCode, DossierNotFound
from dossiers.models import Dossier
from dossiers.slips import forms
from dossiers.slips.book import tracking_book_pdf, tracking_book_xlsx
from dossiers.slips.result import result_layout, result_pdf

__all__ = ["slip_forms", "slip_pdf", "result_layout", "result_pdf", "tracking_book_pdf", "tracking_book_xlsx"]


def slip_forms(dossier: Dossier) -> list[tuple[str, str]]:
    """The slips this dossier has now, as (form number, Vietnamese title), in form order."""
    return [(form.number, form.title) for form, _event in forms.available(dossier)]


def slip_pdf(dossier: Dossier, form: str) -> bytes:
    """The slip as a PDF, from the dossier's latest event of its kind. Raises DossierNotFound when the
    dossier has no such slip (no refusal, no extension...) or the form is unknown."""
    spec = forms.FORMS.get(form)
    event = forms.history.last_event(dossier, spec.event_kind) if spec else None
    if spec is None or event is None:
        raise DossierNotFound(_("This dossier has no such slip."), code=DossierErrorCode.NO_SLIP)
    title = f"{spec.title} {dossier.code or ''}".strip()
    return template_pdf(spec.template, forms.context(dossier, spec, event), title=title)
