"""Vietnamese alphabetical order (a ă â b c d đ e ê ...) for ORDER BY.

The database's default collation (often C.UTF-8) sorts "Đất đai" after "Hộ tịch". PostgreSQL ships ICU's
Vietnamese collation; SQLite has none, so there we keep the plain column order."""

import unicodedata

from django.db import connection
from django.db.models import F
from django.db.models.functions import Collate

VIETNAMESE = "vi-x-icu"


def vietnamese(field: str):
    """An expression to pass to ``order_by`` (add ``.desc()`` for reverse order)."""
    if connection.vendor == "postgresql":
        return Collate(F(field), VIETNAMESE)
    return F(field)


# The same order in Python, for short lists sorted after they are read (a select's options), on any
# database: letters by the Vietnamese alphabet first, then tones (none, huyền, hỏi, ngã, sắc, nặng), then case.
_ALPHABET = "aăâbcdđeêfghijklmnoôơpqrstuưvwxyz"
_LETTER = {letter: index for index, letter in enumerate(_ALPHABET)}
_SHAPES = {"\u0306": {"a": "ă"}, "\u0302": {"a": "â", "e": "ê", "o": "ô"}, "\u031b": {"o": "ơ", "u": "ư"}}
_TONES = {"\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}


def vietnamese_key(text: str) -> tuple:
    """A sort key in Vietnamese alphabetical order, as a dictionary reads: code-point order puts "Hiệp" before
    "Hà" and every "Đ" after "Z"; with this key "Dương" < "Đặc khu" < "Hà An" < "Hạ Long" < "Hiệp Hòa"."""
    letters, tones = [], []
    for char in unicodedata.normalize("NFC", text or ""):
        base, *marks = unicodedata.normalize("NFD", char.lower())
        if char.lower() == "đ":
            base, marks = "đ", []
        tone = 0
        for mark in marks:
            if mark in _TONES:
                tone = _TONES[mark]
            elif mark in _SHAPES:
                base = _SHAPES[mark].get(base, base)
        # Spaces, digits and punctuation before letters: "Hà An" before "Hàn".
        letters.append((1, _LETTER[base]) if base in _LETTER else (0, ord(base)))
        tones.append(tone)
    return (letters, tones, text)
