"""One family of application errors: a stable code, a message for the user, optional extra data.

Services raise them; the API handler turns them into ``{"code", "message", "extra"}`` and the HTML
views show the same message."""

from typing import Any


class ApplicationError(Exception):
    status_code = 400

    def __init__(self, message: str, *, code: str = "error", extra: dict[str, Any] | None = None):
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
