"""An official document composed in the portal, laid out as Decree 30/2020/NĐ-CP Appendix I sets it (Mẫu 1.4
for a document with a type name, Mẫu 1.5 for a công văn): the header (boxes 1–4) with the number's and the
date's places left empty, the urgency and secrecy marks (10a, 10b), the type name and subject (5a) or "V/v"
under the number for a công văn (5b), "Kính gửi:" (9a), the body (6), then side by side "Nơi nhận:" (9b) and
the authority, position, room for the signatures, and the signer's name (7a–7c).

A body is plain paragraphs, or ``blocks`` for a document that needs more than paragraphs: a decision's
authority heading and articles ("Điều 1." in bold), its legal bases in italics, an extract's particulars
("Họ, chữ đệm, tên: NGUYỄN MINH KHANG", the value in bold). A form that has no "Nơi nhận:" (a civil-status
extract) leaves the signature alone on the right.

The answer says where the number, the date and the two signatures go, in PDF points, so the document can
carry form fields there (documents.services.bodies) that the clerk fills after the leader signed."""

from __future__ import annotations

import io
from dataclasses import dataclass, field

from fpdf import FPDF
from fpdf.enums import Align

from documents.layout import heading
from documents.layout.letterhead import Letterhead
from documents.layout.pdf import FAMILY, new_pdf
from portal.qrcodes import qr_png
from portal.text import nfc

PT = 72 / 25.4  # points in a mm
TITLE_SIZE = 14  # box 5a: 13–14, bold upper case
LETTER_SUBJECT_SIZE = 12  # box 5b: 12–13
BODY_SIZE = 13  # box 6: 13–14
PLACES_TITLE_SIZE = 12  # box 9b: "Nơi nhận:" bold italic 12
PLACES_SIZE = 11  # box 9b: the list, 11
SIGNATURE_SIZE = 13  # box 7a–7c
SIGNATURE_ROOM = 26  # mm between the position and the name, where the signatures are drawn
INDENT = 10  # mm: the paragraphs' first line (1–1.27 cm)
PARAGRAPH_GAP = 2.2  # mm (at least 6 pt)
URGENT_RED = (220, 0, 0)
QR_SIZE = 17  # mm: inside the 20 mm bottom margin
QR_CAPTION_SIZE = 9


@dataclass(frozen=True)
class Block:
    """One piece of a body laid out otherwise than a plain paragraph. ``kind``: "paragraph" (justified, the
    first line indented), "italic" (the same in italics: a decision's legal bases), "heading" (centred, bold:
    "CHỦ TỊCH ỦY BAN NHÂN DÂN …", "QUYẾT ĐỊNH:"), "article" (a paragraph whose ``lead`` is bold: "Điều 1."),
    "facts" (``facts``' labels and values on one line, the values bold, from the margin)."""

    text: str = ""
    kind: str = "paragraph"
    lead: str = ""
    facts: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Composition:
    """What the document says; every text in Vietnamese as it is printed."""

    letterhead: Letterhead
    type_name: str  # "Quyết định"; "" for a công văn
    subject: str
    body: str  # paragraphs, one per line
    signer_name: str
    authority: list[str]  # "TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH": the last is the position
    addressees: list[str] = field(default_factory=list)  # "Kính gửi:" (công văn)
    places: list[str] = field(default_factory=list)  # "Nơi nhận:", before the archive line
    archive: str = "Lưu: VT."
    urgency: str = ""  # "HỎA TỐC", "THƯỢNG KHẨN", "KHẨN"
    secrecy: str = ""  # "MẬT", "TỐI MẬT", "TUYỆT MẬT"
    blocks: tuple[Block, ...] = ()  # instead of ``body``
    with_places: bool = True  # False: no "Nơi nhận:" column (a civil-status extract)
    # A QR code in the bottom margin of the last page, outside the decree's boxes: the address it opens (the
    # public lookup of the dossier a result answers) and the words beside it.
    qr_url: str = ""
    qr_caption: str = ""


@dataclass(frozen=True)
class Place:
    """A rectangle on a page in PDF points from its bottom-left corner (page 0 is the first)."""

    page: int
    rect: tuple[float, float, float, float]


@dataclass(frozen=True)
class Composed:
    content: bytes
    number: Place  # "Số: …" (box 3)
    date: Place  # place and date (box 4)
    signer: Place  # the leader's signature, centred between the position and the name (Appendix I §II.7.d)
    agency: Place  # the agency's, overlapping a third of the leader's on its left (§II.8.a)


