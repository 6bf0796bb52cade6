"""Turn the rows of a read workbook into one ``VersionData`` per procedure, resolving codes against the
database and running the catalogue's rules, so that every problem is reported on its sheet, row and
column before anything is saved."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from procedures.excel.format import CHILD_SHEETS, COMPONENTS, FEES, FORM, PROCEDURES, STEPS
from procedures.excel.issues import CatalogueImportError, Issue
from procedures.excel.reader import ParsedWorkbook, Row
from procedures.models import Field
from procedures.rules import form_field_problems, form_key_from_label
from procedures.services import (
    ComponentData,
    FeeData,
    FormFieldData,
    StepData,
    VersionData,
    procedure_data_errors,
)
from units.models import Agency, ServiceCentre
from units.validators import normalize_agency_code

# Which child list each sheet fills, and the column a rule problem about one of its items lands on.
_LISTS = {COMPONENTS.title: ("components", "name"), FEES.title: ("fees", "description"),
          STEPS.title: ("steps", "duration"), FORM.title: ("form_fields", "key")}


@dataclass
class Entry:
    """One procedure of the file: its row on the procedure sheet, its child rows and its content."""

    code: str
    row: Row
    children: dict[str, list[Row]]
    letters: dict[str, dict[str, str]]  # sheet title -> column key -> letter in the file
    data: VersionData | None = None


def build_entries(parsed: ParsedWorkbook, *, progress: Callable[[int], None] | None = None) -> list[Entry]:
    """The procedures of the workbook, checked. Raises CatalogueImportError listing every problem."""
    issues = list(parsed.issues)
    entries = _entries(parsed, issues)
    refs = _References(parsed, issues)
    for done, entry in enumerate(entries, start=1):
        entry.data = _version_data(entry, refs)
        if entry.code:
            issues.extend(rule_issues(entry, procedure_data_errors(code=entry.code, data=entry.data), issues))
        if progress:
            progress(done)
    if issues:
        raise CatalogueImportError(issues)
    return entries


def rule_issues(entry: Entry, errors: dict[str, list[str]], known: Sequence[Issue] = ()) -> list[Issue]:
    """Place the rule problems of one procedure on its cells, leaving out cells already reported."""
    taken = {(i.sheet, i.row, i.column) for i in known}
    broken_rows = {(i.sheet, i.row) for i in known if i.sheet in _LISTS}
    found = []
    for key, messages in errors.items():
        sheet_title = next((title for title, (name, _column) in _LISTS.items() if name == key), None)
        if sheet_title is None:
            column = key if key in PROCEDURES.keys else "code"
            letter = _letter(entry, PROCEDURES.title, column)
            if (PROCEDURES.title, entry.row.number, letter) not in taken:
                found += [Issue(m, PROCEDURES.title, entry.row.number, letter) for m in messages]
            continue
        rows = entry.children[sheet_title]
        if key == "form_fields":
            found += _form_issues(entry, rows, broken_rows)
            continue
        letter = _letter(entry, sheet_title, _LISTS[sheet_title][1])
        for index, message in _locate(entry, key, messages):
            if index is None or index >= len(rows):
                found.append(Issue(message, PROCEDURES.title, entry.row.number, _letter(entry, PROCEDURES.title, "code")))
            elif (sheet_title, rows[index].number) not in broken_rows:
                found.append(Issue(message, sheet_title, rows[index].number, letter))
    return found


def _form_issues(entry: Entry, rows: list[Row], broken_rows: set) -> list[Issue]:
    """The e-form's problems on their own cells: the rules name the field and the attribute."""
    found = []
    for problem in form_field_problems(entry.data.form_fields):
        index = problem.position - 1 if problem.position else None
        if index is None or index >= len(rows):
            found.append(Issue(problem.message, PROCEDURES.title, entry.row.number,
                               _letter(entry, PROCEDURES.title, "code")))
        elif (FORM.title, rows[index].number) not in broken_rows:
            letter = _letter(entry, FORM.title, problem.attribute) or _letter(entry, FORM.title, "key")
            found.append(Issue(problem.message, FORM.title, rows[index].number, letter))
    return found


