"""Reads of the incoming flow."""

from __future__ import annotations

from accounts.models import User


def worklists_for(user: User) -> list:
    """The incoming worklists the user has (documents.selectors.pages.Queue), in the order of the flow."""
    return []
