"""Formatting filters for the public pages: durations with their unit and amounts of money, both in the
active language's number format (Vietnamese groups thousands with "." and writes decimals with ",")."""

from decimal import Decimal

from django import template
from django.utils import numberformat
from django.utils.formats import get_format, number_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from portal.text import nfc
from portal.timeunits import TimeUnit

register = template.Library()


@register.filter
def duration(amount, unit: str) -> str:
    """``5`` + ``working_days`` -> "5 working days" ("5 ngày làm việc")."""
    if amount in (None, ""):
        return ""
    amount = Decimal(amount)
    whole = amount == amount.to_integral_value()
    # 0.50 -> "0.5", 10.00 -> "10" (not "1E+1"); the separator follows the language ("0,5" in Vietnamese).
    shown = number_format(amount.quantize(Decimal(1)) if whole else amount.normalize(), use_l10n=True)
    n = int(amount) if whole else 2  # ngettext needs an integer; "0.5 days" and "1.5 days" are plural
    if unit == TimeUnit.WORKING_HOURS:
        text = ngettext("%(n)s working hour", "%(n)s working hours", n)
    elif unit == TimeUnit.DAYS:
        text = ngettext("%(n)s day", "%(n)s days", n)
    elif unit == TimeUnit.MONTHS:
        text = ngettext("%(n)s month", "%(n)s months", n)
    else:
        text = ngettext("%(n)s working day", "%(n)s working days", n)
    return text % {"n": shown}


@register.filter
def vnd(amount) -> str:
    """``50000`` -> "50,000 VND" in English, "50.000 VND" in Vietnamese ("50.000 đồng" if the
    Vietnamese catalogue translates the msgid that way)."""
    if amount in (None, ""):
        return ""
    # Grouping by three explicitly: Django's Vietnamese formats name "." as the separator but set no
    # grouping, so intcomma would print 75000.
    grouped = numberformat.format(
        int(amount), get_format("DECIMAL_SEPARATOR"), decimal_pos=0, grouping=3,
        thousand_sep=get_format("THOUSAND_SEPARATOR"), force_grouping=True,
    )
    return _("%(amount)s VND") % {"amount": grouped}


@register.filter
def nfc_text(value) -> str:
    """Compose decomposed Vietnamese (Django's own name for Vietnamese, "Tiếng Việt", is stored in NFD)
    so that what the page shows is NFC like the rest of our text."""
    return nfc(str(value))
