"""Electronic identification codes of agencies (Decision 20/2020/QĐ-TTg).

A code has up to four levels. Level 1 is a letter and two digits (``H27`` for a province's People's
Committee); levels 2 and 3 are two digits each; level 4 is three digits. The portal writes them from
level 1 down, dot-separated (``H27``, ``H27.12``, ``H27.12.05``, ``H27.12.05.001``), and also accepts
the full notation printed from level 4 up (``000.00.12.H27``), which it stores in the short form."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

_SHORT = re.compile(r"^[A-Z]\d{2}(\.\d{2}(\.\d{2}(\.\d{3})?)?)?$")
_FULL = re.compile(r"^(\d{3})\.(\d{2})\.(\d{2})\.([A-Z]\d{2})$")


def normalize_agency_code(value: str) -> str:
    """Return the short form of a valid code; raise ValidationError naming what is wrong otherwise."""
    code = (value or "").strip().upper()
    full = _FULL.match(code)
    if full:
        level4, level3, level2, level1 = full.groups()
        parts = [level1, level2, level3, level4]
        while len(parts) > 1 and set(parts[-1]) == {"0"}:
            parts.pop()
        if any(set(part) == {"0"} for part in parts[1:]):
            raise ValidationError(
                _("Agency code %(code)s skips a level: a lower level is set while a higher one is zero."),
                code="agency_code_gap",
                params={"code": value},
            )
        code = ".".join(parts)
    if not _SHORT.match(code):
        raise ValidationError(
            _(
                "%(code)s is not a valid electronic identification code. Expected a letter and two digits "
                "for level 1, then optional levels of 2, 2 and 3 digits separated by dots, e.g. H27.12."
            ),
            code="agency_code_invalid",
            params={"code": value},
        )
    return code


def validate_agency_code(value: str) -> None:
    normalize_agency_code(value)


def agency_code_printed(code: str) -> str:
    """The full notation of a code, as the national document axis writes it: from level 4 up, zero-filled
    (``H27.12`` → ``000.00.12.H27``)."""
    parts = normalize_agency_code(code).split(".")
    level1, rest = parts[0], parts[1:] + [""] * (3 - len(parts[1:]))
    level2, level3, level4 = (rest[0] or "00"), (rest[1] or "00"), (rest[2] or "000")
    return f"{level4}.{level3}.{level2}.{level1}"
