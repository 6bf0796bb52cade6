"""Tra cứu văn bản (Appendix VI: search every field and the full text): the documents a user may see that
match a query and filters, newest first, one query per page.

A query is words: each word must be in the document (its fields, recipients or files), without regard to
case or diacritics ("quyet dinh" finds "Quyết định"; "đ" is "d"); a word's last part may be the start
of a longer one ("quyet" finds "quyết"); a word written with punctuation is found as written
("15/QĐ-UBND", "QĐ-UBND": its parts in that order); words in double quotes are found as a phrase. The
query, when it is one word or phrase not starting with a digit, is also looked for inside the number,
subject, sender and signer ("qd-ub", "ởng"), so part of a word there is found too; numbers are found
whole.

On PostgreSQL the words go to the GIN text-search index of ``DocumentSearch.vector`` and the substring
to the trigram index of ``DocumentSearch.key`` (migration 0004); elsewhere both are LIKEs. Nothing of the
query reaches the database but ``[a-z0-9]`` lexemes and a LIKE parameter, so no input is syntax there."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass, field

from django.db.models import BooleanField, F, Func, Q, QuerySet, TextField, Value
from django.db.models.functions import Concat
from django.utils import timezone

from accounts.models import User
from documents import permissions
from documents.models import Document
from portal.text import fold, search_fold

MAX_QUERY = 200  # characters a query may have (forms and the API refuse longer ones)
MAX_TERMS = 8  # words of a query beyond these are ignored: each adds a condition
MAX_TOKENS = 8  # parts of one word ("15/QĐ-UBND" has three)
MAX_TOKEN = 40  # a longer part is no word anyone types
MIN_SUBSTRING = 3  # the trigram index needs three letters in a row
PER_PAGE = 25
MAX_PAGE = 100  # past 2,500 results, the query should be narrowed rather than paged through

_PHRASE = re.compile(r'"([^"]*)"')
_RUN = re.compile(r"[a-z0-9]{%d}" % MIN_SUBSTRING)


@dataclass(frozen=True)
class SearchFilters:
    query: str = ""
    direction: str = ""
    document_type: str = ""  # DocumentType.code
    state: str = ""
    urgency: int | None = None
    secrecy: int | None = None
    date_field: str = "issued"  # "issued" (the document's date) or "arrival" (ngày đến)
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    sender: str = ""  # the issuing agency's name (part of it) or code
    signer: str = ""


@dataclass(frozen=True)
class Token:
    forms: tuple[str, ...]  # the spellings looked for (kí/ký: "ky" and "ki")
    prefix: bool  # may be the start of a longer word


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
    for raw in raw_terms:
        parts = [part[:MAX_TOKEN] for part in re.findall(r"[a-z0-9]+", fold(raw))][:MAX_TOKENS]
        if parts:
            terms.append(tuple(_token(part, last=i == len(parts) - 1) for i, part in enumerate(parts)))
    # One word or one phrase is also looked for as a substring (part of a longer word, or written with
    # its punctuation); several words are matched word by word only, and a number whole ("15/QĐ-UBND"
    # is not "115/QĐ-UBND").
    substring = " ".join(search_fold(raw_terms[0]).split()) if len(raw_terms) == 1 else ""
    if not _RUN.search(substring) or substring[:1].isdigit():
        substring = ""
    return ParsedQuery(terms=tuple(terms[:MAX_TERMS]), substring=substring, searchable=bool(terms or substring))


def _token(part: str, *, last: bool) -> Token:
    unified = search_fold(part)
    forms = (unified,) if unified == part else (unified, part)
    # The start of a word: the last part of a term, two letters at least, not a bare number (15 is no
    # prefix of 150: numbers are looked for whole).
    return Token(forms=forms, prefix=last and len(part) >= 2 and not part.isdigit())


def tsquery(parsed: ParsedQuery) -> str:
    """The text-search query of the terms: ``'15' <-> 'qd' <-> 'ubnd':* & ('ky':* | 'ki':*)``."""
    def lexeme(token: Token) -> str:
        forms = [f"'{form}'{':*' if token.prefix else ''}" for form in token.forms]
        return forms[0] if len(forms) == 1 else f"({' | '.join(forms)})"

    return " & ".join(" <-> ".join(lexeme(token) for token in term) for term in parsed.terms)


class _WordsMatch(Func):
    """``DocumentSearch.vector @@ to_tsquery('simple', …)`` on PostgreSQL. ``vector`` is the generated
    column migration 0004 adds beside ``text`` (the model does not declare it, so no read of a document
    ever loads it); it is named through ``text``'s column so that the query's own alias for the joined
    table is used."""

    output_field = BooleanField()

    def __init__(self, query: str):
        super().__init__(F("search__text"), Value(query, output_field=TextField()))

    def as_sql(self, compiler, connection, **extra):
        column, params = compiler.compile(self.source_expressions[0])
        if not column.endswith('"text"'):
            raise ValueError(f"unexpected column {column}")
        value, value_params = compiler.compile(self.source_expressions[1])
        vector = column[:-len('"text"')] + '"vector"'
        return f"{vector} @@ to_tsquery('simple'::regconfig, {value})", [*params, *value_params]


def _words_condition(parsed: ParsedQuery, vendor: str) -> Q:
    if not parsed.terms:
        return Q(pk__in=[])
    if vendor == "postgresql":
        return Q(_WordsMatch(tsquery(parsed)))
    # Elsewhere: each term's words in a row, each from a word's start, in the space-padded words.
    condition = Q()
    for term in parsed.terms:
        spellings = term[0].forms if len(term) == 1 else (" ".join(token.forms[0] for token in term),)
        ending = "" if term[-1].prefix else " "
        condition &= Q(*(Q(search_words__contains=f" {spelling}{ending}") for spelling in spellings),
                       _connector=Q.OR)
    return condition
def text_condition(parsed: ParsedQuery, vendor: str) -> Q:
    """Documents whose words match the terms, or whose key holds the substring."""
    condition = _words_condition(parsed, vendor)
    if parsed.substring:
        condition |= Q(search__key__contains=parsed.substring)
    return condition


# Lower-case letters with diacritics (and đ) mapped to their base letter, for the database's translate():
# how a sender's or signer's name is compared without diacritics on PostgreSQL, with no extension.
_ACCENTED = "".join(ch for ch in map(chr, range(0xC0, 0x1EFA))
                    if unicodedata.normalize("NFC", ch) == ch and not ch.isascii() and len(fold(ch)) == 1
                    and fold(ch).isascii() and fold(ch).isalpha())
_BASES = "".join(fold(ch) for ch in _ACCENTED)


class Folded(Func):
    """A column lower-cased without diacritics (PostgreSQL); lower-cased elsewhere."""

    output_field = TextField()

    def as_sql(self, compiler, connection, **extra):
        column, params = compiler.compile(self.source_expressions[0])
        return f"lower({column})", params

    def as_postgresql(self, compiler, connection, **extra):
        column, params = compiler.compile(self.source_expressions[0])
        return f"lower(translate({column}, %s, %s))", [*params, _ACCENTED, _BASES]


def _day_start(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def search_filter(documents: QuerySet[Document], filters: SearchFilters, *, vendor: str) -> QuerySet[Document]:
    """Narrow ``documents`` by the filters (empty ones ignored) and the query."""
    f = filters
    if f.direction:
        documents = documents.filter(direction=f.direction)
    if f.document_type:
        documents = documents.filter(document_type__code=f.document_type)
    if f.state:
        documents = documents.filter(state=f.state)
    if f.urgency is not None:
        documents = documents.filter(urgency=f.urgency)
    if f.secrecy is not None:
        documents = documents.filter(secrecy=f.secrecy)
    if f.date_field == "arrival":
        if f.date_from:
            documents = documents.filter(arrival_at__gte=_day_start(f.date_from))
        if f.date_to:
            documents = documents.filter(arrival_at__lt=_day_start(f.date_to + dt.timedelta(days=1)))
    else:
        if f.date_from:
            documents = documents.filter(issued_date__gte=f.date_from)
        if f.date_to:
            documents = documents.filter(issued_date__lte=f.date_to)
    # Folded() drops diacritics on PostgreSQL only; elsewhere the value is only lower-cased, like the column.
    as_column = fold if vendor == "postgresql" else str.lower
    if f.sender.strip():
        sender = f.sender.strip()
        documents = documents.alias(sender_folded=Folded("organ_name")).filter(
            Q(organ_id__iexact=sender) | Q(sender_folded__contains=as_column(sender)))
    if f.signer.strip():
        documents = documents.alias(signer_folded=Folded("signer_name")).filter(
            signer_folded__contains=as_column(f.signer.strip()))
    parsed = parse_query(f.query)
    if not parsed.searchable:
        return documents.none()
    if not parsed.is_empty:
        if vendor != "postgresql":
            documents = documents.alias(search_words=Concat(Value(" "), "search__text", Value(" "),
                                                            output_field=TextField()))
        documents = documents.filter(text_condition(parsed, vendor))
    return documents


def document_search(user: User, filters: SearchFilters) -> QuerySet[Document]:
    """The documents ``user`` may see (documents.permissions: never another's secret one) matching
    ``filters``, newest first."""
    from django.db import connection

    documents = permissions.visible_to(user, Document.objects.select_related("document_type"))
    return search_filter(documents, filters, vendor=connection.vendor).order_by("-created_at", "-id")


@dataclass
class SearchPage:
    """One page of results without a total (counting every match of a common word costs more than the page
    itself): whether there is a page after it is known by reading one row more."""

    number: int
    rows: list = field(default_factory=list)
    has_next: bool = False
    per_page: int = PER_PAGE

    @property
    def has_previous(self) -> bool:
        return self.number > 1

    @property
    def start_index(self) -> int:
        return (self.number - 1) * self.per_page + 1 if self.rows else 0

    @property
    def end_index(self) -> int:
        return self.start_index + len(self.rows) - 1 if self.rows else 0


def page_number(value) -> int:
    """``?page=`` as a page number between 1 and MAX_PAGE (anything else is 1)."""
    try:
        number = int(str(value))
    except (TypeError, ValueError):
        return 1
    return min(max(number, 1), MAX_PAGE)


def search_page(documents: QuerySet[Document], number: int, *, per_page: int = PER_PAGE) -> SearchPage:
    start = (number - 1) * per_page
    rows = list(documents[start:start + per_page + 1])
    return SearchPage(number=number, rows=rows[:per_page], has_next=len(rows) > per_page and number < MAX_PAGE,
                      per_page=per_page)
