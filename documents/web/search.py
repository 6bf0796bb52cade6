"""Tra cứu văn bản: the search page (every field and the text of the files, without diacritics, with
filters), a page of results at a time, newest first — only what the user may see."""

from __future__ import annotations

from django.shortcuts import render
from django.views.decorators.http import require_GET

from documents.selectors.search import SearchPage, page_number, search_page
from documents.web.common import documents_official_required
from documents.web.forms_registers import SearchForm


@documents_official_required
@require_GET
def search(request):
    form = SearchForm(request.GET)
    filters = form.filters()
    number = page_number(request.GET.get("page"))
    page = SearchPage(number=number) if filters is None else search_page(request.user, filters, number)
    links = form.as_querydict()
    return render(request, "documents/search.html", {
        "form": form, "page": page, "links": links, "is_filtered": bool(links),
    }, status=400 if filters is None else 200)
