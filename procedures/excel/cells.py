"""Typed values out of spreadsheet cells, each with a message a person can act on when it fails.

A cell may hold what Excel typed (numbers, dates, booleans) or text typed by hand in Vietnamese habits
("0,5", "50.000", "17h30", "Có"); both are accepted."""

from __future__ import annotations

import datetime
import re
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _

from portal.text import nfc
from procedures.excel.format import (
    BOOLEAN,
    CHOICE,
    CHOICES,
    DECIMAL,
    INTEGER,
    NUMBER,
    OPTIONS,
    TIME,
    WORDS,
    YES_NO,
    Column,
)

_THOUSANDS = re.compile(r"^\d{1,3}([.,\s]\d{3})+$")
_HOUR = re.compile(r"^(\d{1,2})\s*(?:[:hg]\s*(\d{2})?)?(?::(\d{2}))?$", re.IGNORECASE)
_LIST = re.compile(r"[,;\n]+")
_SLUGS = re.compile(r"[,;\s]+")
# An e-form's options: "Nam; Nữ" or one per line (commas stay inside an option: "Kinh, Hoa" is one).
_OPTIONS = re.compile(r"[;\n]+")
# The largest value PositiveBigIntegerField (fee amounts) stores.
_MAX_INTEGER = 2**63 - 1


class CellError(ValueError):
    """The cell's value cannot be used; ``str(error)`` says why."""


def is_blank(value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def text_of(value) -> str:
    """The cell as text: 12 rather than 12.0 for whole numbers Excel stored as floats."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return YES_NO.label("yes" if value else "no")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime.datetime | datetime.date | datetime.time):
        return value.isoformat()
    return nfc(str(value)).strip()


def parse_cell(column: Column, value):
    """The typed value of one cell, the column's default when blank; raises CellError."""
    if is_blank(value):
        if column.required:
            raise CellError(_("A value is required."))
        return column.default if column.default is not None else _empty(column)
    parser = _PARSERS.get(column.kind, _text)
    return parser(column, value)


def _empty(column: Column):
    return {CHOICES: (), WORDS: (), OPTIONS: (), TIME: None, CHOICE: "", INTEGER: None, NUMBER: None}.get(
        column.kind, "")


def _text(column: Column, value) -> str:
    text = text_of(value)
    if column.max_length and len(text) > column.max_length:
        raise CellError(
            _("Use at most %(limit)d characters (this cell has %(length)d).")
            % {"limit": column.max_length, "length": len(text)}
        )
    return text


def _integer(column: Column, value) -> int:
    if isinstance(value, bool):
        raise CellError(_("“%(value)s” is not a whole number.") % {"value": text_of(value)})
    if isinstance(value, int):
        number = value
    elif isinstance(value, float) and value.is_integer():
        number = int(value)
    else:
        text = text_of(value).replace("\u00a0", " ")
        if _THOUSANDS.match(text):
            text = re.sub(r"[.,\s]", "", text)
        try:
            number = int(text)
        except ValueError:
            raise CellError(_("“%(value)s” is not a whole number.") % {"value": text_of(value)}) from None
    if number < 0:
        raise CellError(_("The number must be 0 or more."))
    if number > _MAX_INTEGER:
        raise CellError(_("The number is too large."))
    return number


def _decimal(column: Column, value) -> Decimal:
    if isinstance(value, bool):
        raise CellError(_("“%(value)s” is not a number.") % {"value": text_of(value)})
    text = str(value) if isinstance(value, int | float) else text_of(value).replace(",", ".")
    try:
        number = Decimal(text)
    except InvalidOperation:
        raise CellError(_("“%(value)s” is not a number.") % {"value": text_of(value)}) from None
    if not number.is_finite():
        raise CellError(_("“%(value)s” is not a number.") % {"value": text_of(value)})
    return number


def _boolean(column: Column, value) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float) and value in (0, 1):
        return bool(value)
    answer = YES_NO.parse(text_of(value))
    if answer is None:
        raise CellError(_("“%(value)s” is not yes or no (Có or Không).") % {"value": text_of(value)})
    return answer == "yes"


def _time(column: Column, value) -> datetime.time:
    if isinstance(value, datetime.datetime):
        return value.time().replace(microsecond=0)
    if isinstance(value, datetime.time):
        return value.replace(microsecond=0)
    if isinstance(value, float) and 0 <= value < 1:
        # Excel keeps an unformatted time as the fraction of a day.
        seconds = round(value * 86400)
        return datetime.time(seconds // 3600, seconds % 3600 // 60)
    match = _HOUR.match(text_of(value))
    if match:
        hour, minute, second = (int(part or 0) for part in match.groups())
        if hour < 24 and minute < 60 and second < 60:
            return datetime.time(hour, minute, second)
    raise CellError(_("“%(value)s” is not a time of day such as 16:30.") % {"value": text_of(value)})


def _choice(column: Column, value) -> str:
    choice = column.vocabulary.parse(text_of(value))
    if choice is None:
        raise CellError(_unknown(value, column))
    return choice


def _choices(column: Column, value) -> tuple[str, ...]:
    chosen = []
    for part in _LIST.split(text_of(value)):
        if not part.strip():
            continue
        choice = column.vocabulary.parse(part)
        if choice is None:
            raise CellError(_unknown(part.strip(), column))
        if choice not in chosen:
            chosen.append(choice)
    if column.required and not chosen:
        raise CellError(_("A value is required."))
    return tuple(chosen)


def _words(column: Column, value) -> tuple[str, ...]:
    return tuple(dict.fromkeys(word.lower() for word in _SLUGS.split(text_of(value)) if word))


def _options(column: Column, value) -> tuple[str, ...]:
    options = tuple(part.strip() for part in _OPTIONS.split(text_of(value)) if part.strip())
    if any(len(option) > 200 for option in options):
        raise CellError(_("An option is longer than 200 characters."))
    return options


def _unknown(value, column: Column) -> str:
    return _("“%(value)s” is not one of: %(choices)s.") % {
        "value": text_of(value), "choices": ", ".join(column.vocabulary.labels),
    }


_PARSERS = {
    INTEGER: _integer, DECIMAL: _decimal, BOOLEAN: _boolean, TIME: _time, CHOICE: _choice,
    CHOICES: _choices, WORDS: _words, OPTIONS: _options, NUMBER: _decimal,
}
