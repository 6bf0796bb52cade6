"""Problems found in an uploaded workbook, each located the way a person finds it in Excel."""

from __future__ import annotations

from dataclasses import asdict, dataclass

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from procedures.errors import CatalogueError, CatalogueErrorCode
from procedures.excel.format import SHEETS


@dataclass(frozen=True)
class Issue:
    message: str
    sheet: str = ""
    row: int | None = None
    column: str = ""  # the letter in the uploaded file, e.g. "G"

    def __str__(self) -> str:
        where = {"sheet": self.sheet, "row": self.row, "column": self.column, "message": self.message}
        if self.sheet and self.row and self.column:
            return _("%(sheet)s, row %(row)s, column %(column)s: %(message)s") % where
        if self.sheet and self.row:
            return _("%(sheet)s, row %(row)s: %(message)s") % where
        if self.sheet:
            return _("%(sheet)s: %(message)s") % where
        return self.message

    def as_dict(self) -> dict:
        return {**asdict(self), "text": str(self)}

    @property
    def sort_key(self):
        return (self.sheet, self.row or 0, len(self.column), self.column)


class CatalogueImportError(CatalogueError):
    """The workbook cannot be imported; ``issues`` lists every problem and nothing was saved."""

    def __init__(self, issues: list[Issue]):
        # Sheets in workbook order, then rows and columns, as a person reads the file.
        order = {sheet.title: i for i, sheet in enumerate(SHEETS)}
        self.issues = sorted(issues, key=lambda i: (order.get(i.sheet, -1), *i.sort_key[1:]))
        super().__init__(
            ngettext(
                "Nothing was imported: the file has %(count)d problem.",
                "Nothing was imported: the file has %(count)d problems.",
                len(self.issues),
            ) % {"count": len(self.issues)},
            code=CatalogueErrorCode.IMPORT_INVALID,
            extra={"errors": [issue.as_dict() for issue in self.issues]},
        )
