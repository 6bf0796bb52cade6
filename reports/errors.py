"""Errors of the reports, with stable codes for the pages (and any API that reads them later)."""

from enum import StrEnum

from portal.errors import ValidationFailed


class ReportErrorCode(StrEnum):
    """The ``code`` of every reports error."""

    DAILY_NO_ISSUER = "report.daily.no_issuer"
    DAILY_FUTURE_DAY = "report.daily.future_day"


class ReportError(ValidationFailed):
    """A report cannot be built as asked."""
