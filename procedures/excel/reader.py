"""Read an uploaded workbook into typed rows, collecting every cell problem instead of stopping at the
first. Only .xlsx files are read, and only after checking they are what they claim to be."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import IO

from django.conf import settings
from django.utils.translation import gettext as _
from openpyxl.utils import get_column_letter

from portal.spreadsheet import READ_ERRORS, UnreadableWorkbook, open_workbook
from procedures.excel.cells import CellError, is_blank, parse_cell
from procedures.excel.format import SHEETS, Sheet
from procedures.excel.issues import CatalogueImportError, Issue


@dataclass
class Row:
    number: int
    values: dict
    failed: set[str] = field(default_factory=set)  # keys whose cell already has an issue


@dataclass
class ParsedSheet:
    sheet: Sheet
    letters: dict[str, str]  # column key -> letter in the uploaded file
    rows: list[Row]

    def letter(self, key: str) -> str:
        return self.letters.get(key, "")


@dataclass
class ParsedWorkbook:
    sheets: dict[str, ParsedSheet]  # by title
    issues: list[Issue]


def read_workbook(source: str | IO[bytes]) -> ParsedWorkbook:
    """Every sheet's typed rows and every cell issue. Raises CatalogueImportError when the file is not
    a readable .xlsx or a sheet or column is missing (then rows cannot be trusted)."""
    issues: list[Issue] = []
    sheets: dict[str, ParsedSheet] = {}
    broken = False
    book = _open(source)
    try:
        titles = {title.strip().casefold(): title for title in book.sheetnames}
        for spec in SHEETS:
            title = titles.get(spec.title.casefold())
            if title is None:
                issues.append(Issue(_("The sheet “%(sheet)s” is missing.") % {"sheet": spec.title}))
                broken = True
                continue
            parsed, sheet_broken = _read_sheet(spec, book[title].iter_rows(values_only=True), issues)
            broken |= sheet_broken
            sheets[spec.title] = parsed
    except READ_ERRORS:
        raise CatalogueImportError([Issue(_("The file is damaged: Excel data could not be read from it."))]) from None
    finally:
        book.close()
    if broken:
        raise CatalogueImportError(issues)
    return ParsedWorkbook(sheets=sheets, issues=issues)


def count_rows(source: str | IO[bytes]) -> int:
    """How many data rows the data sheets hold (header rows excluded), to choose the background path."""
    book = _open(source)
    try:
        titles = {title.strip().casefold(): title for title in book.sheetnames}
        total = 0
        for spec in SHEETS:
            if spec.title.casefold() in titles:
                worksheet = book[titles[spec.title.casefold()]]
                # max_row comes from the sheet's dimension tag; files without it are counted row by row.
                rows = worksheet.max_row if worksheet.max_row else sum(1 for _row in worksheet.iter_rows())
                total += max(rows - 1, 0)
        return total
    except READ_ERRORS:
        raise CatalogueImportError([Issue(_("The file is damaged: Excel data could not be read from it."))]) from None
    finally:
        book.close()


def _open(source: str | IO[bytes]):
    try:
        return open_workbook(source, max_bytes=settings.IMPORT_MAX_MB * 1024 * 1024)
    except UnreadableWorkbook as error:
        if error.reason == "bomb":
            raise CatalogueImportError([Issue(_("The file unpacks to far more data than a catalogue holds."))]) from None
        raise CatalogueImportError([Issue(_("The file is not an Excel workbook (.xlsx)."))]) from None

def _read_sheet(spec: Sheet, rows, issues: list[Issue]) -> tuple[ParsedSheet, bool]:
    header = next(rows, ())
    positions: dict[str, int] = {}
    broken = False
    for index, title in enumerate(header):
        if is_blank(title):
            continue
        column = next((c for c in spec.columns if c.matches(str(title))), None)
        if column is None:
            continue  # extra columns (notes, say) are allowed and ignored
        if column.key in positions:
            issues.append(Issue(
                _("The column “%(column)s” appears twice (columns %(first)s and %(second)s).") % {
                    "column": column.vi, "first": get_column_letter(positions[column.key] + 1),
                    "second": get_column_letter(index + 1),
                },
                sheet=spec.title, row=1, column=get_column_letter(index + 1),
            ))
            broken = True
            continue
        positions[column.key] = index
    for column in spec.columns:
        if column.key not in positions:
            issues.append(Issue(
                _("The column “%(column)s” (%(english)s) is missing.") % {"column": column.vi, "english": column.en},
                sheet=spec.title, row=1,
            ))
            broken = True
    letters = {key: get_column_letter(index + 1) for key, index in positions.items()}
    parsed = ParsedSheet(sheet=spec, letters=letters, rows=[])
    if broken:
        return parsed, True
    for number, cells in enumerate(rows, start=2):
        raw = {key: cells[index] if index < len(cells) else None for key, index in positions.items()}
        if all(is_blank(value) for value in raw.values()):
            continue
        row = Row(number=number, values={})
        for column in spec.columns:
            try:
                row.values[column.key] = parse_cell(column, raw[column.key])
            except CellError as error:
                row.values[column.key] = None
                row.failed.add(column.key)
                issues.append(Issue(str(error), sheet=spec.title, row=number, column=letters[column.key]))
        parsed.rows.append(row)
    return parsed, False
