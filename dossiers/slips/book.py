"""Sổ theo dõi hồ sơ (form 07): the dossiers a centre received over a period, in order of receipt,
with their appointment, result and return dates and whether they were resolved on time; as a landscape
PDF and as an Excel workbook. One query for the rows, whatever the period holds."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.utils import timezone
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from documents.layout import letterhead
from documents.layout.pdf import template_pdf
from dossiers.models import Dossier
from dossiers.slips.timeliness import LABELS, verdict
from portal.spreadsheet import append_row, workbook, workbook_bytes
from units.models import ServiceCentre

TITLE = "Sổ theo dõi hồ sơ"
# Column headings and widths (percent of the PDF's page, characters in the workbook).
# The code's column holds a whole code on one line (a code is never broken).
COLUMNS = (("STT", 4, 5), ("Mã hồ sơ", 18, 24), ("Người nộp hồ sơ", 12, 24), ("Thủ tục hành chính", 14, 36),
           ("Ngày tiếp nhận", 8, 16), ("Ngày hẹn trả", 8, 16), ("Ngày có kết quả", 8, 16),
           ("Ngày trả kết quả", 8, 16), ("Trạng thái", 10, 20), ("Kết quả giải quyết", 10, 22))
# The book is an official record: its states are worded in Vietnamese whatever the UI catalogue says.
STATES = {
    Dossier.State.SUBMITTED: "Chờ tiếp nhận",
    Dossier.State.SUPPLEMENT_REQUESTED: "Chờ bổ sung, hoàn thiện",
    Dossier.State.RECEIVED: "Đã tiếp nhận",
    Dossier.State.IN_PROGRESS: "Đang giải quyết",
    Dossier.State.RESULT_READY: "Đã có kết quả, chờ trả",
    Dossier.State.RETURNED: "Đã trả kết quả",
    Dossier.State.REFUSED: "Từ chối tiếp nhận",
    Dossier.State.STOPPED: "Dừng giải quyết",
    Dossier.State.WITHDRAWN: "Người nộp đã rút hồ sơ",
}


@dataclass(frozen=True)
class BookRow:
    number: int
    code: str
    applicant: str
    procedure: str
    received_at: datetime.datetime | None
    due_at: datetime.datetime | None
    result_at: datetime.datetime | None
    returned_at: datetime.datetime | None
    state: str
    verdict: str


def book_rows(*, centre: ServiceCentre, start: datetime.date, end: datetime.date, now=None) -> list[BookRow]:
    dossiers = (Dossier.objects.filter(centre=centre, received_at__date__gte=start, received_at__date__lte=end)
                .select_related("procedure_version").order_by("received_at", "id"))
    rows = []
    for number, d in enumerate(dossiers, start=1):
        stopped = d.state in (Dossier.State.STOPPED, Dossier.State.WITHDRAWN)
        rows.append(BookRow(
            number=number, code=d.code or "", applicant=d.applicant_name, procedure=d.procedure_version.name,
            received_at=d.received_at, due_at=d.due_at, result_at=d.result_ready_at,
            returned_at=d.closed_at if d.state == Dossier.State.RETURNED else None,
            state=STATES.get(d.state, d.state),
            verdict="" if stopped else LABELS.get(verdict(done_at=d.result_ready_at, due_at=d.due_at, now=now), ""),
        ))
    return rows


def tracking_book_pdf(*, centre: ServiceCentre, start: datetime.date, end: datetime.date) -> bytes:
    context = {
        "rows": book_rows(centre=centre, start=start, end=end), "columns": COLUMNS, "centre": centre,
        "start": start, "end": end, "title": TITLE, "form_number": "07",
        "letterhead": letterhead.for_centre(centre),
    }
    return template_pdf("dossiers/slips/07_book.html", context, landscape=True, title=f"{TITLE} {centre.name}")


def tracking_book_xlsx(*, centre: ServiceCentre, start: datetime.date, end: datetime.date) -> bytes:
    book = workbook()
    sheet = book.active
    sheet.title = TITLE
    append_row(sheet, [f"{TITLE.upper()} — {centre.name}"])
    append_row(sheet, [f"Từ ngày {start:%d/%m/%Y} đến ngày {end:%d/%m/%Y}"])
    append_row(sheet, [label for label, _pdf, _xlsx in COLUMNS])
    sheet["A1"].font = Font(bold=True, size=13)
    for cell in sheet[3]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    for row in book_rows(centre=centre, start=start, end=end):
        cells = append_row(sheet, [row.number, row.code, row.applicant, row.procedure, *map(_naive, (
            row.received_at, row.due_at, row.result_at, row.returned_at)), row.state, row.verdict])
        for cell in cells[4:8]:
            cell.number_format = "dd/mm/yyyy hh:mm"
    for index, (_label, _pdf, width) in enumerate(COLUMNS, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "A4"
    return workbook_bytes(book)


def _naive(moment: datetime.datetime | None) -> datetime.datetime | None:
    """Excel has no time zones: the local wall-clock time, as the centre reads it."""
    return timezone.localtime(moment).replace(tzinfo=None) if moment else None
