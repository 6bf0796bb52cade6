"""Citizens' contact numbers: Vietnamese mobile numbers only, since notices go out by SMS."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from portal.phones import normalize_phone

_MOBILE_PREFIXES = ("03", "05", "07", "08", "09")


def normalize_mobile(value: str) -> str:
    """``+84 912.345.678`` -> ``0912345678``; a ValidationError for anything but a mobile number."""
    message = _("Enter a 10-digit mobile number, e.g. 0912 345 678.")
    if not (value or "").strip():
        raise ValidationError(message, code="phone_required")
    try:
        number = normalize_phone(value)
    except ValidationError:
        raise ValidationError(message, code="phone_invalid") from None
    if len(number) != 10 or not number.startswith(_MOBILE_PREFIXES):
        raise ValidationError(
            _("%(value)s is not a mobile number. Enter a 10-digit mobile number, e.g. 0912 345 678."),
            code="phone_not_mobile",
            params={"value": value},
        )
    return number
