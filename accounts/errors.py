"""Errors of the accounts services, with stable codes for the API and the HTML views."""

from enum import StrEnum

from portal.errors import Conflict, ValidationFailed


class AccountErrorCode(StrEnum):
    """The ``code`` of every accounts error."""

    CCCD_TAKEN = "accounts.cccd_taken"
    INVALID = "accounts.invalid"
    USERNAME_TAKEN = "accounts.username_taken"


class AccountInvalid(ValidationFailed):
    """The data breaks a rule; ``extra["errors"]`` holds the messages keyed by field name."""

    def __init__(self, message: str, *, errors: dict[str, list[str]], code: str = AccountErrorCode.INVALID):
        super().__init__(message, code=code, extra={"errors": errors})

    @property
    def errors(self) -> dict[str, list[str]]:
        return self.extra["errors"]


class AccountExists(Conflict):
    """The CCCD number or username already belongs to an account."""
