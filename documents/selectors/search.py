"""Tra cứu văn bản (Appendix VI: search every field and the full text): the documents a user may see that
match a query and filters, newest first, a page at a time.

A query is words: each word must be in the document (its fields, recipients or files), without regard to
case or diacritics ("quyet dinh" finds "Quyết định"; "đ" is "d"); a word written with punctuation is
found as written ("15/QĐ-UBND", "QĐ-UBND": its parts in that order); words in double quotes are found as
a phrase. When no document has the words of a one-word (or one-phrase) query, the documents that have it
inside a word of their number, subject, sender or signer are found instead ("thuon", "qd-ub",
"15/QĐ-UB"), a number from its start ("15/QĐ-UB" is not in "115/QĐ-UBND"): a page says which it shows.
Words are whole otherwise: the text index's prefix search costs as much as reading every document whose
words start alike. (documents.selectors.search_query parses.)

On PostgreSQL the words go to the GIN text-search index of ``DocumentSearch.vector`` and the substring to
the trigram index of ``DocumentSearch.key`` (migration 0004); elsewhere both are LIKEs.

A page is read in at most two queries (three when it falls back to parts of words), whatever the planner
would guess (``search_page``): first among the agency's newest documents (a common word fills the page
there at once), then, only when they hold too few matches, from the indexes (few matches: the index
finds them all and they are sorted). The planner's own estimates for words that come together ("giải
phóng mặt bằng") are wrong by a hundred times either way, and each wrong guess costs a scan of the
agency's history."""

from __future__ import annotations

import datetime as dt
import unicodedata
from dataclasses import dataclass, field

from django.db import connection
from django.db.models import (
    BooleanField,
    DateTimeField,
    ExpressionWrapper,
    F,
    Func,
    Q,
    QuerySet,
    Subquery,
    TextField,
    Value,
)
from django.db.models.functions import Coalesce, Concat
from django.utils import timezone

from accounts.models import User
from documents import permissions
from documents.models import Document, DocumentSearch
from documents.selectors.search_query import MAX_QUERY, ParsedQuery, parse_query, tsquery
from portal.text import fold

__all__ = ["MAX_QUERY", "MAX_PAGE", "PER_PAGE", "SearchFilters", "SearchPage", "document_search", "page_number",
           "parse_query", "search_page", "tsquery"]

PER_PAGE = 25
MAX_PAGE = 100  # past 2,500 results, the query should be narrowed rather than paged through
WINDOW = 2_000  # the agency's newest documents looked through first
WINDOW_PER_ROW = 40  # ... or this many for each row up to the end of the page asked for

# What a list of results shows (the page and the API's list items): nothing else is read.
LIST_FIELDS = ("uuid", "agency_id", "direction", "state", "document_type__name", "document_type__name_en",
               "code_number", "code_notation", "issued_date", "organ_id", "organ_name", "subject", "urgency",
               "secrecy", "due_date", "arrival_number", "arrival_at", "created_at")


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


class _WordsMatch(Func):
    """``DocumentSearch.vector @@ to_tsquery('simple', …)`` on PostgreSQL — or, not ``indexed``, the same
    test as a function call (ts_match_vq, the operator's own function), which no index serves: how the
    newest documents are looked through one by one. ``vector`` is the generated column migration 0004
    adds beside ``text`` (the model does not declare it, so no read ever loads it); it is named through
    ``text``'s column so that the query's own alias for the joined table is used."""

    output_field = BooleanField()

    def __init__(self, query: str, *, indexed: bool):
        super().__init__(F("search__text"), Value(query, output_field=TextField()))
        self.indexed = indexed

    def as_sql(self, compiler, connection, **extra):
        column, params = compiler.compile(self.source_expressions[0])
        if not column.endswith('"text"'):
            raise ValueError(f"unexpected column {column}")
        value, value_params = compiler.compile(self.source_expressions[1])
        vector, query = column[:-len('"text"')] + '"vector"', f"to_tsquery('simple'::regconfig, {value})"
        sql = f"{vector} @@ {query}" if self.indexed else f"ts_match_vq({vector}, {query})"
        return sql, [*params, *value_params]


class _KeyHolds(Func):
    """``strpos(key, substring) > 0``: LIKE '%substring%' without its wildcards, and served by no index."""

    output_field = BooleanField()
    template = "strpos(%(expressions)s) > 0"

    def __init__(self, substring: str):
        super().__init__(F("search__key"), Value(substring, output_field=TextField()))


def _words_condition(parsed: ParsedQuery, vendor: str, *, indexed: bool) -> Q:
    if not parsed.terms:
        return Q(pk__in=[])
    if vendor == "postgresql":
        return Q(_WordsMatch(tsquery(parsed), indexed=indexed))
    # Elsewhere: each term's words in a row, in the space-padded words (search_words, see _with_text).
    condition = Q()
    for term in parsed.terms:
        spellings = term[0].forms if len(term) == 1 else (" ".join(token.forms[0] for token in term),)
        condition &= Q(*(Q(search_words__contains=f" {spelling} ") for spelling in spellings), _connector=Q.OR)
    return condition


def substring_condition(parsed: ParsedQuery, vendor: str, *, indexed: bool = True) -> Q:
    """Documents whose key holds the query's substring."""
    if indexed or vendor != "postgresql":
        return Q(search__key__contains=parsed.substring)
    return Q(_KeyHolds(parsed.substring))


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
    """Narrow ``documents`` by the filters other than the query (empty ones ignored)."""
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
    return documents


