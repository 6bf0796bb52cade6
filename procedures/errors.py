"""Errors of the procedure catalogue. Every one is a ``CatalogueError`` so a caller can catch the family;
the permission, not-found and conflict variants also carry the HTTP meaning of portal.errors."""

from enum import StrEnum

from portal.errors import ApplicationError, Conflict, NotFound, PermissionDenied


class CatalogueErrorCode(StrEnum):
    """The ``code`` of every catalogue error, as the API answers it."""

    ALREADY_PUBLISHED = "catalogue.already_published"
    DECISION_EXISTS = "catalogue.decision_exists"
    FORBIDDEN = "catalogue.forbidden"
    IMPORT_INVALID = "catalogue.import_invalid"
    INVALID = "catalogue.invalid"
    NO_DRAFT = "catalogue.no_draft"
    NOT_FOUND = "catalogue.not_found"
    NOT_PUBLISHED = "catalogue.not_published"
    NOTHING_TO_PUBLISH = "catalogue.nothing_to_publish"
    PUBLISHED_IMMUTABLE = "catalogue.published_immutable"


class CatalogueError(ApplicationError):
    """A catalogue rule was broken (400). ``extra["errors"]`` maps field names to messages."""

    status_code = 400


class CatalogueForbidden(PermissionDenied, CatalogueError):
    """Only provincial admins may change the catalogue (403)."""


class CatalogueNotFound(NotFound, CatalogueError):
    """No such procedure (or none in force) (404)."""


class CatalogueConflict(Conflict, CatalogueError):
    """Someone else changed the same rows first, e.g. published the draft already (409)."""
