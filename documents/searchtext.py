"""The forms of text that document search compares (Appendix VI: search every field and the full text),
the same on the stored side (documents.services.search) and on the query's (documents.selectors.search).

- ``words``: the words of a text without diacritics, case or punctuation, one space apart
  ("Số 15/QĐ-UBND về việc…" -> "so 15 qd ubnd ve viec"). PostgreSQL indexes it as a text-search vector;
  a query's words are its lexemes. Only ``[a-z0-9]`` survive, so a query can never carry text-search
  syntax (``&``, ``|``, ``!``, ``:*``) into the database.
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
_TOKEN = re.compile(r"[a-z0-9]+")


def tokens(value: str) -> list[str]:
    return _TOKEN.findall(search_fold(value))


def words(parts: Iterable[str | None]) -> str:
    joined = " ".join(tokens(" ".join(part for part in parts if part)))
    if len(joined) > MAX_WORDS_TEXT:
        joined = joined[:MAX_WORDS_TEXT].rsplit(" ", 1)[0]  # never half a word
    return joined


def key(parts: Iterable[str | None]) -> str:
    return search_fold(" ".join(part for part in parts if part))[:MAX_KEY]


def folded(value: str) -> str:
    """Lower case without diacritics, punctuation kept (for the filters on a sender's or signer's name)."""
    return fold(value)
