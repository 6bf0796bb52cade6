"""Filters of the portal's log (settings.LOGGING)."""

import logging


class ClientErrorsWithoutTraceback(logging.Filter):
    """A 4xx is the client's mistake or a refusal doing its job, not the portal failing: Django logs a 403
    from PermissionDenied with the exception's traceback, and thousands of them (a scanner, a stale tab)
    buried the real errors. Keep the one warning line, drop the traceback; 5xx keep theirs."""

    def filter(self, record: logging.LogRecord) -> bool:
        status = getattr(record, "status_code", None)
        if isinstance(status, int) and 400 <= status < 500:
            record.exc_info = None
            record.exc_text = None
            record.levelno, record.levelname = logging.WARNING, "WARNING"
        return True
