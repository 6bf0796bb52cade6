"""Mục lục hồ sơ (Decree 30/2020, Appendix VI Part I §V): the list of an agency's work files for a year, in
order of their number, with their dates, retention, counts and state; as a landscape PDF in the Decree 30
layout and as an Excel workbook (portal.spreadsheet: every value text, never a formula). The counts are
those of the documents the reader may see."""

from __future__ import annotations

from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from accounts.models import User
from documents.layout import letterhead
from documents.layout.pdf import template_pdf
from documents.models import WorkFile
from documents.selectors.workfiles import workfiles_of
from portal.spreadsheet import append_row, workbook, workbook_bytes

TITLE = "Mục lục hồ sơ"
# Heading, width in the PDF (percent), width in the workbook (characters).
COLUMNS = (("STT", 5, 6), ("Mã hồ sơ", 17, 26), ("Tiêu đề hồ sơ", 28, 50), ("Thời gian bắt đầu", 9, 14),
           ("Thời gian kết thúc", 9, 14), ("Thời hạn bảo quản", 9, 14), ("Số văn bản", 6, 10), ("Số trang", 6, 10),
           ("Người lập hồ sơ", 11, 24))
# The list is an official record: its states are worded in Vietnamese whatever the reader's language.
STATES = {
    WorkFile.State.OPEN: "Đang lập",
    WorkFile.State.CLOSED: "Đã kết thúc",
    WorkFile.State.FROZEN: "Đã đóng băng",
    WorkFile.State.DEPOSITED: "Đã nộp lưu",
}
MAX_ROWS = 5000


def catalogue_rows(user: User, *, year: int) -> list[WorkFile]:
    return list(workfiles_of(user, year=year).order_by("notation", "id")[:MAX_ROWS])


def catalogue_pdf(user: User, *, year: int) -> bytes:
    context = {"rows": catalogue_rows(user, year=year), "columns": COLUMNS, "year": year, "states": STATES,
               "letterhead": letterhead.for_agency(user.agency), "number": None}
    return template_pdf("documents/exports/catalogue.html", context, landscape=True,
                        title=f"{TITLE} {user.agency.name} {year}")


def catalogue_xlsx(user: User, *, year: int) -> bytes:
    book = workbook()
    sheet = book.active
    sheet.title = f"{TITLE} {year}"
    append_row(sheet, [f"{TITLE.upper()} NĂM {year} — {user.agency.name}"])
    append_row(sheet, [*(label for label, _pdf, _xlsx in COLUMNS), "Ghi chú"])
    sheet["A1"].font = Font(bold=True, size=13)
    for cell in sheet[2]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    for number, work_file in enumerate(catalogue_rows(user, year=year), start=1):
        cells = append_row(sheet, [
            number, work_file.file_code, work_file.title, work_file.start_date, work_file.end_date,
            work_file.maintenance, work_file.doc_total, work_file.page_total,
            work_file.creator.full_name or work_file.creator.username, STATES.get(work_file.state, work_file.state)])
        for cell in cells[3:5]:
            cell.number_format = "dd/mm/yyyy"
    for index, (_label, _pdf, width) in enumerate(COLUMNS, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.column_dimensions[get_column_letter(len(COLUMNS) + 1)].width = 16
    sheet.freeze_panes = "A3"
    return workbook_bytes(book)
