from decimal import Decimal

import pytest
from django.utils import translation
from django.utils.translation import gettext, ngettext

from portal.templatetags.portal_format import duration, nfc_text, vnd

UNIT_WORDS = {
    "working_days": ("%(n)s working day", "%(n)s working days"),
    "working_hours": ("%(n)s working hour", "%(n)s working hours"),
    "days": ("%(n)s day", "%(n)s days"),
    "months": ("%(n)s month", "%(n)s months"),
}


@pytest.mark.parametrize(
    ("amount", "unit", "english", "vi_number", "count"),
    [
        (Decimal("5.00"), "working_days", "5 working days", "5", 5),
        (Decimal("1"), "working_days", "1 working day", "1", 1),
        (Decimal("0.50"), "working_days", "0.5 working days", "0,5", 2),
        (Decimal("10"), "working_hours", "10 working hours", "10", 10),
        (Decimal("1.25"), "days", "1.25 days", "1,25", 2),
        (Decimal("1"), "months", "1 month", "1", 1),
    ],
)
def test_duration_trims_zeros_and_uses_the_language_decimal_mark(amount, unit, english, vi_number, count):
    with translation.override("en"):
        assert duration(amount, unit) == english
    with translation.override("vi"):
        assert duration(amount, unit) == ngettext(*UNIT_WORDS[unit], count) % {"n": vi_number}


def test_vnd_groups_thousands_per_language():
    with translation.override("en"):
        assert vnd(1250000) == "1,250,000 VND"
        assert vnd(500) == "500 VND"
    with translation.override("vi"):
        assert vnd(1250000) == gettext("%(amount)s VND") % {"amount": "1.250.000"}
        assert vnd(75000) == gettext("%(amount)s VND") % {"amount": "75.000"}


def test_nfc_text_composes_decomposed_vietnamese():
    decomposed = "Tie\u0302\u0301ng Vie\u0323\u0302t"
    assert nfc_text(decomposed) == "Tiếng Việt"
    assert len(nfc_text(decomposed)) == len("Tiếng Việt")
