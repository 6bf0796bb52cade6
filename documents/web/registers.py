"""The registers (Appendix IV) to print or keep as a workbook, and the reports on incoming and outgoing
documents: for the agency's clerks and leaders."""

from __future__ import annotations

import io

from django.core.exceptions import PermissionDenied
from django.http import FileResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from documents.exports import registers as register_exports
from documents.exports import reports as report_exports
from documents.selectors import reports
from documents.selectors.registers import may_keep_registers
from documents.web.common import documents_official_required
from documents.web.forms_registers import RegisterForm, ReportForm

PDF, XLSX = "application/pdf", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def download(content: bytes, *, filename: str, content_type: str, attachment: bool) -> FileResponse:
    response = FileResponse(io.BytesIO(content), as_attachment=attachment, filename=filename,
                            content_type=content_type)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


def _keeper_required(user) -> None:
    if not may_keep_registers(user):
        raise PermissionDenied


@documents_official_required
@require_GET
def registers(request):
    """Sổ đăng ký văn bản: the form, and with a complete request the register itself, as PDF or Excel."""
    _keeper_required(request.user)
    asked = "kind" in request.GET
    form = RegisterForm(request.GET if asked else None, user=request.user)
    if asked and form.is_valid():
        data = form.cleaned_data
        sheet = register_exports.register_sheet(user=request.user, kind=data["kind"], register=data["register"],
                                                start=data["start"], end=data["end"])
        name = f"so-{data['kind']}-{request.user.agency.code}-{data['start']:%Y%m%d}-{data['end']:%Y%m%d}"
        if data["format"] == "xlsx":
            return download(register_exports.register_xlsx(sheet), filename=f"{name}.xlsx", content_type=XLSX,
                            attachment=True)
        return download(register_exports.register_pdf(sheet), filename=f"{name}.pdf", content_type=PDF,
                        attachment=False)
    return render(request, "documents/registers.html", {"form": form}, status=400 if asked else 200)


@documents_official_required
@require_GET
def report(request):
    """The report for the period, on the page; ?format=pdf or xlsx downloads it."""
    user = request.user
    _keeper_required(user)
    form = ReportForm(request.GET if "kind" in request.GET else None)
    context = {"form": form}
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        start, end, kind = data["start"], data["end"], data["kind"]
        name = f"bao-cao-van-ban-{'den' if kind == 'incoming' else 'di'}-{start:%Y%m%d}-{end:%Y%m%d}"
        wanted = request.GET.get("format")
        if kind == "incoming":
            found = reports.incoming_report(user=user, start=start, end=end)
            to_pdf, to_xlsx = report_exports.incoming_pdf, report_exports.incoming_xlsx
            context.update(incoming=found, table=report_exports.incoming_table(found),
                           columns=report_exports.INCOMING_COLUMNS)
        else:
            found = reports.outgoing_report(user=user, start=start, end=end)
            to_pdf, to_xlsx = report_exports.outgoing_pdf, report_exports.outgoing_xlsx
            context.update(outgoing=found, tables=[((first, *report_exports.OUTGOING_COLUMNS), rows)
                                                   for first, rows in report_exports.outgoing_tables(found)])
        if wanted == "pdf":
            return download(to_pdf(found, agency=user.agency), filename=f"{name}.pdf", content_type=PDF,
                            attachment=False)
        if wanted == "xlsx":
            return download(to_xlsx(found, agency=user.agency), filename=f"{name}.xlsx", content_type=XLSX,
                            attachment=True)
        context.update(kind=kind, start=start, end=end, today=timezone.localdate())
    return render(request, "documents/reports.html", context, status=400 if form.is_bound and form.errors else 200)
