"""Paging a list for a page: the context templates/includes/pagination.html needs, and (for the lists
officials open all day long) a page and its total read in one query."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import Count, QuerySet, Window
from django.http import HttpRequest, QueryDict

_TOTAL = "page_total"


def page_context(page: Page, filters: QueryDict | None = None) -> dict:
    """``page_obj``, the page links to show (``page_range``) and the other query parameters each link keeps
    (``filters``)."""
    return {"page_obj": page, "filters": filters or QueryDict(),
            "page_range": page.paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1)}


def paginate(request: HttpRequest, rows, *, per_page: int, filters: QueryDict | None = None) -> dict:
    """The page ``?page=`` asks for (the last one when past the end), with its context. The links keep
    ``filters``, by default the request's own parameters."""
    if filters is None:
        filters = request.GET.copy()
        filters.pop("page", None)
    return page_context(Paginator(rows, per_page).get_page(request.GET.get("page")), filters)


def page_with_total(rows: QuerySet, number, *, per_page: int, row: Callable[[dict], Any] = dict) -> Page:
    """``Paginator(rows, per_page).get_page(number)``, with each row made by ``row`` from a ``values()``
    dict. The requested page comes with the total (``COUNT(*) OVER ()``): one query where Paginator makes
    two (a COUNT, then the page) that read the same rows."""
    return Paginator(_PageAndTotal(rows, number, per_page=per_page, row=row), per_page).get_page(number)


class _PageAndTotal:
    """What Paginator pages over. Paginator asks for the total first, then for a slice: the total's query
    reads the page the request asked for, whose number is only a guess until Paginator has checked it.
    Any other slice (a page number out of range, shown as the last page) is read on its own, and the
    total of a page past the end by a COUNT, so every answer is Paginator's own."""

    def __init__(self, rows: QuerySet, number, *, per_page: int, row: Callable[[dict], Any]):
        self.rows, self.row = rows, row
        try:
            guess = int(number) if not isinstance(number, float) or number.is_integer() else 1
        except (TypeError, ValueError):
            guess = 1
        self.start = (max(guess, 1) - 1) * per_page
        self.stop = self.start + per_page
        self.fetched: list | None = None
        self.total: int | None = None

    def count(self) -> int:
        if self.total is None:
            fetched = list(self.rows.annotate(**{_TOTAL: Window(Count("*"))})[self.start:self.stop])
            if fetched or self.start == 0:
                self.total = fetched[0][_TOTAL] if fetched else 0
                for values in fetched:
                    del values[_TOTAL]
                self.fetched = [self.row(values) for values in fetched]
            else:
                self.total = self.rows.count()
        return self.total

    def __getitem__(self, bounds: slice) -> list:
        if self.fetched is not None and bounds.start == self.start:
            return self.fetched[: bounds.stop - bounds.start]
        return [self.row(values) for values in self.rows[bounds]]
