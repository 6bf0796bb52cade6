"""The workbook skeleton shared by the blank template and the export: the four data sheets with their
bilingual headers and drop-down lists, the instructions, and the codes a row may refer to."""

from __future__ import annotations

from django.conf import settings
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from portal.spreadsheet import workbook, write_cell
from procedures.excel.format import (
    BOOLEAN,
    CHOICE,
    DECIMAL,
    INSTRUCTIONS_TITLE,
    INTEGER,
    NUMBER,
    SHEETS,
    Sheet,
)
from procedures.models import Field
from units.models import Agency, ServiceCentre

REFERENCE_TITLE = "Mã tham chiếu"
# Drop-down lists and formats cover this many rows; a catalogue is far smaller.
_ROWS = 5000
_HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
_TEXT_KEYS = {"code", "field", "agency", "responsible_agency", "centres", "key", "options", "options_en"}


def workbook_skeleton() -> Workbook:
    book = workbook()
    _instructions(book.active)
    for spec in SHEETS:
        _data_sheet(book.create_sheet(spec.title), spec)
    _references(book.create_sheet(REFERENCE_TITLE))
    return book


def _data_sheet(sheet, spec: Sheet) -> None:
    sheet.freeze_panes = "B2"
    for index, column in enumerate(spec.columns, start=1):
        letter = get_column_letter(index)
        cell = write_cell(sheet, row=1, column=index, value=column.header)
        cell.font = Font(bold=True)
        cell.fill = _HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        sheet.column_dimensions[letter].width = column.width
        if column.key in _TEXT_KEYS:
            # Typed as text, so Excel keeps "1.001230" instead of turning it into the number 1.00123.
            sheet.column_dimensions[letter].number_format = "@"
        validation = _validation(column)
        if validation is not None:
            validation.add(f"{letter}2:{letter}{_ROWS}")
            sheet.add_data_validation(validation)
    sheet.row_dimensions[1].height = 32


def _validation(column) -> DataValidation | None:
    if column.kind in (CHOICE, BOOLEAN):
        choices = ",".join(column.vocabulary.labels)
        validation = DataValidation(type="list", formula1=f'"{choices}"', allow_blank=True)
        validation.error = _("Choose one of: %(choices)s") % {"choices": ", ".join(column.vocabulary.labels)}
    elif column.kind == NUMBER:
        validation = DataValidation(type="decimal", operator="between", formula1="-9999999999999",
                                    formula2="9999999999999", allow_blank=True)
        validation.error = _("Enter a number.")
    elif column.kind == DECIMAL:
        validation = DataValidation(type="decimal", operator="greaterThan", formula1="0", allow_blank=True)
        validation.error = _("Enter a number greater than 0.")
    elif column.kind == INTEGER:
        validation = DataValidation(type="whole", operator="greaterThanOrEqual", formula1="0", allow_blank=True)
        validation.error = _("Enter a whole number, 0 or more.")
    else:
        return None
    validation.errorTitle = column.vi
    validation.showErrorMessage = True
    return validation


def _instructions(sheet) -> None:
    sheet.title = INSTRUCTIONS_TITLE
    sheet.column_dimensions["A"].width = 120
    lines = [
        _("How to fill in the catalogue template"),
        "",
        _("One row per procedure on the sheet “Thủ tục”. Its documents (“Thành phần hồ sơ”), fees (“Phí, lệ phí”), "
          "internal process steps (“Quy trình nội bộ”) and e-form questions (“Tờ khai điện tử”) go on their "
          "sheets, one row each, linked by the procedure code and numbered by the Order column (1, 2, 3...)."),
        _("Columns marked * are required. Keep the header row: columns may be moved, and extra columns are ignored."),
        _("Procedure codes follow the national database, e.g. 1.001234 or 1.001234.000.00.00.H27."),
        _("The field code must already exist in the portal (see the sheet “Mã tham chiếu”); the field name is "
          "only there for reading and is not imported."),
        _("Agency codes are electronic identification codes, e.g. H27.12 or 000.00.12.H27. On the internal "
          "process sheet an empty agency means the receiving centre."),
        _("Level: Cấp tỉnh or Cấp xã. Time unit: ngày làm việc (the default), giờ làm việc, ngày or tháng."),
        _("Online service level: Không trực tuyến, Một phần (the default) or Toàn trình. Channels: any of "
          "Trực tuyến, Trực tiếp, Bưu chính, separated by commas."),
        _("Daily cut-off hour, e.g. 16:00: dossiers received later count from the next working day. Only for "
          "times in working days or working hours; leave it empty otherwise."),
        _("Yes/no columns take Có or Không. Empty means Có, except for “Điền bằng tờ khai điện tử” and "
          "“Không sau ngày hiện tại”, where empty means Không."),
        _("Receiving centres: the short names of the centres, separated by commas."),
        _("Step durations are in the procedure's time unit; together they may not exceed the processing time."),
        _("Fee amounts are whole numbers of đồng (0 when free)."),
        _("E-form (“Tờ khai điện tử”): one row per question of the declaration the applicant fills in. Type: Văn "
          "bản, Văn bản dài, Ngày tháng, Số, Lựa chọn, Có/Không, Số CCCD, Số điện thoại or Thư điện tử. A "
          "choice lists its options separated by semicolons, e.g. Nam; Nữ. The key names the answer in the "
          "data (lower-case letters without diacritics, digits and _, e.g. ho_ten_tre); when empty it is made "
          "from the label. Questions with the same section (“Phần”) are printed together."),
        _("Mark at most one paper of a procedure with “Điền bằng tờ khai điện tử” = Có: applicants answer the "
          "e-form instead of attaching that paper, and the portal prints their answers as its file."),
        "",
        _("Importing saves drafts only; published versions never change. A procedure's existing draft is "
          "replaced. If any row has a problem, nothing is imported and every problem is listed with its "
          "sheet, row and column."),
        _("Files of up to %(size)d MB are accepted.") % {"size": settings.IMPORT_MAX_MB},
    ]
    for number, line in enumerate(lines, start=1):
        cell = write_cell(sheet, row=number, column=1, value=line)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    sheet["A1"].font = Font(bold=True, size=14)


def _references(sheet) -> None:
    """The codes the data sheets may use, for looking up while typing (not read on import)."""
    tables = [
        (("Mã lĩnh vực / Field code", "Tên lĩnh vực / Field"), Field.objects.values_list("code", "name")),
        (("Mã cơ quan / Agency code", "Tên cơ quan / Agency"), Agency.objects.values_list("code", "name")),
        (("Mã trung tâm / Centre short name", "Tên trung tâm / Centre"),
         ServiceCentre.objects.filter(is_published=True).values_list("slug", "name")),
    ]
    for index, (headers, rows) in enumerate(tables):
        first = index * 3 + 1
        for offset, header in enumerate(headers):
            cell = write_cell(sheet, row=1, column=first + offset, value=header)
            cell.font = Font(bold=True)
            cell.fill = _HEADER_FILL
            sheet.column_dimensions[get_column_letter(first + offset)].width = 22 if offset == 0 else 48
        for number, values in enumerate(rows, start=2):
            for offset, value in enumerate(values):
                write_cell(sheet, row=number, column=first + offset, value=value)
