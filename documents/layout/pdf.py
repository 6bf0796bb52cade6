"""The PDF layer of the slips: the standard header drawn from the letterhead (documents.layout.heading), then
a Django template (the HTML subset fpdf2's ``write_html`` understands) rendered in Vietnamese, normalised
to NFC, on A4 with the margins, the serif and the sizes of Decree 30/2020/NĐ-CP (Appendix I): Times New
Roman or its metric twin (portal.fonts), body 13 pt, page numbers centred in the top margin from the
second page on."""

from __future__ import annotations

import re

from django.template.loader import render_to_string
from django.utils import translation
from fpdf import FPDF, TextStyle

from documents.layout import heading
from documents.layout.letterhead import Letterhead
from portal.fonts import pdf_faces
from portal.text import nfc

FAMILY = "SlipFont"
BODY_SIZE = 13  # Decree 30: the body 13–14
# Margins in mm (Decree 30: top and bottom 20–25, left 30–35, right 15–20). A landscape register keeps
# the binding margin on its left, a little narrower, for its columns.
PORTRAIT = {"left": 30, "top": 20, "right": 15, "bottom": 20}
LANDSCAPE = {"left": 25, "top": 20, "right": 15, "bottom": 15}
# Whitespace that only separates tags in the template's source (its line breaks), not words.
_BETWEEN_TAGS = re.compile(r">\s*\n\s*<")
# write_html lays a table out with the font state left by whatever it wrote last; each table and each
# stretch between tables is written on its own, from the body font, so no bold or italic leaks.
_TABLES = re.compile(r"(<table\b.*?</table>)", re.DOTALL | re.IGNORECASE)
# A dense table (the control slip, the tracking book) asks for a smaller font: <table data-font-size="9">.
_TABLE_SIZE = re.compile(r'^<table\b[^>]*\bdata-font-size="(\d+(?:\.\d+)?)"', re.IGNORECASE)
# fpdf2 centres a table on the page, not between the margins, which are not equal here: every table is
# laid out from the left margin instead (a full-width table then spans exactly the text's width).
_TABLE_TAG = re.compile(r"<table\b(?![^>]*\balign=)", re.IGNORECASE)
# Paragraphs 6 pt apart at least (Decree 30: box 6), not a whole blank line as fpdf2 sets them; the items of
# a numbered list indented, their numbers inside the margin.
TAG_STYLES = {"p": TextStyle(t_margin=2.2), "li": TextStyle(l_margin=10, t_margin=1)}


class SlipPDF(FPDF):
    def header(self) -> None:
        """Page numbers from 2, centred in the top margin, in the body's size (none on the first page)."""
        if self.page_no() < 2:
            return
        self.set_font(FAMILY, "", BODY_SIZE)
        self.set_xy(self.l_margin, self.t_margin / 2 - 2)
        self.cell(self.epw, 5, str(self.page_no()), align="C")
        self.set_xy(self.l_margin, self.t_margin)


def new_pdf(*, landscape: bool) -> SlipPDF:
    margins = LANDSCAPE if landscape else PORTRAIT
    pdf = SlipPDF(orientation="L" if landscape else "P", unit="mm", format="A4")
    pdf.set_margins(left=margins["left"], top=margins["top"], right=margins["right"])
    pdf.set_auto_page_break(auto=True, margin=margins["bottom"])
    for style, path in pdf_faces().by_style().items():
        pdf.add_font(FAMILY, style, path)
    pdf.set_creator("Cổng Một Cửa")
    pdf.add_page()
    return pdf


def render_html(template: str, context: dict) -> str:
    """The template's text in Vietnamese (official documents are, whatever the reader's language), NFC."""
    with translation.override("vi"):
        html = render_to_string(template, context)
    return nfc(_BETWEEN_TAGS.sub("><", html.strip()))


def html_pdf(html: str, *, landscape: bool = False, title: str = "", letterhead: Letterhead | None = None,
             form_number: str = "", number: str | None = None) -> bytes:
    """The HTML laid out under the header of ``letterhead`` (with the form's number, "Mẫu số ...", and the
    document's number, "Số: ...", when given)."""
    pdf = new_pdf(landscape=landscape)
    if title:
        pdf.set_title(nfc(title))
    if letterhead is not None:
        heading.draw(pdf, letterhead, family=FAMILY, form_number=form_number, number=number)
    for piece in _TABLES.split(html):
        if not piece.strip():
            continue
        size = _TABLE_SIZE.match(piece)
        pdf.set_font(FAMILY, "", float(size.group(1)) if size else BODY_SIZE)
        pdf.write_html(_TABLE_TAG.sub('<table align="left"', piece), font_family=FAMILY, tag_styles=TAG_STYLES,
                       table_line_separators=True, li_prefix_color=(0, 0, 0), warn_on_tags_not_matching=False)
    return bytes(pdf.output())


def template_pdf(template: str, context: dict, *, landscape: bool = False, title: str = "") -> bytes:
    """The template under the header of ``context["letterhead"]`` (if any), ``context["form_number"]`` and
    ``context["number"]`` (None: the form has no "Số:" line)."""
    return html_pdf(render_html(template, context), landscape=landscape, title=title,
                    letterhead=context.get("letterhead"), form_number=context.get("form_number") or "",
                    number=context.get("number"))
