"""The reports on incoming and outgoing documents (Appendix VI Part I §V) as a PDF under the agency's
letterhead and as an Excel workbook (every cell text). Their words are Vietnamese, as official records."""

from __future__ import annotations

from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from documents.layout import letterhead
from documents.layout.pdf import template_pdf
from documents.selectors.reports import IncomingReport, OutgoingReport
from portal.spreadsheet import append_row, workbook, workbook_bytes

INCOMING_TITLE = "Báo cáo tình hình giải quyết văn bản đến"
OUTGOING_TITLE = "Báo cáo giải quyết văn bản đi"
INCOMING_COLUMNS = ("Đơn vị chủ trì giải quyết", "Số văn bản đến", "Đã giải quyết đúng hạn",
                    "Đã giải quyết quá hạn", "Đang giải quyết trong hạn", "Quá hạn chưa giải quyết",
                    "Thu hồi, trả lại")
OUTGOING_COLUMNS = ("Số văn bản ban hành", "Hỏa tốc, thượng khẩn, khẩn", "Đã thu hồi")


def incoming_table(report: IncomingReport) -> list[list[str]]:
    """The rows under INCOMING_COLUMNS, the total last."""
    return [[line.name, *(str(getattr(line, key)) for key in ("received", "done_on_time", "done_late",
                                                               "in_progress", "overdue", "closed"))]
            for line in [*report.lines, report.total]]


def outgoing_tables(report: OutgoingReport) -> list[tuple[str, list[list[str]]]]:
    """(heading of the first column, rows) by kind, then by drafting unit, each with the total last."""
    def rows(lines):
        return [[line.name, str(line.issued), str(line.urgent), str(line.recalled)] for line in [*lines, report.total]]

    return [("Loại văn bản", rows(report.by_type)), ("Đơn vị soạn thảo", rows(report.by_unit))]


def _pdf_table(columns, rows) -> dict:
    """A table for the PDF: the first column wide, the figures sharing the rest."""
    rest = 66 // (len(columns) - 1)
    return {"columns": [(label, 100 - rest * (len(columns) - 1) if i == 0 else rest) for i, label in enumerate(columns)],
            "rows": rows}


def _period(report) -> str:
    return f"Từ ngày {report.start:%d/%m/%Y} đến ngày {report.end:%d/%m/%Y}"


def incoming_pdf(report: IncomingReport, *, agency) -> bytes:
    context = {"title": INCOMING_TITLE, "period": _period(report), "letterhead": letterhead.for_agency(agency),
               "number": None, "tables": [_pdf_table(INCOMING_COLUMNS, incoming_table(report))],
               "note": f"Số liệu tính đến ngày {report.today:%d/%m/%Y}; thời hạn là thời hạn giải quyết giao "
                       "đơn vị chủ trì (hoặc thời hạn ghi trên văn bản)."}
    return template_pdf("documents/exports/report.html", context, landscape=True, title=f"{INCOMING_TITLE} {agency.name}")


def outgoing_pdf(report: OutgoingReport, *, agency) -> bytes:
    tables = [_pdf_table((first, *OUTGOING_COLUMNS), rows) for first, rows in outgoing_tables(report)]
    context = {"title": OUTGOING_TITLE, "period": _period(report), "letterhead": letterhead.for_agency(agency),
               "number": None, "tables": tables, "note": "Văn bản đi đã cấp số, ngày tháng văn bản trong kỳ báo cáo."}
    return template_pdf("documents/exports/report.html", context, landscape=True, title=f"{OUTGOING_TITLE} {agency.name}")


def _sheet(book, title: str, *, agency, period: str, tables) -> None:
    page = book.active
    page.title = title[:31]
    append_row(page, [agency.name.upper()])
    append_row(page, [title.upper()])
    append_row(page, [period])
    page["A1"].font = page["A2"].font = Font(bold=True, size=13)
    widths: dict[int, int] = {}
    for columns, rows in tables:
        append_row(page, [])
        heading = append_row(page, columns)
        for cell in heading:
            cell.font = Font(bold=True)
            cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        for row in rows:
            append_row(page, row)
        page[page.max_row][0].font = Font(bold=True)  # the total
        for index, label in enumerate(columns, start=1):
            widths[index] = max(widths.get(index, 0), 36 if index == 1 else 16, len(label) // 2)
    for index, width in widths.items():
        page.column_dimensions[get_column_letter(index)].width = width


def incoming_xlsx(report: IncomingReport, *, agency) -> bytes:
    book = workbook()
    _sheet(book, INCOMING_TITLE, agency=agency, period=_period(report),
           tables=[(INCOMING_COLUMNS, incoming_table(report))])
    return workbook_bytes(book)


def outgoing_xlsx(report: OutgoingReport, *, agency) -> bytes:
    book = workbook()
    _sheet(book, OUTGOING_TITLE, agency=agency, period=_period(report),
           tables=[((first, *OUTGOING_COLUMNS), rows) for first, rows in outgoing_tables(report)])
    return workbook_bytes(book)
