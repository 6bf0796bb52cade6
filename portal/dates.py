"""A date or a moment as a sentence shows it, in the active language: "07/12/2026" and "14:05 07/12/2026"
in Vietnamese, "7 Dec 2026" and "7 Dec 2026, 14:05" in English.

For messages written in Python (errors, e-mails, admin notices). Templates say the same with the date filter
and the format's name, ``{{ value|date:"SHORT_DATETIME_FORMAT" }}``; the formats themselves are in
portal/formats/<language>/formats.py. Data for machines (API fields, event data) stays ISO 8601."""

import datetime as dt

from django.utils import formats, timezone


def _local(value: dt.date) -> dt.date:
    if isinstance(value, dt.datetime) and timezone.is_aware(value):
        return timezone.localtime(value)
    return value


def date_text(value: dt.date | None) -> str:
    """The day ("07/12/2026", "7 Dec 2026"); a moment gives its day in the portal's time zone."""
    return "" if value is None else formats.date_format(_local(value), "SHORT_DATE_FORMAT")


def datetime_text(value: dt.datetime | None, *, seconds: bool = False) -> str:
    """The moment in the portal's time zone ("14:05 07/12/2026", "7 Dec 2026, 14:05"), to the second
    with ``seconds`` ("14:05:09 07/12/2026")."""
    if value is None:
        return ""
    return formats.date_format(_local(value), "DATETIME_FORMAT" if seconds else "SHORT_DATETIME_FORMAT")
