"""The catalogue back office (provincial admins): list, import/export, review and publish drafts."""

from __future__ import annotations

import io

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import FieldDoesNotExist
from django.core.paginator import Paginator
from django.db.models import Exists, OuterRef, Prefetch
from django.http import FileResponse, Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts.decorators import admin_required
from portal.errors import ApplicationError, NotFound
from portal.jobs import job_get
from portal.models import Job
from procedures.eforms import answers_display
from procedures.excel.issues import CatalogueImportError
from procedures.excel.writer import catalogue_file, export_versions, template_file
from procedures.imports import IMPORT_JOB, ImportSummary, catalogue_import_start
from procedures.manage_forms import (
    FormComponentForm,
    FormFieldForm,
    FormFieldFormSet,
    ImportForm,
    ManageSearchForm,
    PublishForm,
)
from procedures.models import InternalProcessStep, Procedure, ProcedureVersion
from procedures.selectors import catalogue_filter
from procedures.services import (
    procedure_data_errors,
    procedure_draft_from_published,
    procedure_form_save,
    procedure_publish_under_new_decision,
    version_data,
)

PAGE_SIZE = 25
PUBLISH_PAGE_SIZE = 100
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _page(request, queryset, size: int):
    page = Paginator(queryset, size).get_page(request.GET.get("page"))
    return page, page.paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1)


@admin_required
@require_GET
def manage_list(request):
    form = ManageSearchForm(request.GET)
    criteria = form.criteria()
    draft = ProcedureVersion.objects.filter(procedure=OuterRef("procedure"), status=ProcedureVersion.Status.DRAFT)
    versions = ProcedureVersion.objects.select_related("procedure", "field", "agency", "decision").annotate(
        has_draft=Exists(draft)
    )
    if criteria["status"]:
        versions = versions.filter(status=criteria["status"])
    versions = catalogue_filter(versions, query=criteria["query"]).order_by("procedure__code", "-number")
    page, page_range = _page(request, versions, PAGE_SIZE)
    filters = request.GET.copy()
    filters.pop("page", None)
    return render(request, "procedures/manage/list.html", {
        "section": "list", "form": form, "page_obj": page, "page_range": page_range, "filters": filters,
        "draft_count": ProcedureVersion.objects.filter(status=ProcedureVersion.Status.DRAFT).count(),
    })


@admin_required
@require_http_methods(["GET", "POST"])
def manage_import(request):
    form = ImportForm(request.POST or None, request.FILES or None)
    refused = None
    if request.method == "POST" and form.is_valid():
        try:
            outcome = catalogue_import_start(upload=form.cleaned_data["file"], actor=request.user, language=get_language())
        except CatalogueImportError as error:
            refused = error
        else:
            if isinstance(outcome, ImportSummary):
                messages.success(request, outcome.message)
                return redirect(f"{reverse('procedures:manage')}?status={ProcedureVersion.Status.DRAFT}")
            return redirect("procedures:manage_import_job", pk=outcome.pk)
    recent = Job.objects.filter(kind=IMPORT_JOB).select_related("created_by")[:5]
    return render(request, "procedures/manage/import.html", {
        "section": "import", "form": form, "recent": recent, "max_mb": settings.IMPORT_MAX_MB,
        "issues": refused.issues if refused else [], "issues_message": refused.message if refused else "",
    })


@admin_required
@require_GET
def manage_import_job(request, pk):
    try:
        job = job_get(pk=pk)
    except NotFound as error:
        raise Http404(error.message) from None
    return render(request, "procedures/manage/import_job.html", {
        "section": "import", "job": job, "status": _job_status(job),
    })


@admin_required
@require_GET
def manage_job_status(request, pk):
    """Progress of a background job as JSON, polled by static/js/progress.js."""
    try:
        job = job_get(pk=pk)
    except NotFound as error:
        return JsonResponse({"code": error.code, "message": error.message}, status=404)
    return JsonResponse(_job_status(job))


def _job_status(job: Job) -> dict:
    return {
        "status": job.status, "done": job.done, "total": job.total, "percent": job.percent,
        "message": job.message, "errors": job.result.get("errors", []), "finished": job.is_finished,
    }


@admin_required
@require_GET
def manage_template(request):
    return _xlsx(template_file(), "mau-danh-muc-thu-tuc.xlsx")


@admin_required
@require_GET
def manage_export(request):
    include_drafts = request.GET.get("drafts") == "1"
    content = catalogue_file(export_versions(include_drafts=include_drafts).iterator(chunk_size=500))
    suffix = "-kem-du-thao" if include_drafts else ""
    return _xlsx(content, f"danh-muc-thu-tuc{suffix}-{timezone.localdate():%Y%m%d}.xlsx")


def _xlsx(content: bytes, filename: str) -> FileResponse:
    return FileResponse(io.BytesIO(content), as_attachment=True, filename=filename, content_type=XLSX)


