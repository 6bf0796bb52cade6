"""The history of the daily reports (/reports/daily/): every report with its PDF and workbook, when and to whom
it was sent; the latest one's figures and charts; "build now" for a provincial admin."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy
from django.views.decorators.http import require_POST

from portal.dates import date_text
from portal.errors import ApplicationError
from portal.pagination import paginate
from reports.daily import presentation, selectors, services
from reports.daily.models import DailyReport

PER_PAGE = 20
FILES = {"pdf": ("pdf", "application/pdf"),
         "xlsx": ("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")}


class BuildForm(forms.Form):
    day = forms.DateField(label=pgettext_lazy("report", "Day"), widget=forms.DateInput(attrs={"type": "date"}))
    send = forms.BooleanField(label=gettext_lazy("E-mail it to the recipients"), required=False)


def _readable(request) -> None:
    if not selectors.may_read(request.user):
        raise PermissionDenied


@login_required
def history(request):
    _readable(request)
    context = paginate(request, selectors.history(), per_page=PER_PAGE)
    selectors.with_deliveries(list(context["page_obj"].object_list))
    latest = selectors.history().first()
    if latest is not None and latest.figures:
        context.update(latest=latest, total=latest.figures["dossiers"]["total"],
                       charts=presentation.charts(latest.figures))
    if selectors.may_build(request.user):
        yesterday = selectors.previous_working_day(timezone.localdate())
        context["form"] = BuildForm(initial={"day": yesterday.isoformat()})
    context["section"] = "daily"
    return render(request, "reports/daily/history.html", context)


@login_required
@require_POST
def build(request):
    if not selectors.may_build(request.user):
        raise PermissionDenied
    form = BuildForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose the day to build the report for."))
        return redirect("reports:daily")
    day = form.cleaned_data["day"]
    try:
        services.daily_report_build(day=day, actor=request.user, send=form.cleaned_data["send"])
    except ApplicationError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("The report of %(day)s was built.") % {"day": date_text(day)})
    return redirect("reports:daily")


@login_required
def download(request, day: str, kind: str):
    _readable(request)
    try:
        day = dt.date.fromisoformat(day)
    except ValueError:
        raise Http404 from None
    if kind not in FILES:
        raise Http404
    report = get_object_or_404(DailyReport, day=day)
    stored = report.pdf if kind == "pdf" else report.xlsx
    if not stored:
        raise Http404
    extension, content_type = FILES[kind]
    response = FileResponse(stored.open("rb"), as_attachment=True,
                            filename=services.file_name(report.day, extension), content_type=content_type)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response
