"""Errors of the readiness board's services, with stable codes."""

from enum import StrEnum

from portal.errors import NotFound, PermissionDenied, ValidationFailed


class ReadinessErrorCode(StrEnum):
    FORBIDDEN = "readiness.forbidden"
    UNIT_NOT_FOUND = "readiness.unit_not_found"
    NOT_MANUAL = "readiness.not_manual"
    INVALID = "readiness.invalid"


class ReadinessForbidden(PermissionDenied):
    """Only the provincial admin, or the leader of the commune, may see or confirm this."""


class ReadinessNotFound(NotFound):
    """No commune of the province (nor the province) has this code."""


class ReadinessInvalid(ValidationFailed):
    """The item is not one a person confirms, or the note is too long."""
