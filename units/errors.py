"""Errors of the units services, with stable codes for the API and the HTML views."""

from enum import StrEnum

from portal.errors import Conflict, ValidationFailed


class UnitErrorCode(StrEnum):
    """The ``code`` of every units error: the working-day calendar and the service centres."""

    CALENDAR_DUPLICATE = "calendar.duplicate"
    CALENDAR_INVALID = "calendar.invalid"
    CENTRE_NOT_FOUND = "centre.not_found"


class CalendarInvalid(ValidationFailed):
    """A calendar day breaks a rule; ``extra["errors"]`` holds the messages keyed by field name."""

    def __init__(self, message: str, *, errors: dict[str, list[str]],
                 code: str = UnitErrorCode.CALENDAR_INVALID):
        super().__init__(message, code=code, extra={"errors": errors})

    @property
    def errors(self) -> dict[str, list[str]]:
        return self.extra["errors"]


class CalendarDayExists(Conflict):
    """Another calendar row already holds that date."""
