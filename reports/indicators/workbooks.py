"""The indicator pages as Excel workbooks (every value through portal.spreadsheet: text is never a formula)."""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from portal.dates import date_text
from portal.spreadsheet import append_row, workbook, workbook_bytes
from reports.indicators.periods import Period
from reports.indicators.scoring import Scorecard

BY_LABELS = {"unit": gettext_lazy("Commune"), "centre": gettext_lazy("Centre"), "agency": gettext_lazy("Agency"),
             "procedure": gettext_lazy("Procedure")}


def _rate(value) -> str:
    return "" if value is None else f"{value}"


def _head(cells) -> None:
    for cell in cells:
        cell.font = Font(bold=True)


def _widths(sheet, widths) -> None:
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width


def indicators_xlsx(card: Scorecard, scope_name: str, by: str, breakdown: list[dict]) -> bytes:
    book = workbook()
    sheet = book.active
    sheet.title = _("Indicators")[:31]
    title = append_row(sheet, [_("Decision 766/QĐ-TTg indicators — %(scope)s — %(period)s")
                               % {"scope": scope_name, "period": card.period.label}])
    title[0].font = Font(bold=True, size=13)
    append_row(sheet, [_("Figures up to the end of %(day)s") % {"day": date_text(card.until)}])
    _head(append_row(sheet, [_("Group"), _("Indicator"), _("Name"), _("Numerator"), _("Denominator"),
                                    _("Rate (%)"), _("Points"), _("Maximum points"), _("Note")]))
    for group in card.groups:
        for value in group.values:
            indicator, ratio = value.indicator, value.ratio
            shown = value.days if indicator.shown_as == "days" else value.rate
            append_row(sheet, [group.group.code, indicator.code, str(indicator.name),
                               ratio.numerator if ratio and indicator.shown_as != "days" else "",
                               ratio.denominator if ratio and indicator.shown_as != "days" else "",
                               _rate(shown), _rate(value.points), float(indicator.points) or "",
                               str(indicator.unavailable) or ("" if shown is not None else _("N/A"))])
        append_row(sheet, [group.group.code, "", str(group.group.name), "", "", "", _rate(group.points),
                           group.group.points, ""])
    append_row(sheet, ["", "", _("Total"), "", "", "", _rate(card.points), 100, ""])
    _widths(sheet, (8, 9, 60, 12, 12, 10, 9, 10, 60))
    rows = book.create_sheet((_("By %(by)s") % {"by": str(BY_LABELS[by]).lower()})[:31])
    _head(append_row(rows, [str(BY_LABELS[by]), _("Counted"), _("On time"), _("Late"), _("On time (%)"),
                                  _("Received"), _("Online"), _("By post"), _("Synced")]))
    for row in breakdown:
        f = row["figures"]
        rate = f"{round(100 * f.on_time / f.counted, 2)}" if f.counted else ""
        append_row(rows, [row["name"], f.counted, f.on_time, f.late, rate, f.received, f.received_online,
                          f.received_post, f.synced])
    _widths(rows, (60, 10, 10, 10, 12, 10, 10, 10, 10))
    return workbook_bytes(book)


def dossiers_xlsx(facts, *, title: str, scope_name: str, period: Period) -> bytes:
    book = workbook()
    sheet = book.active
    sheet.title = _("Dossiers")
    append_row(sheet, [f"{title} — {scope_name} — {period.label}"])[0].font = Font(bold=True, size=13)
    _head(append_row(sheet, [_("Dossier code"), _("Procedure"), _("Received"), _("Due date"), _("Ended"),
                                    _("On time"), _("Supplements asked for"), _("State")]))
    for fact in facts.iterator(chunk_size=2000):
        dossier = fact.dossier
        append_row(sheet, [dossier.code, dossier.procedure_version.display_name, date_text(fact.received_on),
                           date_text(timezone.localdate(dossier.due_at)) if dossier.due_at else "",
                           date_text(fact.ended_on) if fact.ended_on else "",
                           _("Yes") if fact.ended_on and fact.ended_on_time else (_("No") if fact.ended_on else ""),
                           fact.supplements, dossier.get_state_display()])
    _widths(sheet, (24, 60, 12, 12, 12, 10, 12, 24))
    return workbook_bytes(book)