def _with_text(documents: QuerySet[Document], parsed: ParsedQuery, *, agency_id: int | None,
               indexed: bool = True, partial: bool = False, by_agency: bool = True) -> QuerySet[Document]:
    """The documents with the query's words (or, ``partial``, with its substring in their key).
    ``by_agency``: the agency is said again on the search row, for its index on (agency, created_at);
    otherwise it is only checked there, so that the planner does not mix that index into a text search
    (a bitmap of the agency's every document, to narrow the hundred the text index found)."""
    vendor = connection.vendor
    if agency_id is not None and by_agency:
        documents = documents.filter(search__agency_id=agency_id)
    elif agency_id is not None:
        documents = documents.alias(search_agency=F("search__agency_id") + 0).filter(search_agency=agency_id)
    if partial:
        return documents.filter(substring_condition(parsed, vendor, indexed=indexed))
    if vendor != "postgresql":
        documents = documents.alias(search_words=Concat(Value(" "), "search__text", Value(" "),
                                                        output_field=TextField()))
    return documents.filter(_words_condition(parsed, vendor, indexed=indexed))


def _visible(user: User, filters: SearchFilters) -> tuple[QuerySet[Document], ParsedQuery]:
    documents = permissions.visible_to(user, Document.objects.select_related("document_type").only(*LIST_FIELDS))
    parsed = parse_query(filters.query)
    documents = search_filter(documents, filters, vendor=connection.vendor)
    return (documents if parsed.searchable else documents.none()), parsed


def document_search(user: User, filters: SearchFilters) -> QuerySet[Document]:
    """The documents ``user`` may see (documents.permissions: never another's secret one) with the words
    of the query and the filters, newest first, as one query (``search_page`` reads a page more surely,
    and falls back to parts of words)."""
    documents, parsed = _visible(user, filters)
    if parsed.is_empty:
        return documents.order_by("-created_at", "-id")
    # The same order, read from the search row (its index on agency and creation time).
    return _with_text(documents, parsed, agency_id=user.agency_id).order_by("-search__created_at", "-id")


@dataclass
class SearchPage:
    """One page of results without a total (counting every match of a common word costs more than the page
    itself): whether there is a page after it is known by reading one row more."""

    number: int
    rows: list = field(default_factory=list)
    has_next: bool = False
    per_page: int = PER_PAGE
    partial: bool = False  # no document has the words: these have the query inside a word

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


def search_page(user: User, filters: SearchFilters, number: int, *, per_page: int = PER_PAGE) -> SearchPage:
    """Page ``number`` of the search: the documents with the query's words, or when none has them (and the
    query is one word or phrase), those with it inside a word of their key. See the module for how."""
    start, stop = (number - 1) * per_page, number * per_page + 1  # one row more: is there a next page?
    documents, parsed = _visible(user, filters)
    partial = False
    if parsed.is_empty or connection.vendor != "postgresql":
        rows = list(document_search(user, filters)[start:stop])
        if not rows and parsed.substring and (number == 1 or not document_search(user, filters).exists()):
            partial = True
            words = _with_text(documents, parsed, agency_id=user.agency_id, partial=True)
            rows = list(words.order_by("-search__created_at", "-id")[start:stop])
    else:
        rows = _page_from_indexes(user, documents, parsed, start, stop)
        if not rows and parsed.substring and (number == 1 or not _with_text(
                documents, parsed, agency_id=user.agency_id).exists()):
            partial = True
            rows = _page_from_indexes(user, documents, parsed, start, stop, partial=True)
    return SearchPage(number=number, rows=rows[:per_page], has_next=len(rows) > per_page and number < MAX_PAGE,
                      per_page=per_page, partial=partial)


def _page_from_indexes(user: User, documents: QuerySet[Document], parsed: ParsedQuery, start: int, stop: int, *,
                       partial: bool = False) -> list[Document]:
    """Rows ``start:stop`` (PostgreSQL): first among the agency's newest documents, tested one by one
    from the newest (the planner is given no index for the text there, so it stops at the page's end);
    when they hold too few, from the indexes."""
    window = max(WINDOW, WINDOW_PER_ROW * stop)
    oldest = (DocumentSearch.objects.filter(agency_id=user.agency_id).order_by("-created_at", "-document_id")
              .values("created_at")[window - 1:window])
    since = Coalesce(Subquery(oldest), Value(dt.datetime.min.replace(tzinfo=dt.UTC)), output_field=DateTimeField())
    recent = _with_text(documents.filter(search__created_at__gte=since), parsed, agency_id=user.agency_id,
                        indexed=False, partial=partial)
    rows = list(recent.order_by("-search__created_at", "-id")[start:stop])
    if len(rows) < stop - start:
        # Few matches among the newest: all of them from the indexes, then sorted (in an order the index on
        # creation time cannot give, so that the planner does not walk the agency's history instead).
        unsorted = ExpressionWrapper(F("search__created_at") + dt.timedelta(0), output_field=DateTimeField())
        everywhere = _with_text(documents, parsed, agency_id=user.agency_id, partial=partial, by_agency=False)
        rows = list(everywhere.order_by(unsorted.desc(), "-id")[start:stop])
    return rows
