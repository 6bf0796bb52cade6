"""Permission-checked downloads: a dossier's files, its result, its slips, and the tracking book; and the
portal's own viewer of a file or result.

Every dossier download looks the dossier up with ``selectors.dossier_get_for``: someone who may not see
it gets the same 404 as for a dossier that does not exist. Files stream from the storage API.

A dossier's files and its result came from someone else's computer. They are sent as attachments, under a
Content-Security-Policy that sandboxes them (no script, no same-origin access, whatever a browser makes of
them), and open in the browser only inside the portal's viewer page: the file URL with ``?view=1``
fetched by the viewer's frame or image (``Sec-Fetch-Dest``), never by a link someone follows to it."""

from __future__ import annotations

import io
import os

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, SuspiciousFileOperation
from django.http import FileResponse, Http404
from django.shortcuts import render
from django.template.defaultfilters import filesizeformat
from django.urls import reverse
from django.utils.text import get_valid_filename
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from accounts.models import User
from documents import events as document_events
from documents.services.files import main_file
from dossiers import slips
from dossiers.errors import DossierNotFound
from dossiers.models import Dossier, DossierFile, ResultDraft
from dossiers.selectors import dossier_get_for
from dossiers.web.book_form import BookForm
from portal.dates import datetime_text
from portal.views import not_found

PDF = "application/pdf"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
UPLOADED_CSP = "sandbox; default-src 'none'; img-src 'self' data:; frame-ancestors 'self'"
# What fetches a file for the viewer page; a browser without Sec-Fetch-Dest still gets the sandbox.
_VIEWER_DESTINATIONS = {"iframe", "embed", "object", "image"}


def _download(content, *, filename: str, content_type: str, attachment: bool = False) -> FileResponse:
    stream = io.BytesIO(content) if isinstance(content, bytes) else content
    response = FileResponse(stream, as_attachment=attachment, filename=filename, content_type=content_type)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


def _uploaded(request, content, *, filename: str, content_type: str) -> FileResponse:
    """An uploaded file: an attachment, or inline for the viewer's frame; sandboxed either way."""
    destination = request.headers.get("Sec-Fetch-Dest", "iframe")
    viewing = request.GET.get("view") == "1" and destination in _VIEWER_DESTINATIONS
    response = _download(content, filename=filename, content_type=content_type, attachment=not viewing)
    response["Content-Security-Policy"] = UPLOADED_CSP
    if viewing:
        response["X-Frame-Options"] = "SAMEORIGIN"  # the viewer page frames it
    return response


def safe_name(name: str, fallback: str) -> str:
    """The client's file name without its path or characters unsafe in a header or a file system."""
    try:
        return get_valid_filename(os.path.basename((name or "").replace("\\", "/")))[:150]
    except SuspiciousFileOperation:
        return fallback


def _dossier(request, uuid) -> Dossier:
    try:
        return dossier_get_for(user=request.user, uuid=uuid)
    except DossierNotFound as error:
        raise Http404(error.message) from None


def _file(request, uuid, file_id) -> tuple[Dossier, DossierFile | None]:
    dossier = _dossier(request, uuid)
    row = DossierFile.objects.filter(dossier=dossier, pk=file_id).select_related("component").first()
    return dossier, row if row is not None and row.file else None


def _result_ready_for(request, dossier: Dossier) -> bool:
    # Officials may read the result as soon as it exists. The applicant reads it once they have received
    # the electronic result (a deliberate action on their dossier's page, recorded as its delivery): opening
    # the file is never what records it.
    if request.user.is_official:
        return bool(dossier.result_file)
    return dossier.result_available() and dossier.electronic_delivery is not None


def _result_missing(dossier: Dossier) -> str:
    if dossier.result_available():
        return _("Receive the electronic result on your dossier's page first: that records that you have "
                 "received it.")
    return _("The result of this dossier is not ready yet.")


def _draft(request, uuid, draft_id) -> tuple[Dossier, ResultDraft | None]:
    """A draft result: officials' work, never shown to the applicant (the same 404 as for no draft)."""
    dossier = _dossier(request, uuid)
    if not request.user.is_official:
        return dossier, None
    row = ResultDraft.objects.filter(dossier=dossier, pk=draft_id).select_related("created_by").first()
    return dossier, row if row is not None and row.file else None


@login_required
@require_GET
def file_download(request, uuid, file_id):
    dossier, row = _file(request, uuid, file_id)
    if row is None:
        return not_found(request, _("This dossier has no such file."))
    name = safe_name(row.original_name, f"tep-{row.pk}{os.path.splitext(row.file.name)[1]}")
    return _uploaded(request, row.file.open("rb"), filename=name, content_type=row.content_type)


@login_required
@require_GET
def result_download(request, uuid):
    dossier = _dossier(request, uuid)
    if not _result_ready_for(request, dossier):
        return not_found(request, _result_missing(dossier))
    name = safe_name(dossier.result_name, f"ket-qua-{dossier.code}.pdf")
    return _uploaded(request, dossier.result_file.open("rb"), filename=name, content_type=PDF)


