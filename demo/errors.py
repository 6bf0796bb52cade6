"""Errors of the demo province's services."""

from enum import StrEnum


class DemoErrorCode(StrEnum):
    """The ``code`` of every demo error."""

    NO_ADMIN = "demo.no_admin"
