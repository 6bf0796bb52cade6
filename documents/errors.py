"""Errors of the document services. Every one is a ``DocumentError`` so a caller can catch the family; the
variants carry the HTTP meaning of portal.errors (400, 403, 404, 409). Add a code here when a flow needs
one: the API documents them all."""

from enum import StrEnum

from portal.errors import ApplicationError, Conflict, NotFound, PermissionDenied


class DocumentErrorCode(StrEnum):
    """The ``code`` of every document error, as the API answers it."""

    BAD_STATE = "document.bad_state"
    CONVERSION_FAILED = "document.conversion_failed"
    CONVERTER_MISSING = "document.converter_missing"
    DOCX_INVALID = "document.docx_invalid"
    DUPLICATE = "document.duplicate"
    FILE_EMPTY = "document.file_empty"
    FILE_TOO_LARGE = "document.file_too_large"
    FILE_TYPE = "document.file_type"
    FORBIDDEN = "document.forbidden"
    FROZEN = "document.frozen"
    INVALID = "document.invalid"
    NOT_FOUND = "document.not_found"
    NUMBER_TAKEN = "document.number_taken"
    PDF_ACTIVE_CONTENT = "document.pdf_active_content"
    PDF_FIELDS = "document.pdf_fields"
    PDF_SIGNED = "document.pdf_signed"
    PREVIEW_STALE = "document.preview_stale"
    SECRET_EXTERNAL = "document.secret_external"
    SIGNATURE_INVALID = "document.signature_invalid"
    WRONG_REGISTER = "document.wrong_register"
    # Work files (hồ sơ công việc)
    WORKFILE_NOT_FOUND = "document.workfile_not_found"
    WORKFILE_FROZEN = "document.workfile_frozen"
    WORKFILE_CODE_TAKEN = "document.workfile_code_taken"
    WORKFILE_ALREADY_FILED = "document.workfile_already_filed"
    WORKFILE_NOT_FILED = "document.workfile_not_filed"


class DocumentError(ApplicationError):
    """Bad input (400). ``extra["errors"]`` maps field names to messages when there are several."""

    status_code = 400


class DocumentForbidden(PermissionDenied, DocumentError):
    """The user may see the document but not do this to it (403)."""


class DocumentNotFound(NotFound, DocumentError):
    """No such document, or one the user may not see: the same answer, so identifiers cannot be probed (404)."""


class DocumentConflict(Conflict, DocumentError):
    """The document is not (or no longer) in a state that allows this: someone acted first (409)."""
