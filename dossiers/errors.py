"""Errors of the dossier services. Every one is a ``DossierError`` so a caller can catch the family;
the variants carry the HTTP meaning of portal.errors (400, 403, 404, 409)."""

from enum import StrEnum

from portal.errors import ApplicationError, Conflict, NotFound, PermissionDenied


class DossierErrorCode(StrEnum):
    """The ``code`` of every dossier error, as the API answers it."""

    ALREADY_EXTENDED = "dossier.already_extended"
    ALREADY_RATED = "dossier.already_rated"
    ALREADY_RECEIVED = "dossier.already_received"
    BAD_FILES = "dossier.bad_files"
    BAD_STATE = "dossier.bad_state"
    CENTRE_NOT_ACCEPTING = "dossier.centre_not_accepting"
    DRAFT_MISSING = "dossier.draft_missing"
    DRAFT_NOT_HERE = "dossier.draft_not_here"
    FILE_EMPTY = "dossier.file_empty"
    FILE_TOO_LARGE = "dossier.file_too_large"
    FILE_TYPE = "dossier.file_type"
    FIRST_STEP = "dossier.first_step"
    FORBIDDEN = "dossier.forbidden"
    IMAGE_TOO_LARGE = "dossier.image_too_large"
    INCOMPLETE = "dossier.incomplete"
    INVALID = "dossier.invalid"
    NO_PAPER_ORIGINAL = "dossier.no_paper_original"
    NO_SLIP = "dossier.no_slip"
    NO_STEP = "dossier.no_step"
    NOT_COUNTER = "dossier.not_counter"
    NOT_FOUND = "dossier.not_found"
    NOT_ONLINE = "dossier.not_online"
    PAST_DUE = "dossier.past_due"
    PDF_ACTIVE_CONTENT = "dossier.pdf_active_content"
    PROCEDURE_NOT_CURRENT = "dossier.procedure_not_current"
    RATE_LIMITED = "dossier.rate_limited"
    RESULT_CHANGED = "dossier.result_changed"
    RESULT_DOCUMENT = "dossier.result_document"
    RESULT_MISSING = "dossier.result_missing"
    RESULT_NOT_HERE = "dossier.result_not_here"
    RESULT_NOT_PDF = "dossier.result_not_pdf"
    RESULT_PDF = "dossier.result_pdf"
    RESULT_SIGNER = "dossier.result_signer"
    SAME_AGENCY = "dossier.same_agency"
    SIGNATURE_REQUIRED = "dossier.signature_required"
    STEP_NOT_CURRENT = "dossier.step_not_current"
    STEP_TAKEN = "dossier.step_taken"
    TOO_LARGE = "dossier.too_large"
    UNKNOWN_COMPONENT = "dossier.unknown_component"


class DossierError(ApplicationError):
    """Bad input (400). ``extra["errors"]`` maps field names to messages when there are several."""

    status_code = 400


class SubmissionHeld(DossierError):
    """A submission check (intake.submission_checks) holds the dossier back until the applicant does something
    on its page first (pay the fees online): the form itself is fine, so its draft is kept (400)."""


class DossierForbidden(PermissionDenied, DossierError):
    """The user may see the dossier but not do this to it (403)."""


class DossierNotFound(NotFound, DossierError):
    """No such dossier, or one the user may not see: the same answer, so codes cannot be probed (404)."""


class DossierConflict(Conflict, DossierError):
    """The dossier is not (or no longer) in a state that allows this: someone acted first (409)."""
