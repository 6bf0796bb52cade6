"""Pieces every app's forms share."""

from __future__ import annotations

from portal.errors import ApplicationError


class ServiceErrorsMixin:
    def add_service_errors(self, error: ApplicationError, *, summary: bool = True) -> None:
        """Each of the service's field errors (``extra["errors"]``) next to its field; the summary (with
        ``summary``) and any error about a field this form does not have at the top."""
        if summary:
            self.add_error(None, error.message)
        for name, messages in (error.extra.get("errors") or {}).items():
            target = name if name in self.fields else None
            for message in messages:
                if not (summary and target is None and message == error.message):  # already at the top
                    self.add_error(target, message)