def _locate(entry: Entry, key: str, messages: list[str]) -> list[tuple[int | None, str]]:
    """Which item each message of a child list is about: the rules see the list whole, so re-run them
    on growing prefixes; a message belongs to the item that first brings it (or the message it grew
    from, as a running total that passes the legal time does) into the list."""
    items = getattr(entry.data, key)
    remaining = Counter(messages)
    onset: dict[str, int] = {}
    placed: list[tuple[int | None, str]] = []
    previous: Counter = Counter()
    for index in range(len(items)):
        prefix = replace(entry.data, centres=(), **{key: items[: index + 1]})
        current = Counter(procedure_data_errors(code=entry.code, data=prefix).get(key, []))
        gone = list((previous - current).elements())
        for position, message in enumerate((current - previous).elements()):
            onset[message] = onset.get(gone[position], index) if position < len(gone) else index
            if remaining[message] > 0:
                remaining[message] -= 1
                placed.append((onset[message], message))
        previous = current
    return placed + [(None, message) for message in remaining.elements()]


def _letter(entry: Entry, sheet: str, key: str) -> str:
    return entry.letters[sheet].get(key, "")


def _entries(parsed: ParsedWorkbook, issues: list[Issue]) -> list[Entry]:
    main = parsed.sheets[PROCEDURES.title]
    letters = {title: sheet.letters for title, sheet in parsed.sheets.items()}
    entries: dict[str, Entry] = {}
    unnamed = []
    for row in main.rows:
        code = row.values["code"] or ""
        if code in entries:
            issues.append(Issue(
                _("The procedure code %(code)s is already on row %(row)s.") % {"code": code, "row": entries[code].row.number},
                PROCEDURES.title, row.number, main.letter("code"),
            ))
            continue
        entry = Entry(code=code, row=row, children={sheet.title: [] for sheet in CHILD_SHEETS}, letters=letters)
        if code:
            entries[code] = entry
        else:
            unnamed.append(entry)  # still checked, so its other cells get reported
    for spec in CHILD_SHEETS:
        sheet = parsed.sheets[spec.title]
        orders: dict[tuple[str, int], int] = {}
        for row in sheet.rows:
            code, order = row.values["code"], row.values["order"]
            if not code:
                continue
            if code not in entries:
                issues.append(Issue(
                    _("The procedure code %(code)s is not on the sheet “%(sheet)s”.") % {"code": code, "sheet": PROCEDURES.title},
                    spec.title, row.number, sheet.letter("code"),
                ))
                continue
            if order is not None and (code, order) in orders:
                issues.append(Issue(
                    _("Order %(order)s is already used for %(code)s on row %(row)s.")
                    % {"order": order, "code": code, "row": orders[(code, order)]},
                    spec.title, row.number, sheet.letter("order"),
                ))
                row.failed.add("order")
                continue
            orders[(code, order)] = row.number
            entries[code].children[spec.title].append(row)
    for entry in entries.values():
        for rows in entry.children.values():
            rows.sort(key=lambda r: (r.values["order"] if r.values["order"] is not None else 0, r.number))
    return [*entries.values(), *unnamed]


