"""Pages of the work files (hồ sơ công việc): the agency's list (Mục lục hồ sơ, also as Excel and PDF),
opening and changing a file, a file's page with its documents in time order and its actions, and its export
with the documents (PDF, XML). Thin: the services decide (documents.services.workfiles), the selectors say
what the user sees (documents.selectors.workfiles); a refused action shows the service's message."""

from __future__ import annotations

import io

from django.contrib import messages
from django.db import transaction
from django.db.models import Q
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from documents import permissions
from documents.errors import DocumentError, DocumentNotFound
from documents.exports import catalogue, workfile
from documents.models import Document, WorkFile
from documents.selectors import workfiles as selectors
from documents.services import workfiles as services
from documents.web.common import documents_official_required
from documents.web.workfile_forms import (
    MAINTENANCE_SUGGESTIONS,
    CatalogueForm,
    CloseForm,
    DocumentChoiceForm,
    WorkFileForm,
)
from portal.dates import date_text
from portal.pagination import paginate

PDF = "application/pdf"
XML = "application/xml"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PER_PAGE = 25
FIND_LIMIT = 20


def download(content: bytes, *, filename: str, content_type: str, attachment: bool = False) -> FileResponse:
    response = FileResponse(io.BytesIO(content), as_attachment=attachment, filename=filename,
                            content_type=content_type)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


def _work_file(request, uuid) -> WorkFile:
    try:
        return selectors.workfile_get_for(request.user, uuid)
    except DocumentNotFound:
        raise Http404 from None


@documents_official_required
@require_GET
def workfiles(request):
    """Mục lục hồ sơ: the files the user may see, by year; as Excel or PDF with ``?format=``."""
    form = CatalogueForm(request.GET)
    filters = form.filters()
    export = form.cleaned_data.get("format") if form.is_valid() else ""
    if export:
        year = filters["year"] or timezone.localdate().year
        name = f"muc-luc-ho-so-{year}"
        if export == "xlsx":
            return download(catalogue.catalogue_xlsx(request.user, year=year), filename=f"{name}.xlsx",
                            content_type=XLSX, attachment=True)
        return download(catalogue.catalogue_pdf(request.user, year=year), filename=f"{name}.pdf", content_type=PDF)
    rows = selectors.workfiles_of(request.user, **filters)
    return render(request, "documents/workfiles/list.html", {
        "form": form, "year": filters["year"] or timezone.localdate().year, **paginate(request, rows, per_page=PER_PAGE),
    })


@documents_official_required
@require_http_methods(["GET", "POST"])
def workfile_new(request):
    """Lập hồ sơ; with ``?document=`` the document is put in the new file at once."""
    document = _document_from(request, request.GET.get("document") or request.POST.get("document"))
    form = WorkFileForm(request.POST or None, agency_id=request.user.agency_id)
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():  # the new file and the document put in it, or neither
                created = services.workfile_open(user=request.user, **form.values())
                if document is not None:
                    services.workfile_document_add(work_file=created, document=document, user=request.user)
        except DocumentError as error:
            form.add_service_errors(error)
        else:
            messages.success(request, _("Work file %(code)s is open.") % {"code": created.file_code})
            return redirect("documents:workfile", uuid=created.uuid)
    status = 400 if request.method == "POST" else 200
    return render(request, "documents/workfiles/form.html", {
        "form": form, "document": document, "suggestions": MAINTENANCE_SUGGESTIONS}, status=status)


def _document_from(request, value) -> Document | None:
    """A document the user may see, named in the request; None when none is named or it is not theirs."""
    form = DocumentChoiceForm({"document": value})
    if not value or not form.is_valid():
        return None
    return permissions.visible_to(request.user).filter(uuid=form.cleaned_data["document"]).first()


@documents_official_required
@require_http_methods(["GET", "POST"])
def workfile_edit(request, uuid):
    work_file = _work_file(request, uuid)
    form = WorkFileForm(request.POST or None, initial=WorkFileForm.initial_of(work_file),
                        agency_id=work_file.agency_id)
    if request.method == "POST" and form.is_valid():
        try:
            services.workfile_update(work_file=work_file, user=request.user, **form.values())
        except DocumentError as error:
            form.add_service_errors(error)
        else:
            messages.success(request, _("The details of work file %(code)s are saved.")
                             % {"code": work_file.file_code})
            return redirect("documents:workfile", uuid=work_file.uuid)
    return render(request, "documents/workfiles/form.html", {
        "form": form, "work_file": work_file, "suggestions": MAINTENANCE_SUGGESTIONS},
        status=400 if request.method == "POST" else 200)


