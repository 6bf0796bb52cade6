"""The header of an administrative document drawn on the page (Decree 30/2020/NĐ-CP, Appendix I, boxes
1–4), from a ``letterhead.Letterhead``:

    UBND PHƯỜNG HẠ LONG                   CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
    TRUNG TÂM PHỤC VỤ                          Độc lập - Tự do - Hạnh phúc
    HÀNH CHÍNH CÔNG                            ───────────────────────────
    PHƯỜNG HẠ LONG
        ──────
    Số: …                            Hạ Long, ngày 07 tháng 12 năm 2026

The superior body upper case, 12 pt; the issuing body upper case bold, 12 pt, with a rule of about 40 %
of its length under it; the national name bold upper case, 12 pt; the motto bold, 13 pt, with a rule of
its own length under it; the number, 13 pt, centred under the issuer; place and date in italics, 13 pt, on
the number's line. Drawn with fpdf2's own text and lines rather than an HTML table, so that the two
columns are as wide as their texts need and names break only between words (documents.layout.names)."""

from __future__ import annotations

from dataclasses import dataclass

from fpdf import FPDF

from documents.layout import names
from documents.layout.letterhead import Letterhead
from portal.text import nfc

NATIONAL_NAME = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"
NAME_SIZE = 12  # box 1 (national name) and box 2 (agencies): 12–13
MOTTO_SIZE = 13  # box 1 (motto): 13–14
NUMBER_SIZE = 13  # box 3
DATE_SIZE = 13  # box 4: 13–14
FORM_SIZE = 11
GAP = 4  # mm between the columns
LEFT_MAX = 85  # mm: a landscape page does not spread the agency's name over its whole width
RULE = 0.25  # mm: the rules' thickness
PT = 25.4 / 72  # mm in a point


def _line_height(size: float) -> float:
    return size * PT * 1.2


@dataclass(frozen=True)
class Slots:
    """Where the number (box 3) and the place and date (box 4) go, left empty by ``draw(reserve=True)``: each
    (x, y, width, height) in mm from the page's top-left corner, on the header's page."""

    number: tuple[float, float, float, float]
    date: tuple[float, float, float, float]
    left_width: float  # the issuer's column, where a công văn's "V/v" goes (box 5b)


def draw(pdf: FPDF, head: Letterhead, *, family: str, form_number: str = "", number: str | None = None,
         reserve: bool = False) -> Slots | None:
    """Draw the header from the current position across the page's text width; leave the position under it.
    ``number``: the text after "Số:" (box 3), or None when the form has no number. ``reserve``: leave the
    number's and the date's line empty (an official document gets both when the clerk issues it, after it
    was signed) and answer where they go."""
    left_x, width = pdf.l_margin, pdf.epw
    y = pdf.get_y()
    if form_number:
        pdf.set_font(family, "I", FORM_SIZE)
        pdf.set_xy(left_x, y)
        pdf.cell(width, _line_height(FORM_SIZE), f"Mẫu số {form_number}", align="R")
        y += _line_height(FORM_SIZE) + 1
    date_line = nfc(head.date_line)
    pdf.set_font(family, "B", NAME_SIZE)
    right_w = pdf.get_string_width(NATIONAL_NAME)
    pdf.set_font(family, "I", DATE_SIZE)
    right_w = max(right_w, pdf.get_string_width(date_line)) + 2
    right_x = left_x + width - right_w
    left_w = min(width - right_w - GAP, LEFT_MAX)

    # Left: the superior body, the issuer and its rule.
    left_y = y
    if head.superior:
        pdf.set_font(family, "", NAME_SIZE)
        for text in names.lines(head.superior, width=left_w, measure=pdf.get_string_width, upper=True):
            left_y = _centred(pdf, text, x=left_x, y=left_y, width=left_w, size=NAME_SIZE)
    pdf.set_font(family, "B", NAME_SIZE)
    issuer = names.lines(head.issuer, width=left_w, measure=pdf.get_string_width, upper=True, locality_apart=True)
    for text in issuer:
        left_y = _centred(pdf, text, x=left_x, y=left_y, width=left_w, size=NAME_SIZE)
    widest = max((pdf.get_string_width(text) for text in issuer), default=0)
    left_y = _rule(pdf, x=left_x, y=left_y, width=left_w, length=widest * 0.4)

    # Right: the national name, the motto and its rule.
    pdf.set_font(family, "B", NAME_SIZE)
    right_y = _centred(pdf, NATIONAL_NAME, x=right_x, y=y, width=right_w, size=NAME_SIZE)
    pdf.set_font(family, "B", MOTTO_SIZE)
    right_y = _centred(pdf, MOTTO, x=right_x, y=right_y, width=right_w, size=MOTTO_SIZE)
    right_y = _rule(pdf, x=right_x, y=right_y, width=right_w, length=pdf.get_string_width(MOTTO))

    # The number under the issuer, and the place and date on its line.
    y = max(left_y, right_y) + 1
    if reserve:
        slots = Slots(number=(left_x, y, left_w, _line_height(NUMBER_SIZE)),
                      date=(right_x, y, right_w, _line_height(DATE_SIZE)), left_width=left_w)
        pdf.set_xy(left_x, y + _line_height(DATE_SIZE) + 3)
        return slots
    if number is not None:
        pdf.set_font(family, "", NUMBER_SIZE)
        _centred(pdf, nfc(f"Số: {number}"), x=left_x, y=y, width=left_w, size=NUMBER_SIZE)
    pdf.set_font(family, "I", DATE_SIZE)
    y = _centred(pdf, date_line, x=right_x, y=y, width=right_w, size=DATE_SIZE)
    pdf.set_xy(left_x, y + 3)
    return None


def _centred(pdf: FPDF, text: str, *, x: float, y: float, width: float, size: float) -> float:
    """One line centred in the column; the y of the next line."""
    pdf.set_xy(x, y)
    pdf.cell(width, _line_height(size), text, align="C")
    return y + _line_height(size)


def _rule(pdf: FPDF, *, x: float, y: float, width: float, length: float) -> float:
    """A rule of ``length`` centred in the column, just under the text above; the y below it."""
    start = x + (width - length) / 2
    pdf.set_line_width(RULE)
    pdf.line(start, y + 0.6, start + length, y + 0.6)
    return y + 2.5
