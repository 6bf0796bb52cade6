"""The public statistics page (Thống kê): open to everyone, like the national portal's public dashboard."""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from reports.charts import bar_chart, line_chart
from reports.indicators import public
from reports.indicators.periods import period_from

MONTHS = 12


@require_GET
def statistics_page(request):
    today = timezone.localdate()
    months = public.last_months(MONTHS, today=today)
    chosen = months[-1]
    if "month" in request.GET:
        year, _sep, number = request.GET["month"].partition("-")
        chosen = period_from("month", year, number)
        if chosen not in months:
            raise Http404
    trend = public.by_month(months, today=today)
    communes = public.by_commune(chosen, today=today)
    current = next(row for row in trend if row.label == f"{chosen.number:02d}/{chosen.year}")
    labels = [row.label for row in trend]
    charts = [
        line_chart(title=_("On-time rate and online share by month"), labels=labels, labels_heading=_("Month"),
                   series={_("Resolved early or on time"): [row.on_time for row in trend],
                           _("Submitted online"): [row.online for row in trend]}),
        bar_chart(title=_("Dossiers received by month"), labels=labels, unit="", stacked=True,
                  labels_heading=_("Month"),
                  series={_("Online"): [row.figures.received_online for row in trend],
                          _("At the counter"): [row.figures.received_counter for row in trend],
                          _("By post"): [row.figures.received_post for row in trend]}),
    ]
    if communes:
        charts.append(bar_chart(
            title=_("On-time rate by commune, %(month)s") % {"month": chosen.label}, horizontal=True,
            labels=[row.label for row in communes], labels_heading=_("Commune or ward"),
            series={_("Resolved early or on time"): [row.on_time for row in communes]}))
    return render(request, "reports/public.html", {
        "section": "public", "chosen": chosen, "months": months[::-1], "current": current, "charts": charts,
        "communes": communes,
    })
