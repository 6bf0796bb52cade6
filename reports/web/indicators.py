"""The Decision 766 indicator pages: the scorecard of a scope and period, the breakdown by commune, centre,
agency or procedure, the dossiers behind a figure, and each as an Excel workbook. Thin: the figures come from
reports.indicators."""

from __future__ import annotations

from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from portal.pagination import paginate
from reports.charts import bar_chart, line_chart
from reports.indicators import workbooks
from reports.indicators.drill import TITLES, WHICH, drill
from reports.indicators.figures import BY_KEY, SCOPE_KINDS, Scope, figures, figures_by
from reports.indicators.names import scope_name, scope_names
from reports.indicators.periods import KINDS, Period, current_month, period_from
from reports.indicators.scoring import percent, scorecard
from reports.permissions import reports_required

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PAGE_SIZE = 50


def _period(request) -> Period:
    """The period asked for; this month when the request names none. A malformed one is a 404, not a guess."""
    if "period" not in request.GET:
        return current_month()
    period = period_from(request.GET.get("period", ""), request.GET.get("year"), request.GET.get("number"))
    if period is None:
        raise Http404
    return period


def _scope(request) -> tuple[Scope, str]:
    """The scope asked for and its name (the province when none is); an unknown one is a 404."""
    kind = request.GET.get("scope", "province")
    if kind not in SCOPE_KINDS:
        raise Http404
    try:
        scope = Scope() if kind == "province" else Scope(kind, int(request.GET.get("id", "")))
    except ValueError:
        raise Http404 from None
    name = scope_name(scope)
    if not name:
        raise Http404
    return scope, name


def _by(request, scope: Scope) -> str:
    default = "unit" if scope.kind == "province" else "procedure"
    by = request.GET.get("by", default)
    if by not in BY_KEY:
        raise Http404
    return by


def _breakdown(by: str, period: Period) -> list[dict]:
    found = figures_by(by, period)
    names = scope_names(by, found)
    rows = [{"id": pk, "name": names.get(pk, ""), "figures": f,
             "on_time_rate": percent(f.on_time, f.counted)}
            for pk, f in found.items()]
    return sorted(rows, key=lambda row: row["name"])


def _download(content: bytes, name: str) -> HttpResponse:
    response = HttpResponse(content, content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def _charts(card, scope: Scope, period: Period) -> list:
    groups = card.groups
    charts = [bar_chart(
        title=_("Points by group of indicators"), labels=[str(g.group.short) for g in groups], unit="",
        horizontal=True, labels_heading=_("Group"),
        series={_("Points earned"): [g.points for g in groups], _("Maximum points"): [g.group.points for g in groups]},
    )]
    months = [Period("month", year, month) for year, month in period.months()]
    if len(months) > 1:
        rows = [(f"{p.number:02d}/{p.year}", figures(scope, p)) for p in months if p.first <= timezone.localdate()]
        charts.append(line_chart(
            title=_("On-time rate and online share by month"), labels=[label for label, _f in rows],
            labels_heading=_("Month"),
            series={_("Resolved early or on time"): [percent(f.on_time, f.counted) for _l, f in rows],
                    _("Submitted online"): [percent(f.received_online, f.received) for _l, f in rows]}))
    return charts


@reports_required
@require_GET
def indicators_page(request):
    period, (scope, name) = _period(request), _scope(request)
    by = _by(request, scope)
    card = scorecard(scope, period)
    breakdown = _breakdown(by, period)
    if request.GET.get("format") == "xlsx":
        return _download(workbooks.indicators_xlsx(card, name, by, breakdown),
                         f"chi-so-766-{period.slug}.xlsx")
    today = timezone.localdate()
    return render(request, "reports/indicators.html", {
        "charts": _charts(card, scope, period),
        "section": "indicators", "card": card, "period": period, "scope": scope, "scope_name": name,
        "by": by, "breakdown": breakdown, "kinds": KINDS, "years": range(today.year - 3, today.year + 1),
        "months": range(1, 13), "quarters": range(1, 5), "by_kinds": tuple(BY_KEY),
    })


@reports_required
@require_GET
def indicator_dossiers_page(request):
    period, (scope, name) = _period(request), _scope(request)
    which = request.GET.get("which", "late")
    if which not in WHICH:
        raise Http404
    facts = drill(scope, period, which)
    if request.GET.get("format") == "xlsx":
        return _download(workbooks.dossiers_xlsx(facts, title=str(TITLES[which]), scope_name=name,
                                                 period=period), f"ho-so-{which}-{period.slug}.xlsx")
    return render(request, "reports/indicator_dossiers.html", {
        "section": "indicators", "period": period, "scope": scope, "scope_name": name,
        "which": which, "title": str(TITLES[which]), "until": period.until(),
        **paginate(request, facts, per_page=PAGE_SIZE),
    })
