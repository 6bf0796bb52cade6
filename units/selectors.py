"""Public reads of administrative units and service centres."""

from __future__ import annotations

import re
from functools import cache

from django.db.models import Case, Q, QuerySet, Value, When
from django.utils.translation import gettext as _

from portal.collation import vietnamese
from portal.errors import NotFound
from portal.text import fold
from units.errors import UnitErrorCode
from units.models import AdministrativeUnit, ServiceCentre

__all__ = [
    "CentreNotFound", "centre_list_public", "centre_detail_public", "province",
    "provincial_first", "accent_insensitive_pattern",
]

# Combining marks (U+0300–U+036F): text pasted in decomposed form (NFD) carries its accents as these.
_COMBINING_MARKS = "[\u0300-\u036f]*"


class CentreNotFound(NotFound):
    pass


def provincial_first(level_field: str):
    """Order expression: the provincial centre before the communal ones."""
    return Case(When(**{level_field: ServiceCentre.Level.PROVINCE}, then=Value(0)), default=Value(1))


@cache
def _letter_variants() -> dict[str, str]:
    """Each folded letter and every Latin letter that folds to it, both cases: "a" -> "aAàÀáÁ…ặẶ"."""
    variants: dict[str, list[str]] = {}
    for code in (*range(0x41, 0x7B), *range(0xC0, 0x250), *range(0x1E00, 0x1F00)):
        letter = chr(code)
        folded = fold(letter)
        if letter.isalpha() and len(folded) == 1 and folded.isascii() and folded.isalpha():
            variants.setdefault(folded, []).append(letter)
    return {folded: "".join(letters) for folded, letters in variants.items()}


def accent_insensitive_pattern(query: str) -> str:
    """A regular expression that finds ``query`` as a phrase whatever its case and diacritics:
    "ha long" matches "Phường Hạ Long". Empty for a blank query.

    We fold the query (``portal.text.fold``) and widen each letter back to the class of letters that fold
    to it, so the stored names need no extra folded column and the filter runs in the database: the
    pattern is valid for both PostgreSQL's ``~`` and SQLite's REGEXP (Python ``re``), and it spells out
    both cases because PostgreSQL's case-insensitive match of non-ASCII letters depends on the locale."""
    variants = _letter_variants()
    words = []
    for word in fold(query).split():
        parts = []
        for char in word:
            if char in variants:
                parts.append(f"[{variants[char]}]{_COMBINING_MARKS}")
            else:
                parts.append(re.escape(char))
        words.append("".join(parts))
    return r"\s+".join(words)


def centre_list_public(*, query: str = "", level: str | None = None) -> QuerySet[ServiceCentre]:
    """Published centres (provincial first, then by name) with their unit and agency (their hotlines:
    ``hotlines.selectors.with_hotlines``).
    ``query`` is found, without regard to case or diacritics, in the centre's name, its commune or ward's
    name or its address; ``level`` is a ``ServiceCentre.Level``. Empty values are ignored."""
    centres = ServiceCentre.objects.filter(is_published=True)
    pattern = accent_insensitive_pattern(query)
    if pattern:
        centres = centres.filter(
            Q(name__regex=pattern) | Q(name_en__regex=pattern) | Q(address__regex=pattern)
            | Q(unit__name__regex=pattern) | Q(unit__name_en__regex=pattern)
        )
    if level:
        centres = centres.filter(level=level)
    return (
        centres.select_related("unit", "agency")
        .order_by(provincial_first("level"), vietnamese("name"), "slug")
    )


def centre_detail_public(*, slug: str, centres: QuerySet[ServiceCentre] | None = None) -> ServiceCentre:
    """One published centre, from ``centres`` (``centre_list_public()`` by default; an upper app passes it
    with what it adds, e.g. the hotlines). The procedures it receives: ``procedures.selectors.centre_procedures``."""
    try:
        return (centres if centres is not None else centre_list_public()).get(slug=slug)
    except ServiceCentre.DoesNotExist:
        raise CentreNotFound(
            _("There is no published service centre %(slug)s.") % {"slug": slug},
            code=UnitErrorCode.CENTRE_NOT_FOUND
        ) from None


def province() -> AdministrativeUnit | None:
    """The province (or centrally-run city) this portal serves: the top-level unit."""
    return (
        AdministrativeUnit.objects.filter(
            kind__in=(AdministrativeUnit.Kind.PROVINCE, AdministrativeUnit.Kind.CITY), parent__isnull=True
        )
        .order_by("code")
        .first()
    )
