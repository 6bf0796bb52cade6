"""Errors of the petition services (phản ánh, kiến nghị) and the hotline desk: one family, with the HTTP
meanings of portal.errors (400, 403, 404, 409)."""

from enum import StrEnum

from portal.errors import ApplicationError, Conflict, NotFound, PermissionDenied


class FeedbackErrorCode(StrEnum):
    """The ``code`` of every petition and hotline-desk error, as the API answers it."""

    ALREADY_RATED = "feedback.already_rated"
    BAD_CATEGORY = "feedback.bad_category"
    BAD_STATE = "feedback.bad_state"
    CONTACT_MISSING = "feedback.contact_missing"
    DOSSIER_NOT_FOUND = "feedback.dossier_not_found"
    FILE_EMPTY = "feedback.file_empty"
    FILE_TOO_LARGE = "feedback.file_too_large"
    FILE_TYPE = "feedback.file_type"
    FORBIDDEN = "feedback.forbidden"
    HANDLER_NOT_HERE = "feedback.handler_not_here"
    IMAGE_TOO_LARGE = "feedback.image_too_large"
    INVALID = "feedback.invalid"
    NOT_FOUND = "feedback.not_found"
    PDF_ACTIVE_CONTENT = "feedback.pdf_active_content"
    RATE_LIMITED = "feedback.rate_limited"
    REOPEN_CLOSED = "feedback.reopen_closed"
    SAME_AGENCY = "feedback.same_agency"
    TOO_MANY_FILES = "feedback.too_many_files"


class FeedbackError(ApplicationError):
    """Bad input (400). ``extra["errors"]`` maps field names to messages when there are several."""

    status_code = 400


class PetitionForbidden(PermissionDenied, FeedbackError):
    """The user may see the petition but not do this to it (403)."""


class PetitionNotFound(NotFound, FeedbackError):
    """No such petition, or one the user may not see: the same answer, so codes cannot be probed (404)."""


class PetitionConflict(Conflict, FeedbackError):
    """The petition is not (or no longer) in a state that allows this: someone acted first (409)."""
