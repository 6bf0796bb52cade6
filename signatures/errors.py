"""Errors of the signature services: one ``SignatureError`` family with the HTTP meaning of portal.errors."""

from portal.errors import ApplicationError, Conflict, NotFound, PermissionDenied


class SignatureError(ApplicationError):
    """Bad input (400). ``extra["errors"]`` maps field names to messages."""

    status_code = 400


class SignatureForbidden(PermissionDenied, SignatureError):
    """Not this user's to do (403)."""


class SignatureNotFound(NotFound, SignatureError):
    """No such request or certificate (404)."""


class SignatureConflict(Conflict, SignatureError):
    """The request or certificate is not (or no longer) in a state that allows this (409)."""


class CertificateUnusable(SignatureConflict):
    """The certificate may not sign: revoked, expired, or its token is locked (409)."""


class WrongPin(SignatureError):
    """The PIN does not open the token; ``extra["attempts_left"]`` says how many tries remain (400)."""
