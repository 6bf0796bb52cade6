"""The PDF layer of the slips: a Django template (the HTML subset fpdf2's ``write_html`` understands)
rendered in Vietnamese, normalised to NFC and laid out on A4 with a Vietnamese-capable TrueType font."""

from __future__ import annotations

import re
from functools import lru_cache

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation
from fpdf import FPDF

from portal.text import nfc

FAMILY = "SlipFont"
BODY_SIZE = 12
# Whitespace that only separates tags in the template's source (its line breaks), not words.
_BETWEEN_TAGS = re.compile(r">\s*\n\s*<")
# write_html lays a table out with the font state left by whatever it wrote last; each table and each
# stretch between tables is written on its own, from the body font, so no bold or italic leaks.
_TABLES = re.compile(r"(<table\b.*?</table>)", re.DOTALL | re.IGNORECASE)
# A dense table (the control slip, the tracking book) asks for a smaller font: <table data-font-size="9">.
_TABLE_SIZE = re.compile(r'^<table\b[^>]*\bdata-font-size="(\d+(?:\.\d+)?)"', re.IGNORECASE)


def _font_files() -> dict[str, str]:
    return _faces(settings.PDF_FONT_REGULAR, settings.PDF_FONT_BOLD)


@lru_cache(maxsize=4)
def _faces(configured_regular: str, configured_bold: str) -> dict[str, str]:
    import font_roboto

    regular = configured_regular or font_roboto.Roboto
    bold = configured_bold or configured_regular or font_roboto.RobotoBold
    if configured_regular or configured_bold:
        # A configured font may have no italic faces: italics are then set upright, never in a font
        # without Vietnamese glyphs.
        return {"": regular, "B": bold, "I": regular, "BI": bold}
    return {"": regular, "B": bold, "I": font_roboto.RobotoItalic, "BI": font_roboto.RobotoBoldItalic}


def _new_pdf(*, landscape: bool) -> FPDF:
    pdf = FPDF(orientation="L" if landscape else "P", unit="mm", format="A4")
    pdf.set_margins(left=20 if not landscape else 15, top=15, right=15)
    pdf.set_auto_page_break(auto=True, margin=15)
    for style, path in _font_files().items():
        pdf.add_font(FAMILY, style, path)
    pdf.set_creator("Cổng Một Cửa")
    pdf.add_page()
    return pdf


def render_html(template: str, context: dict) -> str:
    """The template's text in Vietnamese (official documents are, whatever the reader's language), NFC."""
    with translation.override("vi"):
        html = render_to_string(template, context)
    return nfc(_BETWEEN_TAGS.sub("><", html.strip()))


def html_pdf(html: str, *, landscape: bool = False, title: str = "") -> bytes:
    pdf = _new_pdf(landscape=landscape)
    if title:
        pdf.set_title(nfc(title))
    for piece in _TABLES.split(html):
        if not piece.strip():
            continue
        size = _TABLE_SIZE.match(piece)
        pdf.set_font(FAMILY, "", float(size.group(1)) if size else BODY_SIZE)
        pdf.write_html(piece, font_family=FAMILY, table_line_separators=True, li_prefix_color=(0, 0, 0),
                       warn_on_tags_not_matching=False)
    return bytes(pdf.output())


def template_pdf(template: str, context: dict, *, landscape: bool = False, title: str = "") -> bytes:
    return html_pdf(render_html(template, context), landscape=landscape, title=title)
