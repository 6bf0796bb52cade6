"""A search query as the text index reads it (documents.selectors.search): its terms — each word, or each
double-quoted phrase of words that must follow one another; a word written with punctuation is its
compound ("15/QĐ-UBND" -> "15qdubnd", as documents.searchtext indexes it) — and, for a query of one word
or phrase, the folded substring looked for inside the document's key. Only
``[a-z0-9]`` lexemes and a substring leave here: no input is syntax to the database."""

from __future__ import annotations

import re
from dataclasses import dataclass

from documents import searchtext
from portal.text import fold, search_fold

MAX_QUERY = 200  # characters a query may have (forms and the API refuse longer ones)
MAX_TERMS = 8  # words of a query beyond these are ignored: each adds a condition
MAX_TOKENS = 8  # parts of one word ("15/QĐ-UBND" has three)
MAX_TOKEN = 40  # a longer part is no word anyone types
MIN_SUBSTRING = 3  # letters and digits a substring needs for the trigram index to narrow it

_PHRASE = re.compile(r'"([^"]*)"')
_ALNUM = re.compile(r"[a-z0-9]")


@dataclass(frozen=True)
class Token:
    forms: tuple[str, ...]  # the spellings looked for (kí/ký: "ky" and "ki")


@dataclass(frozen=True)
class ParsedQuery:
    terms: tuple[tuple[Token, ...], ...] = ()  # each term a phrase of tokens; all terms must match
    substring: str = ""  # the folded query for the substring search, or ""
    searchable: bool = True  # False: the query held no letter or digit at all

    @property
    def is_empty(self) -> bool:
        return not self.terms and not self.substring


def parse_query(query: str) -> ParsedQuery:
    """The query's terms (double-quoted phrases, then the other words), at most MAX_TERMS."""
    query = (query or "").replace("\x00", "")[:MAX_QUERY]
    if not query.strip():
        return ParsedQuery()
    phrases = _PHRASE.findall(query)
    rest = _PHRASE.sub(" ", query).replace('"', " ")
    raw_terms = [*phrases, *rest.split()]
    terms = []
    for index, raw in enumerate(raw_terms):
        in_quotes = index < len(phrases)
        term = []
        for word in (raw.split() if in_quotes else [raw]):
            parts = [part[:MAX_TOKEN] for part in re.findall(r"[a-z0-9]+", fold(word))][:MAX_TOKENS]
            if len(parts) > 1 and not in_quotes:
                # A word with punctuation is its compound (documents.searchtext): one lexeme, in order.
                term.append(_token(searchtext.compound([search_fold(p) for p in parts[:searchtext.MAX_PARTS]])))
            else:  # in a phrase, its parts in their places
                term += [_token(part) for part in parts]
        if term:
            terms.append(tuple(term))
    # One word or one phrase is also looked for as a substring (part of a longer word, or written with
    # its punctuation); several words are matched word by word only. A number is looked for from its
    # start ("15/QĐ-UB" is not in "115/QĐ-UBND"): the key has a space before every word.
    substring = " ".join(search_fold(raw_terms[0]).split()) if len(raw_terms) == 1 else ""
    if len(_ALNUM.findall(substring)) < MIN_SUBSTRING:
        substring = ""
    elif substring[:1].isdigit():
        substring = f" {substring}"
    return ParsedQuery(terms=tuple(terms[:MAX_TERMS]), substring=substring, searchable=bool(terms or substring))


def _token(part: str) -> Token:
    unified = search_fold(part)
    return Token(forms=(unified,) if unified == part else (unified, part))


def tsquery(parsed: ParsedQuery) -> str:
    """The text-search query of the terms: ``'15' <-> 'qd' <-> 'ubnd' & ('ky' | 'ki')``."""
    def lexeme(token: Token) -> str:
        forms = [f"'{form}'" for form in token.forms]
        return forms[0] if len(forms) == 1 else f"({' | '.join(forms)})"

    return " & ".join(" <-> ".join(lexeme(token) for token in term) for term in parsed.terms)
