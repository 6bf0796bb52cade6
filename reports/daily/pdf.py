"""The daily report as a PDF in the Decree 30/2020 layout (documents.layout): the issuing office's letterhead,
"Số: …/BC-…" (numbered by its clerk when the report is issued as an outgoing document), place and date, the
title "BÁO CÁO" and its subject, "Kính gửi:" the provincial People's Committee, the sections with their
tables and charts, then "Nơi nhận:" and the signature block."""

from __future__ import annotations

import base64
import datetime as dt

from django.utils import translation

from documents.layout import letterhead
from documents.layout.pdf import template_pdf
from documents.services.numbering import issuer_abbreviation
from dossiers.slips.forms import letter_signature
from reports.charts import Chart
from reports.daily import presentation
from reports.daily.selectors import provincial_committee, signer
from units.models import Agency

TITLE = "Báo cáo"
# Points: the charts' width on the page.
TEXT_WIDTH_PT = 420  # the charts a little narrower than the text (165 mm = 467 pt): they stay on their page


def subject(day: dt.date) -> str:
    return f"Tình hình tiếp nhận, giải quyết hồ sơ thủ tục hành chính ngày {day:%d/%m/%Y}"


def number(issuer: Agency) -> str:
    """"…/BC-VPUBND": the number is the clerk's to give when the report is issued."""
    return f"……/BC-{issuer_abbreviation(issuer)}"


def _img(chart: Chart) -> str:
    return "data:image/png;base64," + base64.b64encode(chart.png()).decode("ascii")


def lines_with_rates(lines: list[dict]) -> list[dict]:
    return [{**line, "rate": presentation.rate(line["on_time"], line["resolved"])} for line in lines]


def context(*, figures: dict, issuer: Agency, built_at: dt.datetime) -> dict:
    """What templates/reports/daily/report.html reads; in Vietnamese (the charts' words too)."""
    day = dt.date.fromisoformat(figures["day"])
    committee = provincial_committee()
    leader = signer(issuer)
    with translation.override("vi"):
        charts = [{"chart": chart, "src": "" if chart.is_empty else _img(chart)}
                  for chart in presentation.charts(figures)]
        incidents = presentation.incidents(figures)
    dossiers = figures["dossiers"]
    total = dossiers["total"]
    addressee = committee.name if committee else "Ủy ban nhân dân tỉnh"
    return {
        "letterhead": letterhead.for_agency(issuer, on=built_at), "number": number(issuer),
        "title": TITLE, "subject": subject(day), "day": day, "issuer": issuer, "addressee": addressee,
        "as_of": presentation.moment(figures["as_of"]), "built_at": built_at,
        "total": total, "day_rate": presentation.rate(total["on_time_day"], total["resolved_day"]),
        "month_rate": presentation.rate(total["on_time"], total["resolved"]),
        "communes": lines_with_rates(dossiers["communes"]), "agencies": lines_with_rates(dossiers["agencies"]),
        "most_overdue": [{**row, "due_at": presentation.moment(row["due_at"])} for row in figures["most_overdue"]],
        "sync": figures["sync"],
        "reconciled_at": presentation.moment((figures["sync"].get("reconciliation") or {}).get("finished_at")),
        "certificates": figures["certificates"],
        "expiring": [{**row, "not_after": presentation.moment(row["not_after"])}
                     for row in figures["certificates"]["expiring"]],
        "documents_overdue": figures["documents_overdue"], "petitions_overdue": figures["petitions_overdue"],
        "incidents": incidents, "charts": charts, "chart_width": TEXT_WIDTH_PT,
        "signature": letter_signature(
            authority=letterhead.authority(issuer, leader) if leader else [],
            signer=leader.full_name if leader else "",
            recipients=["Như trên;", "Lưu: VT."]),
    }


def report_pdf(*, figures: dict, issuer: Agency, built_at: dt.datetime) -> bytes:
    values = context(figures=figures, issuer=issuer, built_at=built_at)
    return template_pdf("reports/daily/report.html", values, title=f"{TITLE} {values['subject']}")
