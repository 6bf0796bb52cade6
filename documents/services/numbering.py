"""Numbering (Decree 30/2020/NĐ-CP art. 15, 22.2 and Appendix I §II.3): the next number of a register in a
year, and the số/ký hiệu written on a document's face."""

from __future__ import annotations

import unicodedata

from documents.layout import names
from documents.models import Register, RegisterCounter
from portal.counters import counter_lock, counter_next
from units.models import Agency


def register_number_next(*, register: Register, year: int) -> int:
    """The next number of ``register`` in ``year`` (1 on 1 January, then consecutive). Must run inside the
    caller's transaction: a number taken by a transaction that rolls back goes back with it, so the series
    stays gap-free; two clerks numbering at once queue on the counter row (portal.counters)."""
    return counter_next(RegisterCounter, register=register, year=year)


def register_lock(*, register: Register, year: int) -> RegisterCounter:
    """Hold ``register``'s series for ``year`` until the caller's transaction ends, without taking a number:
    a clerk checking a number typed by hand (a reserved one) against the others."""
    return counter_lock(RegisterCounter, register=register, year=year)


def issuer_abbreviation(agency: Agency) -> str:
    """The issuing body's part of a ký hiệu (Appendix I §II.3): "UBND" for a People's Committee, else the
    initials of its name without its locality ("Sở Tư pháp tỉnh Quảng Ninh" → "STP"; "Văn phòng Ủy ban nhân
    dân tỉnh" → "VPUBND"), written as abbreviations are: without tone marks, Đ kept ("HĐND")."""
    if agency.is_people_committee:
        return "UBND"
    words = [piece.text for piece in names.pieces(agency.name) if not piece.locality]
    if words and tuple(words[-1].lower().split()) in names.UNIT_KINDS:
        words.pop()  # "… tỉnh": the locality without its name
    letters = "".join(_initial(syllable) for word in words for syllable in word.split() if syllable[:1].isalpha())
    return letters.upper()[:10] or "CQ"


def _initial(syllable: str) -> str:
    first = syllable[0]
    return first if first in "Đđ" else unicodedata.normalize("NFD", first)[0]


def notation(*, number: int, issuer: str, type_abbreviation: str = "", unit: str = "") -> str:
    """Số, ký hiệu as Appendix I writes it: the number with a leading zero below 10, "/", then the type's
    abbreviation and the issuer's ("15/QĐ-UBND"); a công văn (no type abbreviation) has the issuer's and
    the drafting unit's ("45/UBND-VP"). Abbreviations are kept as written (QyĐ, TTr): never upper-cased."""
    if number < 1:
        raise ValueError("Document numbers start at 1.")
    parts = [type_abbreviation, issuer] if type_abbreviation else [issuer, unit]
    symbol = "-".join(part.strip() for part in parts if part and part.strip())
    return f"{number:02d}/{symbol}" if symbol else f"{number:02d}"