class _References:
    """Fields, agencies and centres named anywhere in the file, loaded in one query each."""

    def __init__(self, parsed: ParsedWorkbook, issues: list[Issue]):
        main, steps = parsed.sheets[PROCEDURES.title], parsed.sheets[STEPS.title]
        self.issues = issues
        field_codes = {row.values["field"] for row in main.rows if row.values["field"]}
        self.field_by_code = {f.code: f for f in Field.objects.filter(code__in=field_codes)}
        self.agency_codes: dict[str, str] = {}
        for sheet, key in ((main, "agency"), (steps, "responsible_agency")):
            for row in sheet.rows:
                self._normalise(sheet.sheet.title, row, key, sheet.letter(key))
        self.agency_by_code = {a.code: a for a in Agency.objects.filter(code__in=set(self.agency_codes.values()))}
        slugs = {slug for row in main.rows for slug in row.values["centres"] or ()}
        self.centre_by_slug = {c.slug: c for c in ServiceCentre.objects.filter(slug__in=slugs)}
        self.letters = {title: sheet.letters for title, sheet in parsed.sheets.items()}

    def _normalise(self, sheet: str, row: Row, key: str, letter: str) -> None:
        raw = row.values.get(key)
        if not raw:
            return
        try:
            self.agency_codes[raw] = normalize_agency_code(raw)
        except ValidationError as error:
            self._fail(sheet, row, key, letter, error.messages[0])

    def _fail(self, sheet: str, row: Row, key: str, letter: str, message: str) -> None:
        row.failed.add(key)
        self.issues.append(Issue(message, sheet, row.number, letter))

    def field(self, row: Row) -> Field | None:
        code = row.values["field"]
        if code and "field" not in row.failed and code not in self.field_by_code:
            self._fail(PROCEDURES.title, row, "field", self.letters[PROCEDURES.title]["field"],
                       _("The field code %(code)s does not exist.") % {"code": code})
        return self.field_by_code.get(code)

    def agency(self, sheet: str, row: Row, key: str) -> Agency | None:
        raw = row.values.get(key)
        if not raw or key in row.failed:
            return None
        agency = self.agency_by_code.get(self.agency_codes[raw])
        if agency is None:
            self._fail(sheet, row, key, self.letters[sheet][key],
                       _("The agency code %(code)s does not exist.") % {"code": self.agency_codes[raw]})
        return agency

    def centres(self, row: Row) -> tuple[ServiceCentre, ...]:
        found = []
        for slug in row.values["centres"] or ():
            if slug in self.centre_by_slug:
                found.append(self.centre_by_slug[slug])
            else:
                self._fail(PROCEDURES.title, row, "centres", self.letters[PROCEDURES.title]["centres"],
                           _("There is no service centre with the short name %(slug)s.") % {"slug": slug})
        return tuple(found)


def _version_data(entry: Entry, refs: _References) -> VersionData:
    values = entry.row.values
    channels = {}
    if "channels" not in entry.row.failed:
        # When the cell could not be read, keep VersionData's defaults rather than report "no channel" twice.
        chosen = values["channels"] or ()
        channels = {f"channel_{name}": name in chosen for name in ("online", "counter", "post")}
    steps_sheet = STEPS.title
    return VersionData(
        name=values["name"] or "", name_en=values["name_en"] or "",
        field=refs.field(entry.row), level=values["level"] or "",
        agency=refs.agency(PROCEDURES.title, entry.row, "agency"),
        result_type=values["result_type"] or "", result_type_en=values["result_type_en"] or "",
        legal_basis=values["legal_basis"] or "", conditions=values["conditions"] or "",
        processing_time=values["processing_time"], processing_time_unit=values["processing_time_unit"] or "",
        cutoff_hour=values["cutoff_hour"], online_level=values["online_level"] or "",
        payment_timing=values["payment_timing"] or "",
        **channels,
        regardless_of_residence=bool(values["regardless_of_residence"]),
        centres=refs.centres(entry.row),
        components=tuple(
            ComponentData(name=r.values["name"] or "", name_en=r.values["name_en"] or "",
                          originals=r.values["originals"] or 0, copies=r.values["copies"] or 0,
                          is_mandatory=bool(r.values["is_mandatory"]),
                          filled_by_form=bool(r.values["filled_by_form"]))
            for r in entry.children[COMPONENTS.title]
        ),
        fees=tuple(
            FeeData(description=r.values["description"] or "", description_en=r.values["description_en"] or "",
                    amount=r.values["amount"] or 0)
            for r in entry.children[FEES.title]
        ),
        steps=tuple(
            StepData(name=r.values["name"] or "", name_en=r.values["name_en"] or "",
                     responsible_role=r.values["responsible_role"] or "", duration=r.values["duration"],
                     responsible_agency=refs.agency(steps_sheet, r, "responsible_agency"))
            for r in entry.children[STEPS.title]
        ),
        form_fields=tuple(_form_field(r) for r in entry.children[FORM.title]),
    )


def _form_field(row: Row) -> FormFieldData:
    values = row.values
    label = values["label"] or ""
    return FormFieldData(
        key=values["key"] or ("" if "key" in row.failed else form_key_from_label(label)), label=label,
        label_en=values["label_en"] or "", section=values["section"] or "", section_en=values["section_en"] or "",
        type=values["type"] or "", required=bool(values["required"]), options=values["options"] or (),
        options_en=values["options_en"] or (), help_text=values["help_text"] or "",
        help_text_en=values["help_text_en"] or "", max_length=values["max_length"],
        min_value=values["min_value"], max_value=values["max_value"], not_future=bool(values["not_future"]),
    )
