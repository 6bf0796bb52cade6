"""One family of application errors: a stable code, a message for the user, optional extra data.

Services raise them; the API handler turns them into ``{"code", "message", "extra"}`` and the HTML
views show the same message. The codes are enumerations, one per app (``dossiers.errors.DossierErrorCode``
...), each registered here from its app's ``AppConfig.ready()`` so the API documents every one."""

from enum import StrEnum
from typing import Any


class PortalErrorCode(StrEnum):
    """The codes of the portal itself: the API's fallbacks, the NUL refusal, background jobs."""

    ERROR = "error"
    INVALID = "invalid"
    NUL_CHARACTER = "invalid.nul_character"
    JOB_NOT_FOUND = "job.not_found"


_ERROR_CODES: list[type[StrEnum]] = [PortalErrorCode]


def register_error_codes(codes: type[StrEnum]) -> None:
    """Add an app's enumeration of error codes to the portal's (the API documents them all). A value that
    another enumeration holds already is refused: a code names one error in the whole portal."""
    if codes in _ERROR_CODES:
        return
    taken = {code.value for enumeration in _ERROR_CODES for code in enumeration}
    clashes = sorted(code.value for code in codes if code.value in taken)
    if clashes:
        raise ValueError(f"{codes.__qualname__} repeats error codes already registered: {', '.join(clashes)}")
    _ERROR_CODES.append(codes)


def error_code_enums() -> tuple[type[StrEnum], ...]:
    """Every registered enumeration of error codes, the portal's first, then the apps' in start-up order."""
    return tuple(_ERROR_CODES)


class ApplicationError(Exception):
    status_code = 400

    def __init__(self, message: str, *, code: str = PortalErrorCode.ERROR,
                 extra: dict[str, Any] | None = None):
        super().__init__(message)
        self.message = message
        self.code = code
        self.extra = extra or {}

    def as_dict(self) -> dict[str, Any]:
        return {"code": self.code, "message": str(self.message), "extra": self.extra}


class ValidationFailed(ApplicationError):
    status_code = 400


class PermissionDenied(ApplicationError):
    status_code = 403


class NotFound(ApplicationError):
    status_code = 404


class Conflict(ApplicationError):
    status_code = 409
