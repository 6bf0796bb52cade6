"""How the daily report's figures (reports.daily.figures, kept as JSON) read: the incidents' names, the charts
and a few derived numbers, in the active language — Vietnamese for the PDF, the workbook and the e-mail
(official documents), the reader's on the history page."""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal

from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext

from reports.charts import Chart, bar_chart, line_chart

INCIDENTS = {
    "dead_letters": gettext_lazy("Messages to the national portals that failed every attempt (dead letters)"),
    "failing_deliveries": gettext_lazy("Messages to the national portals waiting for another attempt"),
    "reconciliation_failed": gettext_lazy("Reconciliations with the National Public Service Portal that failed"),
    "axis_refused": gettext_lazy("Packages from the national document axis refused"),
    "payments_flagged": gettext_lazy("Payment notices flagged for an officer to check"),
    "notifications_failed": gettext_lazy("SMS, Zalo and e-mail notifications that could not be sent"),
    "documents_check_failed": gettext_lazy("Incoming documents whose signature or integrity check failed"),
}
# Communes and agencies in a chart: the busiest, so the drawing stays readable (the tables list them all).
CHART_ROWS = 10


def moment(value: str | None) -> dt.datetime | None:
    return parse_datetime(value) if value else None


def rate(part: int, whole: int) -> Decimal | None:
    """Percent with one decimal; None when there is nothing to divide (never a made-up 0 or 100)."""
    if not whole:
        return None
    return (Decimal(100) * part / whole).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def incidents(figures: dict) -> list[tuple[str, int]]:
    return [(str(INCIDENTS.get(item["kind"], item["kind"])), item["count"]) for item in figures.get("incidents", [])]


def charts(figures: dict) -> list[Chart]:
    """The report's three charts: the month's days, the communes, the agencies' on-time rates."""
    dossiers = figures["dossiers"]
    unit = pgettext("report", "dossiers")
    days = figures["by_day"]
    found = [line_chart(
        title=_("Dossiers received and resolved each day of the month"),
        description=_("From the first of the month to the report's day."),
        labels=[str(dt.date.fromisoformat(day).day) for day, _r, _s in days],
        series={pgettext("report", "Received"): [received for _d, received, _s in days],
                pgettext("report", "Resolved"): [resolved for _d, _r, resolved in days]},
        unit=unit, labels_heading=pgettext("report", "Day"))]
    communes = sorted(dossiers["communes"], key=lambda line: -line["received"])[:CHART_ROWS]
    found.append(bar_chart(
        title=_("Dossiers received and resolved since the start of the month, by commune"),
        description=_("The communes that received the most dossiers; the table lists every commune."),
        labels=[line["name"] for line in communes],
        series={pgettext("report", "Received"): [line["received"] for line in communes],
                pgettext("report", "Resolved"): [line["resolved"] for line in communes]},
        unit=unit, horizontal=True, labels_heading=pgettext("report", "Commune")))
    agencies = [line for line in dossiers["agencies"] if line["resolved"]]
    agencies = sorted(agencies, key=lambda line: -line["resolved"])[:CHART_ROWS]
    found.append(bar_chart(
        title=_("Dossiers resolved on time since the start of the month, by agency"),
        description=_("Share of the dossiers resolved this month whose result was ready by the due date."),
        labels=[line["name"] for line in agencies],
        series={pgettext("report", "On time"): [rate(line["on_time"], line["resolved"]) for line in agencies]},
        unit="%", horizontal=True, labels_heading=pgettext("report", "Agency")))
    return found
