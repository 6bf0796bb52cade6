"""Đăng ký hàng loạt: certificate requests for many officials from one Excel list. Every row is checked
first; nothing is registered while any row is wrong, and each error names its row and column."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.core.validators import validate_email
from django.db import transaction
from django.forms import ValidationError
from django.utils.translation import gettext as _
from openpyxl.styles import Font

from accounts.models import User
from portal.spreadsheet import (
    READ_ERRORS,
    UnreadableWorkbook,
    append_row,
    open_workbook,
    workbook,
    workbook_bytes,
)
from signatures.errors import SignatureError, SignatureErrorCode
from signatures.models import CertificateRequest
from signatures.services.requests import certificate_request_create, official_request_errors, require_admin

COLUMNS = ("Tên đăng nhập", "Chức vụ", "Đơn vị", "Thư điện tử", "Thời hạn (ngày)")
MAX_ROWS = 2000


@dataclass(frozen=True)
class RowError:
    row: int
    column: str
    message: str

    def as_dict(self) -> dict:
        return {"row": self.row, "column": self.column, "message": self.message}


def template_file() -> bytes:
    book = workbook()
    sheet = book.active
    sheet.title = "Đề nghị cấp chứng thư số"
    for cell in append_row(sheet, COLUMNS):
        cell.font = Font(bold=True)
    append_row(sheet, ["lanhdao.halong", "Chủ tịch UBND phường", "Lãnh đạo UBND", "lanhdao@halong.gov.vn", 730])
    for column, width in zip("ABCDE", (24, 30, 28, 30, 16), strict=True):
        sheet.column_dimensions[column].width = width
    return workbook_bytes(book)


def requests_import(*, admin: User, content: bytes) -> list[CertificateRequest]:
    """Register one request per row, all or nothing. Raises SignatureError with ``extra["rows"]``."""
    require_admin(admin)
    rows = _read(content)
    errors, planned, seen = [], [], {}
    users = {u.username.lower(): u for u in User.objects.filter(
        username__in=[str(r[1][0] or "").strip() for r in rows]).select_related("agency")}
    for number, values in rows:
        username, position, department, email, days = (list(values) + [None] * 5)[:5]
        username = str(username or "").strip()
        official = users.get(username.lower())
        if not username:
            errors.append(RowError(number, COLUMNS[0], _("Enter the official's username.")))
            continue
        if official is None:
            errors.append(RowError(number, COLUMNS[0], _("No account has the username “%(username)s”.")
                                   % {"username": username}))
            continue
        if username.lower() in seen:
            errors.append(RowError(number, COLUMNS[0], _("This official is already on row %(row)s.")
                                   % {"row": seen[username.lower()]}))
            continue
        seen[username.lower()] = number
        errors += [RowError(number, COLUMNS[0], message) for message in official_request_errors(official)]
        email = str(email or "").strip()
        if email:
            try:
                validate_email(email)
            except ValidationError:
                errors.append(RowError(number, COLUMNS[3], _("“%(value)s” is not an email address.")
                                       % {"value": email}))
        validity = None
        if days not in (None, ""):
            try:
                validity = int(days)
            except (TypeError, ValueError):
                validity = 0
            if not 1 <= validity <= 5 * 365:
                errors.append(RowError(number, COLUMNS[4], _("Enter a number of days between 1 and %(max)s.")
                                       % {"max": 5 * 365}))
        planned.append({"official": official, "position": str(position or ""), "department": str(department or ""),
                        "email": email, "validity_days": validity})
    if errors:
        raise _failed(errors)
    with transaction.atomic():
        return [certificate_request_create(admin=admin, **fields) for fields in planned]


def _failed(errors: list[RowError]) -> SignatureError:
    return SignatureError(_("Nothing was registered: correct the rows below and import the file again."),
                          code=SignatureErrorCode.IMPORT_INVALID,
                          extra={"rows": [e.as_dict() for e in errors]})


def _read(content: bytes) -> list[tuple[int, tuple]]:
    try:
        book = open_workbook(content, max_bytes=settings.IMPORT_MAX_MB * 1024 * 1024)
    except UnreadableWorkbook:
        raise _not_a_workbook() from None
    try:
        return _rows(book)
    except READ_ERRORS:
        raise _not_a_workbook() from None
    finally:
        book.close()


def _not_a_workbook() -> SignatureError:
    return SignatureError(_("This file is not an Excel workbook (.xlsx)."),
                          code=SignatureErrorCode.IMPORT_BAD_FILE,
                          extra={"rows": []})


def _rows(book) -> list[tuple[int, tuple]]:
    sheet = book.worksheets[0]
    lines = sheet.iter_rows(values_only=True)
    header = tuple(str(v or "").strip() for v in next(lines, ()))[:len(COLUMNS)]
    if header != COLUMNS:
        raise SignatureError(_("The first row must hold the template's column names: %(columns)s.")
                             % {"columns": ", ".join(COLUMNS)}, code=SignatureErrorCode.IMPORT_BAD_HEADER,
                             extra={"rows": []})
    rows = [(number, values) for number, values in enumerate(lines, start=2)
            if any(v not in (None, "") for v in values)]
    if not rows:
        raise SignatureError(_("The list is empty."),
                             code=SignatureErrorCode.IMPORT_EMPTY, extra={"rows": []})
    if len(rows) > MAX_ROWS:
        raise SignatureError(_("At most %(max)s officials at a time.") % {"max": MAX_ROWS},
                             code=SignatureErrorCode.IMPORT_TOO_MANY, extra={"rows": []})
    return rows
