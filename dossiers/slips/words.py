"""Numbers and dates in Vietnamese words, as civil-status papers write a date of birth a second time ("ghi bằng
chữ: Ngày mười hai, tháng ba, năm hai nghìn không trăm hai mươi lăm")."""

from __future__ import annotations

import datetime as dt

DIGITS = ("không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín")


def _below_hundred(number: int) -> str:
    tens, units = divmod(number, 10)
    if tens == 0:
        return DIGITS[units]
    if tens == 1:
        head, tail = "mười", {0: "", 5: "lăm"}.get(units, DIGITS[units])
    else:
        head, tail = f"{DIGITS[tens]} mươi", {0: "", 1: "mốt", 4: "tư", 5: "lăm"}.get(units, DIGITS[units])
    return f"{head} {tail}".strip()


def _below_thousand(number: int, *, full: bool) -> str:
    """``full``: after thousands, a number below 100 still says its hundreds ("không trăm linh năm")."""
    hundreds, rest = divmod(number, 100)
    if hundreds == 0 and not full:
        return _below_hundred(rest)
    head = f"{DIGITS[hundreds]} trăm"
    if rest == 0:
        return head
    return f"{head} linh {DIGITS[rest]}" if rest < 10 else f"{head} {_below_hundred(rest)}"


def number_words(number: int) -> str:
    """0 … 999 999 in words: 25 "hai mươi lăm", 2005 "hai nghìn không trăm linh năm"."""
    if not 0 <= number < 1_000_000:
        raise ValueError("number_words reads 0 to 999 999")
    thousands, rest = divmod(number, 1000)
    if thousands == 0:
        return _below_thousand(rest, full=False)
    head = f"{_below_thousand(thousands, full=False)} nghìn"
    return head if rest == 0 else f"{head} {_below_thousand(rest, full=True)}"


def date_words(date: dt.date) -> str:
    """"Ngày mười hai, tháng ba, năm hai nghìn không trăm hai mươi lăm"."""
    return f"Ngày {number_words(date.day)}, tháng {number_words(date.month)}, năm {number_words(date.year)}"
