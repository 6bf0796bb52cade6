"""Công khai kết quả xử lý phản ánh, kiến nghị (Decree 20/2008/NĐ-CP, Art. 19): the published answers,
newest first, searchable without diacritics and by category and agency, and each answer on its own page —
the texts masked at publication, never the petitioner's identity. A petition not published is not found
here, whatever its code."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from feedback import selectors
from feedback.errors import PetitionNotFound
from feedback.models import Petition
from portal.pagination import paginate
from portal.views import not_found

PAGE_SIZE = 20


@require_GET
def answers(request: HttpRequest) -> HttpResponse:
    query = (request.GET.get("q") or "").strip()[:200]
    category = request.GET.get("category") or ""
    agency = (request.GET.get("agency") or "").strip()[:20]
    rows = selectors.published_answers(query=query, category=category, agency=agency)
    context = paginate(request, rows, per_page=PAGE_SIZE)
    context.update({
        "query": query, "category": category if category in Petition.Category.values else "", "agency": agency,
        "categories": Petition.Category.choices, "agencies": selectors.answering_agencies(),
        "searching": bool(query or category or agency),
    })
    return render(request, "feedback/public/answers.html", context)


@require_GET
def answer(request: HttpRequest, code: str) -> HttpResponse:
    try:
        petition = selectors.published_answer(code)
    except PetitionNotFound as error:
        return not_found(request, error.message)
    return render(request, "feedback/public/answer.html", {"petition": petition})
