"""Errors of the reports, with stable codes for the pages (and any API that reads them later)."""

from enum import StrEnum

from portal.errors import NotFound, PermissionDenied, ValidationFailed


class ReportErrorCode(StrEnum):
    """The ``code`` of every reports error."""

    DAILY_NO_ISSUER = "report.daily_no_issuer"
    DAILY_FUTURE_DAY = "report.daily_future_day"
    READINESS_FORBIDDEN = "report.readiness_forbidden"
    READINESS_UNIT_NOT_FOUND = "report.readiness_unit_not_found"
    READINESS_NOT_MANUAL = "report.readiness_not_manual"
    READINESS_INVALID = "report.readiness_invalid"


class ReportError(ValidationFailed):
    """A report cannot be built as asked."""


class ReadinessForbidden(PermissionDenied):
    """Only the provincial admin, or the leader of the commune, may see or confirm this."""


class ReadinessNotFound(NotFound):
    """No commune of the province (nor the province) has this code."""


class ReadinessInvalid(ValidationFailed):
    """The item is not one a person confirms, or the note is too long."""