@login_required
@require_GET
def file_view(request, uuid, file_id):
    """Xem tệp: the portal's viewer of one of the dossier's files."""
    dossier, row = _file(request, uuid, file_id)
    if row is None:
        return not_found(request, _("This dossier has no such file."))
    url = reverse("dossiers:file", kwargs={"uuid": dossier.uuid, "file_id": row.pk})
    return render(request, "dossiers/viewer.html", {
        "dossier": dossier, "name": row.original_name, "url": url, "is_image": row.content_type != PDF,
        "facts": [row.component.display_name if row.component else _("Other paper"), filesizeformat(row.size),
                  datetime_text(row.uploaded_at)],
    })


@login_required
@require_GET
def result_view(request, uuid):
    """Xem kết quả: the portal's viewer of the dossier's result."""
    dossier = _dossier(request, uuid)
    if not _result_ready_for(request, dossier):
        return not_found(request, _result_missing(dossier))
    return render(request, "dossiers/viewer.html", {
        "dossier": dossier, "name": dossier.result_name or _("Result"), "is_image": False,
        "url": reverse("dossiers:result", kwargs={"uuid": dossier.uuid}),
        "facts": [_("Result"), *([_("Digitally signed")] if dossier.result_signed_by else [])],
    })


@login_required
@require_GET
def draft_download(request, uuid, draft_id):
    dossier, row = _draft(request, uuid, draft_id)
    if row is None:
        return not_found(request, _("This dossier has no such draft result."))
    name = safe_name(row.original_name, f"du-thao-ket-qua-{dossier.code}.pdf")
    return _uploaded(request, row.file.open("rb"), filename=name, content_type=PDF)


@login_required
@require_GET
def draft_view(request, uuid, draft_id):
    """Xem dự thảo kết quả: the portal's viewer of a draft result."""
    dossier, row = _draft(request, uuid, draft_id)
    if row is None:
        return not_found(request, _("This dossier has no such draft result."))
    return render(request, "dossiers/viewer.html", {
        "dossier": dossier, "name": row.original_name, "is_image": False,
        "url": reverse("dossiers:result_draft", kwargs={"uuid": dossier.uuid, "draft_id": row.pk}),
        "facts": [_("Draft result") if row.is_current else _("Earlier draft result"),
                  str(row.created_by), filesizeformat(row.size),
                  datetime_text(row.created_at)],
    })


def _result_document(request, uuid):
    """The dossier's result document and its current file (the version to sign, the signed one, the numbered
    one): officials' work until the result is returned, never shown to the applicant here (the same 404 as
    for none). Each look is in the document's access history (Appendix VI)."""
    dossier = _dossier(request, uuid)
    document = dossier.result_document if request.user.is_official else None
    stored = main_file(document) if document is not None else None
    return dossier, document, stored if stored is not None and stored.file else None


@login_required
@require_GET
def result_document_download(request, uuid):
    dossier, document, stored = _result_document(request, uuid)
    if stored is None:
        return not_found(request, _("This dossier has no result document yet."))
    document_events.viewed(document, actor=request.user, what="file")
    return _uploaded(request, stored.file.open("rb"), filename=safe_name(stored.name, "ket-qua.pdf"),
                     content_type=PDF)


@login_required
@require_GET
def result_document_view(request, uuid):
    """Xem kết quả (văn bản đi): the portal's viewer of the result document as it is now."""
    dossier, document, stored = _result_document(request, uuid)
    if stored is None:
        return not_found(request, _("This dossier has no result document yet."))
    return render(request, "dossiers/viewer.html", {
        "dossier": dossier, "name": stored.name, "is_image": False,
        "url": reverse("dossiers:result_document", kwargs={"uuid": dossier.uuid}),
        "facts": [document.document_type.display_name, document.number_display or document.get_state_display(),
                  f"SHA-256 {stored.sha256[:16]}…"],
    })


@login_required
@require_GET
def slip_download(request, uuid, form):
    dossier = _dossier(request, uuid)
    try:
        content = slips.slip_pdf(dossier, form)
    except DossierNotFound as error:
        return not_found(request, error.message)
    return _download(content, filename=f"mau-{form}-{dossier.code or dossier.uuid.hex[:8]}.pdf", content_type=PDF)


@login_required
@require_GET
def tracking_book(request):
    """Sổ theo dõi hồ sơ: the form, and with a complete request the book itself, as PDF or Excel."""
    user: User = request.user
    if not (user.is_provincial_admin or (user.role == User.Role.OFFICER and user.centre_id)):
        raise PermissionDenied
    asked = "centre" in request.GET
    form = BookForm(request.GET if asked else None, user=user)
    if asked and form.is_valid():
        data = form.cleaned_data
        centre, start, end = data["centre"], data["start"], data["end"]
        name = f"so-theo-doi-ho-so-{centre.slug}-{start:%Y%m%d}-{end:%Y%m%d}"
        if data["format"] == "xlsx":
            return _download(slips.tracking_book_xlsx(centre=centre, start=start, end=end),
                             filename=f"{name}.xlsx", content_type=XLSX, attachment=True)
        return _download(slips.tracking_book_pdf(centre=centre, start=start, end=end),
                         filename=f"{name}.pdf", content_type=PDF)
    return render(request, "dossiers/book.html", {"form": form}, status=400 if asked else 200)
