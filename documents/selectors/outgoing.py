"""Reads of the outgoing flow."""

from __future__ import annotations

from accounts.models import User


def worklists_for(user: User) -> list:
    """The outgoing worklists the user has (documents.selectors.pages.Queue), in the order of the flow."""
    return []