def _page(request, work_file: WorkFile, *, close_form=None, error: str = "", status: int = 200):
    documents = list(selectors.workfile_documents(request.user, work_file))
    doc_total, page_total = selectors.totals(documents)
    query = (request.GET.get("find") or "").strip()[:100]
    found = []
    if query and work_file.state == WorkFile.State.OPEN:
        found = list(permissions.visible_to(request.user).exclude(work_file_entries__work_file=work_file)
                     .filter(_matches(query)).select_related("document_type").order_by("-created_at")[:FIND_LIMIT])
    return render(request, "documents/workfiles/detail.html", {
        "work_file": work_file, "documents": documents, "doc_total": doc_total, "page_total": page_total,
        "can_manage": selectors.can_manage(request.user, work_file) and not work_file.is_frozen,
        "can_freeze": selectors.can_freeze(request.user, work_file) and work_file.state == WorkFile.State.CLOSED,
        "can_deposit": selectors.can_record_deposit(request.user, work_file)
        and work_file.state in (WorkFile.State.CLOSED, WorkFile.State.FROZEN),
        "close_form": close_form or CloseForm(), "find": query, "found": found, "error": error,
        "reminder_days": services.DEPOSIT_REMINDER_DAYS,
    }, status=status)


def _matches(query: str) -> Q:
    return Q(subject__icontains=query) | Q(code_notation__icontains=query) | Q(code_number=query)


@documents_official_required
@require_GET
def workfile_detail(request, uuid):
    return _page(request, _work_file(request, uuid))


@documents_official_required
@require_POST
def workfile_act(request, uuid, action: str):
    """Close, reopen, freeze, record the deposit, or delete the file."""
    work_file = _work_file(request, uuid)
    close_form = CloseForm(request.POST) if action == "close" else None
    done = {
        "close": lambda: services.workfile_close(work_file=work_file, user=request.user,
                                                 end_date=close_form.cleaned_data.get("end_date")),
        "reopen": lambda: services.workfile_reopen(work_file=work_file, user=request.user),
        "freeze": lambda: services.workfile_freeze(work_file=work_file, user=request.user),
        "deposit": lambda: services.workfile_deposit(work_file=work_file, user=request.user),
        "delete": lambda: services.workfile_delete(work_file=work_file, user=request.user),
    }
    if action not in done:
        raise Http404
    if close_form is not None and not close_form.is_valid():
        return _page(request, work_file, close_form=close_form, error=_("Please correct the errors below."), status=400)
    code = work_file.file_code
    try:
        done[action]()
    except DocumentError as error:
        if close_form is not None:
            close_form.add_service_errors(error, summary=False)
        return _page(request, _work_file(request, uuid), close_form=close_form, error=error.message,
                     status=error.status_code)
    notices = {
        "close": _("Work file %(code)s is closed; it is due for deposit in the archive by %(due)s."),
        "reopen": _("Work file %(code)s is open again."),
        "freeze": _("Work file %(code)s is frozen: it can no longer be changed."),
        "deposit": _("Work file %(code)s is recorded as deposited in the agency's archive."),
        "delete": _("Work file %(code)s is deleted; its documents stay where they are."),
    }
    if action == "delete":
        messages.success(request, notices[action] % {"code": code})
        return redirect("documents:workfiles")
    work_file.refresh_from_db()
    messages.success(request, notices[action] % {"code": code, "due": date_text(work_file.deposit_due)})
    return redirect("documents:workfile", uuid=work_file.uuid)


@documents_official_required
@require_POST
def workfile_documents(request, uuid, action: str):
    """Put a document into the file, or take it out, from the file's page."""
    if action not in ("add", "remove"):
        raise Http404
    work_file = _work_file(request, uuid)
    document = _document_from(request, request.POST.get("document"))
    if document is None:
        raise Http404
    try:
        if action == "add":
            services.workfile_document_add(work_file=work_file, document=document, user=request.user)
            messages.success(request, _("The document is in work file %(code)s.") % {"code": work_file.file_code})
        else:
            services.workfile_document_remove(work_file=work_file, document=document, user=request.user)
            messages.success(request, _("The document is taken out of work file %(code)s.")
                             % {"code": work_file.file_code})
    except DocumentError as error:
        return _page(request, work_file, error=error.message, status=error.status_code)
    return redirect("documents:workfile", uuid=work_file.uuid)


@documents_official_required
@require_POST
def file_it(request):
    """"Put in a work file" from a document's page: the chosen open file; back to the document."""
    document = _document_from(request, request.POST.get("document"))
    if document is None:
        raise Http404
    work_file = _work_file(request, DocumentChoiceForm({"document": request.POST.get("work_file")}).cleaned_uuid())
    try:
        services.workfile_document_add(work_file=work_file, document=document, user=request.user)
    except DocumentError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("The document is in work file %(code)s.") % {"code": work_file.file_code})
    return redirect("documents:detail", uuid=document.uuid)


@documents_official_required
@require_GET
def workfile_export(request, uuid, fmt: str):
    """The file with its documents, in time order: PDF (table of contents and the documents) or XML."""
    work_file = _work_file(request, uuid)
    name = f"ho-so-{work_file.file_code}"
    if fmt == "pdf":
        return download(workfile.workfile_pdf(work_file=work_file, user=request.user), filename=f"{name}.pdf",
                        content_type=PDF)
    if fmt == "xml":
        return download(workfile.workfile_xml(work_file=work_file, user=request.user), filename=f"{name}.xml",
                        content_type=XML, attachment=True)
    raise Http404
