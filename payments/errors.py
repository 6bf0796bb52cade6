"""Errors of online payment: one family, with the HTTP meanings of portal.errors."""

from enum import StrEnum

from portal.errors import ApplicationError, Conflict, NotFound, PermissionDenied


class PaymentErrorCode(StrEnum):
    """The ``code`` of every payment error, as the API answers it."""

    ALREADY_PAID = "payment.already_paid"
    BAD_STATE = "payment.bad_state"
    FORBIDDEN = "payment.forbidden"
    INVALID = "payment.invalid"
    NOT_DUE = "payment.not_due"
    NOT_FOUND = "payment.not_found"
    NOT_PAID = "payment.not_paid"
    PLATFORM_UNAVAILABLE = "payment.platform_unavailable"
    PLATFORM_REFUSED = "payment.platform_refused"


class PaymentError(ApplicationError):
    status_code = 400


class PaymentForbidden(PermissionDenied, PaymentError):
    pass


class PaymentNotFound(NotFound, PaymentError):
    pass


class PaymentConflict(Conflict, PaymentError):
    pass


class PlatformUnavailable(PaymentError):
    """The national payment platform did not answer (503): nothing was charged; try again later."""

    status_code = 503