@admin_required
@require_GET
def manage_draft(request, code: str):
    steps = InternalProcessStep.objects.select_related("responsible_agency")
    draft = get_object_or_404(
        ProcedureVersion.objects.select_related("procedure", "field", "agency")
        .prefetch_related("components", "fees", "centres", "form_fields", Prefetch("steps", queryset=steps)),
        procedure__code=code, status=ProcedureVersion.Status.DRAFT,
    )
    problems = procedure_data_errors(code=code, data=version_data(draft))
    labels = {name: _field_label(name) for name in problems}
    return render(request, "procedures/manage/draft.html", {
        "section": "list", "version": draft, "problems": [(labels[name], messages_) for name, messages_ in problems.items()],
        "form_sections": answers_display(draft.form_fields.all(), {}, skip_empty=False),
    })


def _field_label(name: str) -> str:
    try:
        return capfirst(ProcedureVersion._meta.get_field(name).verbose_name)
    except FieldDoesNotExist:  # "code", "channels" and "form_fields" are rule keys, not model fields
        return {"code": _("Procedure code"), "channels": _("Channels"),
                "form_fields": _("E-form")}.get(name, name)


@admin_required
@require_http_methods(["GET", "POST"])
def manage_draft_form(request, code: str):
    """Tờ khai điện tử of a draft: its questions (one row each, with blank rows to add more) and the paper
    it stands for; saved whole through procedures.services.procedure_form_save."""
    draft = get_object_or_404(
        ProcedureVersion.objects.select_related("procedure").prefetch_related("components", "form_fields"),
        procedure__code=code, status=ProcedureVersion.Status.DRAFT,
    )
    components = list(draft.components.all())
    current = next((c.position for c in components if c.filled_by_form), None)
    initial = [FormFieldForm.initial_for(field) for field in draft.form_fields.all()]
    formset = FormFieldFormSet(request.POST or None, initial=initial, prefix="fields")
    component_form = FormComponentForm(request.POST or None, components=components,
                                       initial={"component": current})
    errors: list[str] = []
    if request.method == "POST" and formset.is_valid() and component_form.is_valid():
        try:
            procedure_form_save(version=draft, fields=formset.definition(),
                                form_component=component_form.cleaned_data["component"], actor=request.user)
        except ApplicationError as error:
            errors = [error.message, *(m for messages_ in error.extra.get("errors", {}).values() for m in messages_)]
        else:
            messages.success(request, _("The e-form of %(code)s is saved.") % {"code": code})
            return redirect("procedures:manage_draft", code=code)
    elif request.method == "POST":
        errors = [_("Some rows have errors; nothing was saved.")]
    return render(request, "procedures/manage/draft_form.html", {
        "section": "list", "version": draft, "formset": formset, "component_form": component_form,
        "errors": errors,
    }, status=400 if errors else 200)


@admin_required
@require_POST
def manage_new_draft(request, code: str):
    procedure = get_object_or_404(Procedure, code=code)
    try:
        procedure_draft_from_published(procedure=procedure, actor=request.user)
    except ApplicationError as error:
        messages.error(request, error.message)
        return redirect("procedures:manage")
    messages.success(request, _("The draft of %(code)s is ready.") % {"code": code})
    return redirect("procedures:manage_draft", code=code)


@admin_required
@require_http_methods(["GET", "POST"])
def manage_publish(request):
    draft_codes = list(
        Procedure.objects.filter(versions__status=ProcedureVersion.Status.DRAFT).values_list("code", flat=True)
    )
    initial = {"codes": request.GET.getlist("codes")}
    form = PublishForm(request.POST or None, initial=initial, draft_codes=draft_codes)
    problems = {}
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        drafts = list(ProcedureVersion.objects.filter(
            status=ProcedureVersion.Status.DRAFT, procedure__code__in=data["codes"]
        ))
        try:
            decision, _published = procedure_publish_under_new_decision(
                versions=drafts, number=data["number"], signed_on=data["signed_on"], signer=data["signer"],
                signer_position=data["signer_position"], effective_from=data["effective_from"],
                actor=request.user,
            )
        except ApplicationError as error:
            form.add_error(None, error.message)
            problems = _publish_problems(form, error.extra.get("errors", {}))
        else:
            messages.success(request, ngettext(
                "Published %(count)d procedure under decision %(number)s.",
                "Published %(count)d procedures under decision %(number)s.", len(drafts),
            ) % {"count": len(drafts), "number": decision.number})
            return redirect("procedures:manage")
    query = request.GET.get("q", "")
    drafts = catalogue_filter(
        ProcedureVersion.objects.filter(status=ProcedureVersion.Status.DRAFT).select_related("procedure", "field"),
        query=query,
    ).order_by("procedure__code")
    page, page_range = _page(request, drafts, PUBLISH_PAGE_SIZE)
    filters = request.GET.copy()
    filters.pop("page", None)
    selected = set(form["codes"].value() or ())
    return render(request, "procedures/manage/publish.html", {
        "section": "publish", "form": form, "page_obj": page, "page_range": page_range, "filters": filters,
        "selected": selected,
        "query": query, "problems": problems,
    })


def _publish_problems(form: PublishForm, errors: dict) -> dict:
    """Field errors of the decision go next to its fields; per-draft rule problems are listed by code."""
    per_draft = {}
    for key, value in errors.items():
        if isinstance(value, dict):
            per_draft[key] = [message for messages_ in value.values() for message in messages_]
        elif key in form.fields:
            for message in value:
                form.add_error(key, message)
    return per_draft