def compose(document: Composition) -> Composed:
    pdf = new_pdf(landscape=False)
    pdf.set_title(nfc(document.subject or document.type_name))
    slots = heading.draw(pdf, document.letterhead, family=FAMILY, reserve=True)
    y = pdf.get_y()
    if not document.type_name:  # box 5b: the công văn's subject under its number, in the issuer's column
        pdf.set_font(FAMILY, "", LETTER_SUBJECT_SIZE)
        pdf.set_xy(pdf.l_margin, y - 2)
        pdf.multi_cell(slots.left_width, _line(LETTER_SUBJECT_SIZE), nfc(f"V/v {document.subject}"), align=Align.C,
                       new_x="LMARGIN", new_y="NEXT")
        y = pdf.get_y() + 2
    y = _marks(pdf, document, y=y, width=slots.left_width)
    pdf.set_xy(pdf.l_margin, y + 2)
    if document.type_name:  # box 5a: the type name and the subject, centred, a short rule under them
        pdf.set_font(FAMILY, "B", TITLE_SIZE)
        pdf.multi_cell(pdf.epw, _line(TITLE_SIZE), nfc(document.type_name.upper()), align=Align.C,
                       new_x="LMARGIN", new_y="NEXT")
        if document.subject:
            pdf.multi_cell(pdf.epw, _line(TITLE_SIZE), nfc(document.subject), align=Align.C, new_x="LMARGIN",
                           new_y="NEXT")
        rule = 30
        pdf.set_line_width(heading.RULE)
        pdf.line(pdf.l_margin + (pdf.epw - rule) / 2, pdf.get_y() + 2, pdf.l_margin + (pdf.epw + rule) / 2,
                 pdf.get_y() + 2)
        pdf.ln(6)
    if document.addressees:
        _addressees(pdf, document.addressees)
    if document.blocks:
        _blocks(pdf, document.blocks)
    else:
        _body(pdf, document.body)
    signer, agency = _signature_block(pdf, document)
    if document.qr_url:
        _qr(pdf, document.qr_url, document.qr_caption)
    content = bytes(pdf.output())
    page_height = pdf.h * PT
    number = Place(0, _rect(slots.number, page_height))
    date = Place(0, _rect(slots.date, page_height))
    return Composed(content=content, number=number, date=date, signer=signer, agency=agency)


def _line(size: float) -> float:
    return size * heading.PT * 1.25


def _rect(box: tuple[float, float, float, float], page_height: float) -> tuple[float, float, float, float]:
    x, y, width, height = box
    return (round(x * PT, 2), round(page_height - (y + height) * PT, 2), round((x + width) * PT, 2),
            round(page_height - y * PT, 2))


def _marks(pdf: FPDF, document: Composition, *, y: float, width: float) -> float:
    """Boxes 10a and 10b under the number: the secrecy mark, then the urgency's (bright red, framed)."""
    for text, colour in ((document.secrecy, (0, 0, 0)), (document.urgency, URGENT_RED)):
        if not text:
            continue
        pdf.set_font(FAMILY, "B", 13)
        pdf.set_text_color(*colour)
        pdf.set_draw_color(*colour)
        text_width = pdf.get_string_width(text) + 6
        pdf.set_xy(pdf.l_margin + (width - text_width) / 2, y)
        pdf.cell(text_width, 7, text, border=1, align=Align.C)
        y += 9
        pdf.set_text_color(0, 0, 0)
        pdf.set_draw_color(0, 0, 0)
    return y


