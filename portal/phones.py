"""Vietnamese phone numbers, as hotlines and citizens' accounts have them.

Accepted: mobile numbers (10 digits, 03x/05x/07x/08x/09x), landlines (11 digits: the area code 02x or 02xx
then the subscriber number), toll-free 1800 and premium 1900 numbers (4 or 6 digits after the prefix), and the
short public-service numbers (3 or 4 digits such as 111, 113 or 1022). Spaces, dots and dashes are
allowed; +84 is read as 0."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

_MOBILE = re.compile(r"^0[35789]\d{8}$")
_LANDLINE = re.compile(r"^02\d{9}$")
_SERVICE = re.compile(r"^(1800|1900)(\d{4}|\d{6})$")
_SHORT = re.compile(r"^1\d{2,3}$")


def normalize_phone(value: str) -> str:
    digits = re.sub(r"[\s.\-()]", "", value or "")
    if digits.startswith("+84"):
        digits = "0" + digits[3:]
    elif digits.startswith("84") and len(digits) == 11:
        digits = "0" + digits[2:]
    if any(p.match(digits) for p in (_MOBILE, _LANDLINE, _SERVICE, _SHORT)):
        return digits
    raise ValidationError(
        _(
            "%(value)s is not a Vietnamese phone number. Use a 10-digit mobile number (e.g. 0912 345 678), "
            "an 11-digit landline number with its area code (e.g. 0203 3825 678), a 1800/1900 number "
            "(e.g. 1800 1096) or a short public-service number (e.g. 1022)."
        ),
        code="phone_invalid",
        params={"value": value},
    )


def validate_phone(value: str) -> None:
    normalize_phone(value)
