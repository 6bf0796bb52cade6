"""The documents' home (the worklists of the user's roles, with counts) and a document's page: its
details, files, recipients and their status, assignments, the actions open to the user, and the trail."""

from __future__ import annotations

from django.shortcuts import render
from django.views.decorators.http import require_GET

from documents import selectors
from documents.web.common import documents_official_required, visible_document_or_404


@documents_official_required
@require_GET
def home(request):
    queues = selectors.queues_for(request.user)
    return render(request, "documents/home.html", {
        "queues": queues, "incoming": [q for q in queues if q.key.startswith("incoming")],
        "outgoing": [q for q in queues if not q.key.startswith("incoming")]})


@documents_official_required
@require_GET
def detail(request, uuid):
    document = visible_document_or_404(request.user, uuid, record_view=True)
    return render(request, "documents/detail.html", selectors.detail_context(request.user, document))
