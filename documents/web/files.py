"""A document's files, downloaded through a permission check (Appendix VI: every access recorded).

The document is looked up as its page does (documents.web.common): someone who may not see it gets the
same 404 as for a document that does not exist. The file is a PDF checked at upload (documents.uploads:
no script, no embedded files); it is sent inline, for the browser's PDF reader, with its type fixed
(``nosniff``) and never cached by a shared cache. The download is written into the document's trail."""

from __future__ import annotations

from django.http import FileResponse, Http404
from django.utils.text import get_valid_filename
from django.views.decorators.http import require_GET

from documents import events
from documents.models import DocumentEvent, DocumentFile
from documents.web.common import documents_official_required, visible_document_or_404


@documents_official_required
@require_GET
def document_file(request, uuid, file_id: int):
    document = visible_document_or_404(request.user, uuid)
    stored = DocumentFile.objects.filter(document=document, pk=file_id).first()
    if stored is None:
        raise Http404
    try:
        handle = stored.file.open("rb")
    except (FileNotFoundError, OSError):
        raise Http404 from None
    events.record(document, kind=DocumentEvent.Kind.DOWNLOADED, actor=request.user, from_state=document.state,
                  note=stored.name, data={"what": "file", "file": stored.pk, "kind": stored.kind})
    name = get_valid_filename(stored.name) or f"{document.uuid.hex[:8]}.pdf"
    if not name.lower().endswith(".pdf"):
        name += ".pdf"
    response = FileResponse(handle, as_attachment=request.GET.get("download") == "1", filename=name,
                            content_type="application/pdf")
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response
