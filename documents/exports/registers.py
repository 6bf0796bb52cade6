"""The registers of Appendix IV to print and bind (PDF: landscape A4 under the agency's letterhead, a cover,
then every column with its number and the rows in number order) and to keep as a workbook (Excel, every
cell text). The columns the system cannot fill (Ký nhận, Ghi chú) stay empty for the paper."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from accounts.models import User
from documents.layout import letterhead
from documents.layout.pdf import template_pdf
from documents.models import Register
from documents.selectors import registers as selectors
from documents.selectors.registers import RegisterKind
from portal.spreadsheet import append_row, workbook, workbook_bytes


@dataclass(frozen=True)
class Column:
    label: str  # as Appendix IV heads it
    pdf_width: int  # percent of the page's width
    sheet_width: int  # characters


COLUMNS = {
    RegisterKind.OUTGOING: (
        Column("Số, ký hiệu văn bản", 10, 16), Column("Ngày tháng văn bản", 8, 12),
        Column("Tên loại và trích yếu nội dung văn bản", 24, 50), Column("Người ký", 10, 20),
        Column("Nơi nhận văn bản", 14, 30), Column("Đơn vị, người nhận bản lưu", 10, 22),
        Column("Số lượng bản", 5, 8), Column("Ngày chuyển", 7, 12), Column("Ký nhận", 6, 12),
        Column("Ghi chú", 6, 14)),
    RegisterKind.INCOMING: (
        Column("Ngày đến", 7, 12), Column("Số đến", 5, 8), Column("Tác giả", 13, 28),
        Column("Số, ký hiệu văn bản", 10, 16), Column("Ngày tháng văn bản", 7, 12),
        Column("Tên loại và trích yếu nội dung văn bản", 24, 50), Column("Đơn vị hoặc người nhận", 13, 28),
        Column("Ngày chuyển", 7, 12), Column("Ký nhận", 7, 12), Column("Ghi chú", 7, 14)),
    RegisterKind.TRACKING: (
        Column("Số đến", 6, 8),
        Column("Tên loại, số, ký hiệu, ngày, tháng và tên cơ quan, tổ chức ban hành văn bản", 36, 60),
        Column("Đơn vị hoặc người nhận", 15, 28), Column("Thời hạn giải quyết", 9, 12),
        Column("Tiến độ giải quyết", 12, 22), Column("Số, ký hiệu văn bản trả lời", 12, 20), Column("Ghi chú", 10, 14)),
}
TITLES = {
    RegisterKind.OUTGOING: "Sổ đăng ký văn bản đi",
    RegisterKind.INCOMING: "Sổ đăng ký văn bản đến",
    RegisterKind.TRACKING: "Sổ theo dõi giải quyết văn bản đến",
}


def _day(value: dt.date | None) -> str:
    return f"{value:%d/%m/%Y}" if value else ""


def _number(value: int | None) -> str:
    return "" if value is None else f"{value:02d}"


@dataclass(frozen=True)
class RegisterSheet:
    """A register's printable content: its title, columns and rows of text, and what its cover says."""

    kind: str
    title: str
    agency: object
    register_name: str
    start: dt.date
    end: dt.date
    columns: tuple[Column, ...]
    rows: list[list[str]]
    first_number: str
    last_number: str

    @property
    def years(self) -> str:
        return str(self.start.year) if self.start.year == self.end.year else f"{self.start.year}–{self.end.year}"

    @property
    def heading(self) -> str:
        """"SỔ ĐĂNG KÝ VĂN BẢN ĐI — Năm 2026"."""
        return f"{self.title.upper()} — Năm {self.years}"


def register_sheet(*, user: User, kind: str, start: dt.date, end: dt.date,
                   register: Register | None = None) -> RegisterSheet:
    """The register ``kind`` for the period: ``register`` must be given for the outgoing and incoming ones;
    the tracking register covers all the agency's incoming registers when it is None."""
    if kind == RegisterKind.OUTGOING:
        found = selectors.outgoing_rows(user=user, register=register, start=start, end=end)
        rows = [[r.number, _day(r.date), r.type_and_subject, r.signer, r.recipients, r.kept_by,
                 "" if r.copies is None else str(r.copies), _day(r.sent_on), "", ""] for r in found]
        numbers = [r.number.split("/")[0] for r in found]
    elif kind == RegisterKind.INCOMING:
        found = selectors.incoming_rows(user=user, register=register, start=start, end=end)
        rows = [[_day(r.arrived_on), _number(r.arrival_number), r.author, r.number, _day(r.date),
                 r.type_and_subject, r.handed_to, _day(r.handed_on), "", ""] for r in found]
        numbers = [_number(r.arrival_number) for r in found]
    else:
        found = selectors.tracking_rows(user=user, start=start, end=end, register=register)
        rows = [[_number(r.arrival_number), r.description, r.handed_to, _day(r.deadline), r.progress, r.replies, ""]
                for r in found]
        numbers = [_number(r.arrival_number) for r in found]
    return RegisterSheet(
        kind=kind, title=TITLES[kind], agency=user.agency, register_name=register.name if register else "",
        start=start, end=end, columns=COLUMNS[kind], rows=rows,
        first_number=numbers[0] if numbers else "", last_number=numbers[-1] if numbers else "")


def register_pdf(sheet: RegisterSheet) -> bytes:
    context = {"sheet": sheet, "letterhead": letterhead.for_agency(sheet.agency), "number": None}
    return template_pdf("documents/exports/register.html", context, landscape=True,
                        title=f"{sheet.title} — Năm {sheet.years} — {sheet.agency.name}")


def register_xlsx(sheet: RegisterSheet) -> bytes:
    book = workbook()
    page = book.active
    page.title = sheet.title[:31]
    append_row(page, [sheet.agency.name.upper()])
    append_row(page, [sheet.heading])
    append_row(page, [" · ".join(filter(None, [sheet.register_name,
                                               f"Từ ngày {sheet.start:%d/%m/%Y} đến ngày {sheet.end:%d/%m/%Y}"]))])
    append_row(page, [column.label for column in sheet.columns])
    append_row(page, [f"({index})" for index in range(1, len(sheet.columns) + 1)])
    for row in sheet.rows:
        append_row(page, row)
    page["A1"].font = page["A2"].font = Font(bold=True, size=13)
    for line in (4, 5):
        for cell in page[line]:
            cell.font = Font(bold=line == 4, italic=line == 5)
            cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    for row in page.iter_rows(min_row=6):
        for cell in row:
            cell.alignment = Alignment(vertical="top", wrap_text=True)
    for index, column in enumerate(sheet.columns, start=1):
        page.column_dimensions[get_column_letter(index)].width = column.sheet_width
    page.freeze_panes = "A6"
    page.print_options.gridLines = True
    page.page_setup.orientation = "landscape"
    page.page_setup.paperSize = page.PAPERSIZE_A4
    return workbook_bytes(book)
