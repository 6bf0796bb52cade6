"""Tờ khai: the applicant's declaration, printed from the answers to the procedure's e-form when the
dossier is submitted online or filed at the counter, and the blank form (mẫu tờ khai) anyone can download
from the procedure's page to fill in by hand. Pure: data in, bytes out."""

from __future__ import annotations

import datetime

from django.utils import timezone, translation

from documents.layout.letterhead import place_name
from documents.layout.pdf import template_pdf
from dossiers.models import Dossier
from procedures.eforms import answers_display
from procedures.models import FormField, ProcedureVersion

TEMPLATE = "dossiers/slips/declaration.html"
UNANSWERED = "—"


def declaration_title(version: ProcedureVersion) -> str:
    """ "Tờ khai đăng ký khai sinh" from "Đăng ký khai sinh" (an acronym at the start keeps its capitals)."""
    name = version.name.strip()
    if len(name) > 1 and name[1].islower():
        name = name[0].lower() + name[1:]
    return f"Tờ khai {name}"


def declaration_file_name(version: ProcedureVersion) -> str:
    return f"{declaration_title(version)}.pdf"


def _sections(version: ProcedureVersion, answers: dict | None, *, blank: bool) -> list:
    with translation.override("vi"):
        sections = answers_display(version.form_fields.all(), answers or {}, skip_empty=False)
    rows = []
    for section in sections:
        items = []
        for answer in section.items:
            spec = answer.spec
            options = []
            if blank and spec.type == FormField.Type.CHOICE:
                options = list(spec.options)
            elif blank and spec.type == FormField.Type.YES_NO:
                options = ["Có", "Không"]
            items.append({"label": answer.label, "text": answer.text or ("" if blank else UNANSWERED),
                          "required": spec.required, "options": options, "long": spec.type == FormField.Type.LONG_TEXT,
                          "date": spec.type == FormField.Type.DATE,
                          # Long or many options are printed one under the other, short ones on one line.
                          "stacked": len(options) > 4 or any(len(option) > 25 for option in options)})
        rows.append({"title": section.title, "items": items})
    return rows


def _addressee(dossier: Dossier) -> str:
    """Kính gửi: the agency that resolves it; for a commune-level procedure, the receiving commune's."""
    version = dossier.procedure_version
    if version.level == ProcedureVersion.Level.COMMUNE:
        return dossier.centre.agency.name
    return version.agency.name


def declaration_pdf(dossier: Dossier, *, on: datetime.datetime | None = None) -> bytes:
    """The dossier's declaration with its answers, dated the day it was submitted or filed (``on``)."""
    version = dossier.procedure_version
    moment = timezone.localtime(on or dossier.submitted_at or timezone.now())
    centre = dossier.centre
    context = {
        "blank": False, "title": declaration_title(version), "version": version, "dossier": dossier,
        "addressee": _addressee(dossier),
        "place": place_name(centre.unit), "date": moment.date(),
        "sections": _sections(version, dossier.form_data, blank=False),
        "online": dossier.channel == Dossier.Channel.ONLINE,
    }
    return template_pdf(TEMPLATE, context, title=declaration_title(version))


def blank_declaration_pdf(version: ProcedureVersion) -> bytes:
    """The e-form as a paper form to fill in by hand: every question with room for the answer."""
    context = {
        "blank": True, "title": declaration_title(version), "version": version,
        "sections": _sections(version, {}, blank=True),
    }
    return template_pdf(TEMPLATE, context, title=f"Mẫu {declaration_title(version)[0].lower()}"
                                                  f"{declaration_title(version)[1:]}")
