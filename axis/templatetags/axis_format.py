"""How the axis pages say what the axis writes in codes: an organ's code in its full notation, a DocumentId as
the number and date a clerk reads on the letter, and a status code by its meaning."""

from __future__ import annotations

import datetime as dt

from django import template
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from axis import edxml
from axis.packing import printed
from axis.receiving import STATUS_OF_CODE

register = template.Library()


@register.filter
def organ_code(code: str) -> str:
    """``H41`` → ``000.00.00.H41``, as the axis and the letter write it."""
    return printed(code) if code else ""


@register.filter
def document_reference(document_id: str) -> str:
    """``000.00.00.H41,2026/12/07,03/UBND-VX`` → "03/UBND-VX, 07/12/2026" (or the id as it came)."""
    _organ, _sep, rest = (document_id or "").partition(",")
    day, _sep, code = rest.partition(",")
    try:
        date = dt.datetime.strptime(day, edxml.DATE).date()
    except ValueError:
        return document_id
    if not code:
        return document_id
    return _("%(code)s of %(date)s") % {"code": code, "date": date_format(date, "SHORT_DATE_FORMAT")}


@register.filter
def status_label(code: str) -> str:
    """A status code with what it means to the sender: "Registered (03)"."""
    if code == edxml.CHANGE_REFUSED:
        label = _("Revocation refused")
    elif code in STATUS_OF_CODE:
        label = STATUS_OF_CODE[code].label
    else:
        return code
    return f"{label} ({code})"
