"""Errors of the accounts services, with stable codes for the API and the HTML views."""

from enum import StrEnum

from portal.errors import Conflict, ValidationFailed


class AccountErrorCode(StrEnum):
    """The ``code`` of every accounts error."""

    CCCD_TAKEN = "accounts.cccd_taken"
    INVALID = "accounts.invalid"
    USERNAME_TAKEN = "accounts.username_taken"
    SECOND_FACTOR_NO_DEVICE = "accounts.second_factor_no_device"
    SECOND_FACTOR_PENDING = "accounts.second_factor_pending"
    SECOND_FACTOR_REQUIRED = "accounts.second_factor_required"
    SECOND_FACTOR_THROTTLED = "accounts.second_factor_throttled"
    SECOND_FACTOR_WRONG = "accounts.second_factor_wrong"
    RESET_CODE_WRONG = "accounts.reset_code_wrong"
    RESET_CODE_EXPIRED = "accounts.reset_code_expired"


class AccountInvalid(ValidationFailed):
    """The data breaks a rule; ``extra["errors"]`` holds the messages keyed by field name."""

    def __init__(self, message: str, *, errors: dict[str, list[str]], code: str = AccountErrorCode.INVALID):
        super().__init__(message, code=code, extra={"errors": errors})

    @property
    def errors(self) -> dict[str, list[str]]:
        return self.extra["errors"]


class AccountExists(Conflict):
    """The CCCD number or username already belongs to an account."""


class SecondFactorError(ValidationFailed):
    """A second-factor code was refused, or the step cannot be taken (see AccountErrorCode.SECOND_FACTOR_*)."""
