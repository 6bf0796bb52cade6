"""The documents figures (issue 12 §7), in the bench's own process on PostgreSQL:

- **search**: the statements the search selector runs for a first page (documents.selectors.search
  .search_page: the clerk's visibility, the text conditions, the order, a page and a row; one statement
  or two), captured once and run again by a cursor, for a clerk of the timed agency, against the bare
  indexed SQL of the same search (the same agency, text-search and trigram conditions, order and limit,
  nothing else, as one statement), in turn, each query many times; the whole page in Python (parsing,
  the ORM, 25 models) is measured beside them;
- **worklist**: documents.selectors.incoming.handler_worklist's first page and its count for the timed
  handler, at the small size and again at the large one, with the number of queries each takes."""

from __future__ import annotations

import statistics
import time

from django.db import connection
from django.test.utils import CaptureQueriesContext

from bench.documents_world import DocumentsWorld
from documents.selectors.incoming import handler_worklist
from documents.selectors.search import (
    PER_PAGE,
    SearchFilters,
    parse_query,
    search_page,
    tsquery,
)

# What clerks type: common and rare words of subjects and bodies, numbers with their symbol, a sender, a
# person's name as a phrase, the start of a word, one word inside the metadata.
QUERIES = [
    "ke hoach", "phong chong thien tai", "chuyen doi so", "15/QĐ-UBND", "UBND-VP", "so tai chinh",
    "giai phong mat bang", '"nguyen thi lan"', "quyet", "hoi thao truyen thong", "thuong", "tiem chung nam 2026",
    "cải cách hành chính quý I", "45/KH-UBND", "ngân sách", "SGDĐT",
]

BARE_SQL = """
    SELECT d.id, d.uuid, d.direction, d.state, d.code_number, d.code_notation, d.subject, d.organ_name,
           d.issued_date, d.urgency, d.secrecy, d.created_at
    FROM documents_documentsearch s JOIN documents_document d ON d.id = s.document_id
    WHERE s.agency_id = %s AND (s.vector @@ to_tsquery('simple'::regconfig, %s){substring})
    ORDER BY s.created_at DESC, s.document_id DESC LIMIT %s"""


def _bare(agency_id: int, query: str) -> list:
    parsed = parse_query(query)
    substring = " OR s.key LIKE %s" if parsed.substring else ""
    params = [agency_id, tsquery(parsed), *([f"%{parsed.substring}%"] if parsed.substring else []), PER_PAGE + 1]
    with connection.cursor() as cursor:
        cursor.execute(BARE_SQL.format(substring=substring), params)
        return cursor.fetchall()


def _selector_queries(user, query: str) -> list[str]:
    """The statements the search selector runs for the first page (one or two), as sent to the database."""
    with CaptureQueriesContext(connection) as captured:
        _page(user, query)
    return [statement["sql"] for statement in captured.captured_queries]


def _replay(statements: list[str]) -> list:
    with connection.cursor() as cursor:
        for sql in statements:
            cursor.execute(sql)
            rows = cursor.fetchall()
    return rows


def _page(user, query: str) -> list:
    """The whole first page in Python: the query parsed, the queryset built, run and read as models."""
    return search_page(user, SearchFilters(query=query), 1).rows


def _timed(call) -> tuple[float, object]:
    began = time.perf_counter()
    result = call()
    return (time.perf_counter() - began) * 1000, result


def search_figures(world: DocumentsWorld, *, rounds: int = 15, log=print) -> dict:
    """Each query ``rounds`` times: the bare SQL, the selector's SQL and the whole page, in turn (after a
    warm-up of each). The figure compares the selector's query with the bare one (what the database does
    for each); the whole page adds the ORM's work in Python (building the query, reading 25 models)."""
    clerk, agency_id = world.clerk, world.agency_ids[0]
    per_query: dict[str, dict] = {}
    timings: dict[str, list[float]] = {"bare": [], "selector": [], "page": []}
    for query in QUERIES:
        statements = _selector_queries(clerk, query)
        calls = {"bare": lambda q=query: _bare(agency_id, q), "selector": lambda s=statements: _replay(s),
                 "page": lambda q=query: _page(clerk, q)}
        for call in calls.values():
            call()  # warm the caches and the connection
        own: dict[str, list[float]] = {name: [] for name in calls}
        rows = {}
        for _round in range(rounds):
            for name, call in calls.items():
                elapsed, rows[name] = _timed(call)
                own[name].append(elapsed)
        figures = {f"{name}_ms": statistics.median(values) for name, values in own.items()}
        figures.update(rows=len(rows["page"]), bare_rows=min(len(rows["bare"]), PER_PAGE),
                       statements=len(statements))
        per_query[query] = figures
        for name in timings:
            timings[name] += own[name]
        log(f"    {query!r:30} selector {figures['selector_ms']:6.1f} ms ({len(statements)} q.), bare "
            f"{figures['bare_ms']:6.1f} ms, page {figures['page_ms']:6.1f} ms, {figures['rows']} rows")
    median = {name: statistics.median(values) for name, values in timings.items()}
    return {"queries": per_query, "rounds": rounds, "median_ms": median["selector"],
            "bare_median_ms": median["bare"], "page_median_ms": median["page"],
            "p95_ms": statistics.quantiles(timings["selector"], n=20)[-1],
            "page_p95_ms": statistics.quantiles(timings["page"], n=20)[-1],
            "ratio": median["selector"] / median["bare"], "page_ratio": median["page"] / median["bare"],
            "worst_query_ms": max(f["selector_ms"] for f in per_query.values()),
            "worst_query": max(per_query, key=lambda q: per_query[q]["selector_ms"])}


def worklist_figures(world: DocumentsWorld, *, runs: int = 200) -> dict:
    """The timed handler's first page of the worklist and its count (what a worklist page reads)."""
    handler = world.handlers[0]

    def page():
        documents = handler_worklist(handler)
        return list(documents[:PER_PAGE]), documents.count()

    for _ in range(10):
        page()
    with CaptureQueriesContext(connection) as captured:
        rows, total = page()
    timings = [_timed(page)[0] for _ in range(runs)]
    return {"median_ms": statistics.median(timings), "p95_ms": statistics.quantiles(timings, n=20)[-1],
            "queries": len(captured.captured_queries), "rows_on_page": len(rows), "open": total, "runs": runs}
