"""Public reads of administrative units and service centres."""

from __future__ import annotations

import re
from functools import cache

from django.db.models import Case, Q, QuerySet, Value, When
from django.utils.translation import gettext as _

from portal.collation import vietnamese
from portal.errors import NotFound
from portal.text import fold, search_words, spelt_i_or_y
from units.errors import UnitErrorCode
from units.models import AdministrativeUnit, ServiceCentre

__all__ = [
    "CentreNotFound", "centre_list_public", "centre_detail_public", "province",
    "provincial_first", "accent_insensitive_pattern",
]

# Combining marks (U+0300–U+036F): text pasted in decomposed form (NFD) carries its accents as these.
_COMBINING_MARKS = "[\u0300-\u036f]*"
# Where a word of a name or an address starts and ends, in a pattern both PostgreSQL and Python read alike
# (their \b and \w differ, and PostgreSQL's \w depends on the locale for Vietnamese letters).
_WORD_START = r"(^|[\s,.;:()/'\"-])"
_WORD_END = r"($|[\s,.;:()/'\"-])"


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


def _letters(word: str) -> str:
    """A folded word as a regular expression for any case and diacritics; a word that Vietnamese spells
    with i or y ("ky", "li": ``portal.text.spelt_i_or_y``) for either spelling."""
    variants = _letter_variants()
    parts = []
    for position, char in enumerate(word):
        if char in variants:
            letters = variants[char]
            if position == len(word) - 1 and spelt_i_or_y(word):
                letters = variants["i"] + variants["y"]
            parts.append(f"[{letters}]{_COMBINING_MARKS}")
        else:
            parts.append(re.escape(char))
    return "".join(parts)


def _word_pattern(word: str, *, whole: bool) -> str:
    """``word`` from the start of a word of the stored text, to its end if ``whole`` (else it may be the
    start of a longer word: the one being typed)."""
    return _WORD_START + _letters(word) + (_WORD_END if whole else "")


def accent_insensitive_pattern(query: str) -> str:
    """A regular expression that finds ``query`` as a phrase whatever its case, its diacritics and its
    spelling of i/y: "ha long" matches "Phường Hạ Long", "ki thuong" matches "Xã Kỳ Thượng". Empty for a
    blank query.

    We fold the query (``portal.text.fold``) and widen each letter back to the class of letters that fold
    to it, so the stored names need no extra folded column and the filter runs in the database: the
    pattern is valid for both PostgreSQL's ``~`` and SQLite's REGEXP (Python ``re``), and it spells out
    both cases because PostgreSQL's case-insensitive match of non-ASCII letters depends on the locale."""
    return r"\s+".join(_letters(word) for word in _query_words(query))


def _query_words(query: str) -> list[str]:
    """The folded words of ``query`` that say which centre is meant (``portal.text.search_words``)."""
    words = search_words(query)
    significant = [word for word in words if not word.is_function_word] or words
    return [word.forms[-1] for word in significant]


def _in_any(fields: tuple[str, ...], *patterns: str) -> Q:
    """Some field of ``fields`` matches every one of ``patterns``."""
    return Q(*(Q(*(Q(**{f"{field}__regex": p}) for p in patterns)) for field in fields), _connector=Q.OR)


_NAMES = ("name", "name_en", "unit__name", "unit__name_en")


def centre_list_public(*, query: str = "", level: str | None = None) -> QuerySet[ServiceCentre]:
    """Published centres (provincial first, then by name) with their unit and agency (their hotlines:
    ``hotlines.selectors.with_hotlines``).
    ``query`` is found without regard to case, diacritics or the spelling of i/y: each of its words as a
    whole word (the last one may be the start of one: it is being typed), all in one of the centre's names
    or its commune or ward's, in any order, or as a phrase in its address. Those whose name (or their
    commune's) ends with the query come first, then those with the query as a phrase in a name, then
    those with all its words in a name, then those found by their address. ``level`` is a
    ``ServiceCentre.Level``. Empty values are ignored."""
    centres = ServiceCentre.objects.filter(is_published=True)
    order = [provincial_first("level"), vietnamese("name"), "slug"]
    words = _query_words(query)
    if words:
        patterns = [_word_pattern(word, whole=i < len(words) - 1) for i, word in enumerate(words)]
        phrase = accent_insensitive_pattern(query)
        # An address is long and names the province too: there only the phrase counts.
        centres = centres.filter(_in_any(_NAMES, *patterns) | Q(address__regex=f"{_WORD_START}{phrase}"))
        rank = Case(
            When(_in_any(("name", "unit__name"), f"{_WORD_START}{phrase}[\\s.]*$"), then=Value(0)),
            When(_in_any(_NAMES, f"{_WORD_START}{phrase}"), then=Value(1)),
            When(_in_any(_NAMES, *patterns), then=Value(2)),
            default=Value(3),
        )
        order.insert(1, rank)
    if level:
        centres = centres.filter(level=level)
    return centres.select_related("unit", "agency").order_by(*order)


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
