"""Errors of the dossier services. Every one is a ``DossierError`` so a caller can catch the family;
the variants carry the HTTP meaning of portal.errors (400, 403, 404, 409)."""

from portal.errors import ApplicationError, Conflict, NotFound, PermissionDenied


class DossierError(ApplicationError):
    """Bad input (400). ``extra["errors"]`` maps field names to messages when there are several."""

    status_code = 400


class DossierForbidden(PermissionDenied, DossierError):
    """The user may see the dossier but not do this to it (403)."""


class DossierNotFound(NotFound, DossierError):
    """No such dossier, or one the user may not see: the same answer, so codes cannot be probed (404)."""


class DossierConflict(Conflict, DossierError):
    """The dossier is not (or no longer) in a state that allows this: someone acted first (409)."""
