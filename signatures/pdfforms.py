"""The form fields a document reserves before it is signed, and their filling afterwards, with pyHanko.
Knows nothing of the database.

An official document is signed by its leader before it has a number (Decree 30/2020/NĐ-CP art. 15.2): the
clerk gives the number and the date afterwards. So that writing them does not break the leader's signature,
the document carries empty text fields where they go (``SoKyHieu``, ``NgayBanHanh``), and an empty
signature field for the agency's signature; the leader's is a certification signature that permits filling
forms (DocMDP P=2), and the clerk's step fills the fields in an incremental update with their appearance
streams (pyHanko's ``populate_static_text_field``) before the agency signs into its field. Validators
(pyHanko's difference analysis, Acrobat) accept both as form filling."""

from __future__ import annotations

import io
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from pyhanko.pdf_utils import generic, layout
from pyhanko.pdf_utils.content import RawContent
from pyhanko.pdf_utils.form_tools import enumerate_fields_in, populate_static_text_field
from pyhanko.pdf_utils.generic import pdf_name, pdf_string
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.misc import FormFillingError, PdfError
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.pdf_utils.text import TextBoxStyle
from pyhanko.sign import fields

from signatures import pdfsign

# Widget annotation flags: printed (4); a filled field is also made read-only by pyHanko (field flag 1).
_PRINT = 4
_READ_ERRORS = (PdfError, ValueError, KeyError, TypeError, IndexError, AttributeError)


class FieldError(Exception):
    """The PDF cannot take or fill the fields (unreadable, or a field is missing or filled already)."""


@dataclass(frozen=True)
class Box:
    """Where a field sits: its page (0 is the first, -1 the last) and its rectangle in PDF points from the
    page's bottom-left corner (x1, y1, x2, y2)."""

    page: int
    rect: tuple[float, float, float, float]

    @property
    def width(self) -> float:
        return abs(self.rect[2] - self.rect[0])

    @property
    def height(self) -> float:
        return abs(self.rect[3] - self.rect[1])


@dataclass(frozen=True)
class TextField:
    name: str
    box: Box
    size: float = 13  # the text's size in points when filled
    align: str = "centre"  # or "left", "right"
    italic: bool = False


@dataclass(frozen=True)
class SignatureField:
    name: str
    box: Box


def page_sizes(content: bytes) -> list[tuple[float, float]]:
    """Each page's (width, height) in points, from its MediaBox (inherited through the page tree)."""
    try:
        reader = PdfFileReader(io.BytesIO(content), strict=False)
        count = int(reader.root["/Pages"]["/Count"])
        return [pdfsign.page_size(reader, index) for index in range(count)]
    except _READ_ERRORS as exc:
        raise FieldError("unreadable PDF") from exc


def field_names(content: bytes) -> dict[str, bool]:
    """The document's text and signature fields, each with whether it is filled."""
    try:
        reader = PdfFileReader(io.BytesIO(content), strict=False)
        form = reader.root.get("/AcroForm")
        if form is None:
            return {}
        found = {}
        for kind in ("/Tx", "/Sig"):
            for name, value, _ref in enumerate_fields_in(form.get_object().get("/Fields", generic.ArrayObject()),
                                                         refs_seen=set(), target_field_type=kind):
                found[name] = bool(value)
        return found
    except _READ_ERRORS as exc:
        raise FieldError("unreadable PDF") from exc


def reserve(content: bytes, *, text_fields: Sequence[TextField] = (),
            signature_fields: Sequence[SignatureField] = ()) -> bytes:
    """The document with these empty fields added (an incremental update). Fields that exist already are
    left as they are, so reserving twice changes nothing."""
    try:
        writer = IncrementalPdfFileWriter(io.BytesIO(content), strict=False)
        existing = field_names(content)
        pages = int(writer.root["/Pages"]["/Count"])
        for field in text_fields:
            if field.name not in existing:
                _add_text_field(writer, field, _page_index(field.box.page, pages))
        for field in signature_fields:
            if field.name not in existing:
                fields.append_signature_field(writer, fields.SigFieldSpec(
                    field.name, on_page=_page_index(field.box.page, pages), box=field.box.rect,
                    empty_field_appearance=False))
        output = io.BytesIO()
        writer.write(output)
        return output.getvalue()
    except _READ_ERRORS as exc:
        raise FieldError(str(exc) or "unreadable PDF") from exc


def fill(content: bytes, values: Mapping[str, str], *, styles: Mapping[str, TextField] | None = None) -> bytes:
    """Fill the empty text fields named in ``values`` in one incremental update, each with an appearance
    stream drawn in the stamp's font (Vietnamese glyphs embedded): form filling, which a certification
    signature that permits it stays valid through. ``styles`` gives each field's size and alignment."""
    styles = styles or {}
    try:
        writer = IncrementalPdfFileWriter(io.BytesIO(content), strict=False)
        for name, text in values.items():
            field = styles.get(name)
            align = {"left": layout.AxisAlignment.ALIGN_MIN, "right": layout.AxisAlignment.ALIGN_MAX}.get(
                field.align if field else "centre", layout.AxisAlignment.ALIGN_MID)
            style = TextBoxStyle(
                font=pdfsign.font_factory(italic=bool(field and field.italic)), font_size=field.size if field else 13,
                box_layout_rule=layout.SimpleBoxLayoutRule(
                    x_align=align, y_align=layout.AxisAlignment.ALIGN_MID,
                    inner_content_scaling=layout.InnerScaling.SHRINK_TO_FIT),
            )
            populate_static_text_field(writer, name, style, text)
        output = io.BytesIO()
        writer.write(output)
        return output.getvalue()
    except FormFillingError as exc:
        raise FieldError(str(exc)) from exc
    except _READ_ERRORS as exc:
        raise FieldError(str(exc) or "unreadable PDF") from exc


def _page_index(page: int, pages: int) -> int:
    return page if page >= 0 else pages + page


def _add_text_field(writer: IncrementalPdfFileWriter, field: TextField, page: int) -> None:
    """An empty, printable text field with its widget on ``page`` and a blank appearance."""
    root = writer.root
    if "/AcroForm" not in root:
        root[pdf_name("/AcroForm")] = writer.add_object(generic.DictionaryObject({
            pdf_name("/Fields"): generic.ArrayObject()}))
        writer.update_root()
    form = root["/AcroForm"]
    if "/Fields" not in form:
        form[pdf_name("/Fields")] = generic.ArrayObject()
    page_ref = writer.find_page_for_modification(page)[0]
    blank = RawContent(b"", box=layout.BoxConstraints(width=field.box.width, height=field.box.height))
    widget = generic.DictionaryObject({
        pdf_name("/FT"): pdf_name("/Tx"),
        pdf_name("/T"): pdf_string(field.name),
        pdf_name("/Type"): pdf_name("/Annot"),
        pdf_name("/Subtype"): pdf_name("/Widget"),
        pdf_name("/F"): generic.NumberObject(_PRINT),
        pdf_name("/Rect"): generic.ArrayObject(generic.FloatObject(value) for value in field.box.rect),
        pdf_name("/P"): page_ref,
        pdf_name("/DA"): pdf_string(f"/Helv {field.size:g} Tf 0 g"),
        pdf_name("/AP"): generic.DictionaryObject({pdf_name("/N"): writer.add_object(blank.as_form_xobject())}),
    })
    reference = writer.add_object(widget)
    fields_array = form["/Fields"]
    fields_array.append(reference)
    writer.update_container(fields_array)
    writer.update_container(form)
    writer.register_annotation(page_ref, reference)
