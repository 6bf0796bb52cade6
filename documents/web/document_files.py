"""A document's current PDF, permission-checked: the issued file, else the draft's last version. Shown inside
the document's page (``?view=1`` from its frame, so the leader reads what they sign before entering the PIN)
or downloaded; either way sandboxed (no script, no same-origin access) and recorded in the document's access
history (Appendix VI). Each file by its id: documents.web.files."""

from __future__ import annotations

from django.http import FileResponse, Http404
from django.views.decorators.http import require_GET

from documents import events
from documents.models import DocumentFile
from documents.services.files import main_file
from documents.web.common import documents_official_required, visible_document_or_404

SANDBOX = "sandbox; default-src 'none'; img-src 'self' data:; frame-ancestors 'self'"
# What fetches a file for the page's frame; a browser without Sec-Fetch-Dest still gets the sandbox.
_FRAME_DESTINATIONS = {"iframe", "embed", "object"}


def _response(request, stored: DocumentFile) -> FileResponse:
    viewing = request.GET.get("view") == "1" and request.headers.get("Sec-Fetch-Dest", "iframe") in _FRAME_DESTINATIONS
    response = FileResponse(stored.file.open("rb"), as_attachment=not viewing, filename=stored.name,
                            content_type="application/pdf")
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    response["Content-Security-Policy"] = SANDBOX
    if viewing:
        response["X-Frame-Options"] = "SAMEORIGIN"  # the document's page frames it
    return response


@documents_official_required
@require_GET
def current_pdf(request, uuid):
    document = visible_document_or_404(request.user, uuid)
    stored = main_file(document)
    if stored is None or not stored.file:
        raise Http404
    events.viewed(document, actor=request.user, what="file")
    return _response(request, stored)
