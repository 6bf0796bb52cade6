"""The forms of text that document search compares (Appendix VI: search every field and the full text),
the same on the stored side (documents.services.search) and on the query's (documents.selectors.search).

- ``words``: the words of a text without diacritics, case or punctuation, one space apart, and after them
  the compounds of each word written with punctuation: its runs of two parts or more, joined
  ("Số 15/QĐ-UBND về việc…" -> "so 15 qd ubnd ve viec 15qd 15qdubnd qdubnd"). PostgreSQL indexes it as a
  text-search vector; a query's words are its lexemes, and a word with punctuation is one compound, so
  a number and symbol is one rare lexeme to look up ("15qdubnd"), not a phrase of common ones. Only
  ``[a-z0-9]`` survive, so a query can never carry text-search syntax (``&``, ``|``, ``!``, ``:*``) into
  the database.
- ``key``: the short metadata (number and symbol, subject, sender, signer) folded but with its punctuation,
  for the substring search a trigram index serves ("qd-ubnd", "5/qd-ub").

Both use ``portal.text.search_fold``: "đ" is "d", and kí/ký, lí/lý are one spelling."""

from __future__ import annotations

import re
from collections.abc import Iterable

from portal.text import fold, search_fold

# The stored text is bounded so one huge file cannot swell a row or its index (PostgreSQL refuses a
# text-search vector over 1 MB).
MAX_WORDS_TEXT = 500_000
MAX_KEY = 2_000
MAX_PARTS = 6  # parts of a punctuated word that make compounds (a longer code is cut)
_TOKEN = re.compile(r"[a-z0-9]+")
# A word with punctuation inside it: "15/qd-ubnd", "000.00.31.h01", "v/v".
_PUNCTUATED = re.compile(r"[a-z0-9]+(?:[^\sa-z0-9]+[a-z0-9]+)+")


def tokens(value: str) -> list[str]:
    return _TOKEN.findall(search_fold(value))


def compound(parts: list[str]) -> str:
    """How a run of a word's parts is indexed and looked up: joined ("15", "qd", "ubnd" -> "15qdubnd")."""
    return "".join(parts)


def compounds(folded: str) -> list[str]:
    """The compounds of the punctuated words of a folded text: every run of two parts or more."""
    found = []
    for word in _PUNCTUATED.findall(folded):
        parts = _TOKEN.findall(word)[:MAX_PARTS]
        found += [compound(parts[i:j]) for i in range(len(parts)) for j in range(i + 2, len(parts) + 1)]
    return found


def words(parts: Iterable[str | None]) -> str:
    folded = search_fold(" ".join(part for part in parts if part))
    joined = " ".join(_TOKEN.findall(folded) + compounds(folded))
    if len(joined) > MAX_WORDS_TEXT:
        joined = joined[:MAX_WORDS_TEXT].rsplit(" ", 1)[0]  # never half a word
    return joined


def key(parts: Iterable[str | None]) -> str:
    """The folded parts with a space before them, so that a number is looked for from its start
    (" 15/qd-ub" is in " 15/qd-ubnd …", not in " 115/qd-ubnd …")."""
    return " " + search_fold(" ".join(part for part in parts if part))[:MAX_KEY]


def folded(value: str) -> str:
    """Lower case without diacritics, punctuation kept (for the filters on a sender's or signer's name)."""
    return fold(value)