def _addressees(pdf: FPDF, addressees: list[str]) -> None:
    """Box 9a: "Kính gửi: X." on one line, or a list, one addressee a line, under it."""
    pdf.set_font(FAMILY, "", BODY_SIZE)
    if len(addressees) == 1:
        pdf.multi_cell(pdf.epw, _line(BODY_SIZE), nfc(f"Kính gửi: {addressees[0]}."), align=Align.C,
                       new_x="LMARGIN", new_y="NEXT")
    else:
        label = "Kính gửi:"
        label_width = pdf.get_string_width(label + " ")
        widest = max(pdf.get_string_width(f"- {name};") for name in addressees)
        start = pdf.l_margin + max(0, (pdf.epw - label_width - widest) / 2)
        pdf.set_x(start)
        pdf.cell(label_width, _line(BODY_SIZE), label)
        for index, name in enumerate(addressees):
            end = "." if index == len(addressees) - 1 else ";"
            pdf.set_x(start + label_width)
            pdf.multi_cell(pdf.epw - (start - pdf.l_margin) - label_width, _line(BODY_SIZE), nfc(f"- {name}{end}"),
                           align=Align.L, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(3)


def _body(pdf: FPDF, body: str) -> None:
    """Box 6: justified paragraphs, the first line indented, at least 6 pt apart."""
    pdf.set_font(FAMILY, "", BODY_SIZE)
    paragraphs = [" ".join(line.split()) for line in nfc(body).splitlines()]
    with pdf.text_columns(text_align=Align.J, line_height=1.2) as columns:
        for text in paragraphs:
            if not text:
                continue
            with columns.paragraph(first_line_indent=INDENT, top_margin=PARAGRAPH_GAP) as paragraph:
                paragraph.write(text)
    pdf.ln(4)


def _blocks(pdf: FPDF, blocks: tuple[Block, ...]) -> None:
    """A body of blocks (Block): each kind in its own column of text, so alignments do not mix."""
    for block in blocks:
        if block.kind == "heading":
            pdf.set_font(FAMILY, "B", BODY_SIZE)
            pdf.ln(PARAGRAPH_GAP)
            pdf.multi_cell(pdf.epw, _line(BODY_SIZE), nfc(block.text), align=Align.C, new_x="LMARGIN",
                           new_y="NEXT")
            continue
        facts = block.kind == "facts"
        with pdf.text_columns(text_align=Align.L if facts else Align.J, line_height=1.2) as columns:
            with columns.paragraph(first_line_indent=0 if facts else INDENT, top_margin=PARAGRAPH_GAP) as paragraph:
                if facts:
                    for index, (label, value) in enumerate(block.facts):
                        pdf.set_font(FAMILY, "", BODY_SIZE)
                        paragraph.write(nfc(("      " if index else "") + f"{label}: "))
                        pdf.set_font(FAMILY, "B", BODY_SIZE)
                        paragraph.write(nfc(" ".join((value or "…").split())))
                else:
                    if block.lead:
                        pdf.set_font(FAMILY, "B", BODY_SIZE)
                        paragraph.write(nfc(block.lead + " "))
                    pdf.set_font(FAMILY, "I" if block.kind == "italic" else "", BODY_SIZE)
                    paragraph.write(nfc(" ".join(block.text.split())))
        pdf.set_font(FAMILY, "", BODY_SIZE)
    pdf.ln(4)


def _qr(pdf: FPDF, url: str, caption: str) -> None:
    """The QR code in the bottom margin of the last page, from the left margin, its caption on its right."""
    size, margin = QR_SIZE, pdf.b_margin
    top = pdf.h - margin + 1
    pdf.set_auto_page_break(False)  # (which sets the bottom margin to 0: restored below)
    pdf.image(io.BytesIO(qr_png(url)), x=pdf.l_margin, y=top, w=size, h=size)
    if caption:
        pdf.set_font(FAMILY, "I", QR_CAPTION_SIZE)
        pdf.set_xy(pdf.l_margin + size + 2, top + 2)
        pdf.multi_cell(pdf.epw - size - 2, _line(QR_CAPTION_SIZE), nfc(caption), align=Align.L)
    pdf.set_auto_page_break(True, margin=margin)


def _signature_block(pdf: FPDF, document: Composition) -> tuple[Place, Place]:
    """"Nơi nhận:" on the left, the signature on the right, side by side and on one page; answers where the
    leader's and the agency's signatures go."""
    left_width = pdf.epw * 0.4
    right_width = pdf.epw - left_width
    right_x = pdf.l_margin + left_width
    authority = [nfc(line) for line in document.authority if line.strip()]
    needed = (len(authority) + 1) * _line(SIGNATURE_SIZE) + SIGNATURE_ROOM
    places = [*(f"- {place};" for place in document.places), f"- {document.archive}"] if document.with_places else []
    if places:
        needed = max(needed, _line(PLACES_TITLE_SIZE) + len(places) * _line(PLACES_SIZE) * 1.6)
    if pdf.get_y() + needed > pdf.h - pdf.b_margin:
        pdf.add_page()
    top = pdf.get_y()
    # The left column: "Nơi nhận:" and the list.
    pdf.set_xy(pdf.l_margin, top)
    if places:
        pdf.set_font(FAMILY, "BI", PLACES_TITLE_SIZE)
        pdf.cell(left_width, _line(PLACES_TITLE_SIZE), "Nơi nhận:", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(FAMILY, "", PLACES_SIZE)
    for line in places:
        pdf.set_x(pdf.l_margin)
        pdf.multi_cell(left_width - 4, _line(PLACES_SIZE), nfc(line), align=Align.L, new_x="LMARGIN", new_y="NEXT")
    # The right column: the authority and the position, room for the signatures, the name.
    pdf.set_font(FAMILY, "B", SIGNATURE_SIZE)
    y = top
    for line in authority:
        pdf.set_xy(right_x, y)
        pdf.multi_cell(right_width, _line(SIGNATURE_SIZE), line.upper(), align=Align.C, new_x="LMARGIN",
                       new_y="NEXT")
        y = pdf.get_y()
    room_top = y
    pdf.set_xy(right_x, room_top + SIGNATURE_ROOM)
    pdf.cell(right_width, _line(SIGNATURE_SIZE), nfc(document.signer_name), align=Align.C)
    page = pdf.page_no() - 1
    page_height = pdf.h * PT
    # Both signatures inside the column: the leader's as central as leaves room on its left for the third
    # of the agency's that does not overlap it.
    width = min(56, right_width * 0.56)
    height = SIGNATURE_ROOM - 3
    x = right_x + max((right_width - width) / 2, width * 2 / 3 + 1)
    signer = Place(page, _rect((x, room_top + 1.5, width, height), page_height))
    agency = Place(page, _rect((x - width * 2 / 3, room_top + 1.5, width, height), page_height))
    pdf.set_xy(pdf.l_margin, room_top + SIGNATURE_ROOM + _line(SIGNATURE_SIZE))
    return signer, agency
