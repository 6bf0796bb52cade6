"""Errors of the signature services: one ``SignatureError`` family with the HTTP meaning of portal.errors."""

from enum import StrEnum

from portal.errors import ApplicationError, Conflict, NotFound, PermissionDenied


class SignatureErrorCode(StrEnum):
    """The ``code`` of every signature error, as the API answers it."""

    ALREADY_REVOKED = "signatures.already_revoked"
    BAD_OFFICIAL = "signatures.bad_official"
    BAD_PDF = "signatures.bad_pdf"
    BAD_PIN = "signatures.bad_pin"
    BAD_REASON = "signatures.bad_reason"
    BAD_STATE = "signatures.bad_state"
    BAD_VALIDITY = "signatures.bad_validity"
    CA_MISSING = "signatures.ca_missing"
    EXPIRED = "signatures.expired"
    FORBIDDEN = "signatures.forbidden"
    IMPORT_BAD_FILE = "signatures.import_bad_file"
    IMPORT_BAD_HEADER = "signatures.import_bad_header"
    IMPORT_EMPTY = "signatures.import_empty"
    IMPORT_INVALID = "signatures.import_invalid"
    IMPORT_TOO_MANY = "signatures.import_too_many"
    INVALID_FILE = "signatures.invalid_file"
    NO_CERTIFICATE = "signatures.no_certificate"
    NO_ORGANISATION_CERTIFICATE = "signatures.no_organisation_certificate"
    NOT_LOCKED = "signatures.not_locked"
    NOT_YET_VALID = "signatures.not_yet_valid"
    NOT_YOURS = "signatures.not_yours"
    OPEN_REQUEST = "signatures.open_request"
    RATE_LIMITED = "signatures.rate_limited"
    REASON_REQUIRED = "signatures.reason_required"
    REVOKED = "signatures.revoked"
    TOKEN_LOCKED = "signatures.token_locked"
    WRONG_PIN = "signatures.wrong_pin"


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
