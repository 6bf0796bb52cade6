"""Organisations outside the portal that a document can be sent to electronically, by their electronic
identification code. The national document axis fills this registry with its directory of organs
(axis/apps.py), so a drafter may name an outside recipient by its code alone, and a code the axis does not
know is caught on the draft rather than as a dead letter after the issue. Without a source (or before the
directory was first read), codes are taken as typed."""

from __future__ import annotations

from collections.abc import Callable

# code (short form, units.validators) → the organisation's current name, or None when it is not listed;
# raises LookupError when the directory is not available.
Source = Callable[[str], "str | None"]
_source: Source | None = None


def outside_directory_register(source: Source) -> None:
    global _source
    _source = source


def outside_name(code: str) -> tuple[bool, str | None]:
    """(whether a directory answered, the name it lists for ``code`` or None)."""
    if _source is None:
        return False, None
    try:
        return True, _source(code)
    except LookupError:
        return False, None
