"""The body of an outgoing draft, always a PDF that reserves its form fields (signatures.pdfforms): the
number (``SoKyHieu``) and the place and date (``NgayBanHanh``) the clerk writes after the leader signed, the
leader's signature (``ChuKyLanhDao``) and the agency's (``ChuKyCoQuan``). From an uploaded PDF, a Word file
converted by LibreOffice (documents.convert), or composed in the portal from the agency's letterhead in the
Appendix I layout (documents.layout.compose), which knows exactly where each goes.

An uploaded file does not say where its number and signature block are: its number and date go into the
top margin of its first page, its signatures at the foot of its last, as for a separate appendix."""

from __future__ import annotations

import os
from dataclasses import dataclass

from django.core.files.uploadedfile import UploadedFile
from django.utils import timezone
from django.utils.translation import gettext as _

from documents import convert
from documents.errors import DocumentError, DocumentErrorCode
from documents.layout import compose, letterhead
from documents.models import Document
from documents.services.outgoing.common import SECRECY_MARKS, URGENCY_MARKS
from documents.uploads import check_pdf, check_pdf_content
from portal import uploads
from signatures import pdfforms

FIELD_NUMBER = "SoKyHieu"
FIELD_DATE = "NgayBanHanh"
FIELD_SIGNER = "ChuKyLanhDao"
FIELD_AGENCY = "ChuKyCoQuan"
SIGNATURE_SIZE = (220, 64)  # points: a stamp at the foot of an uploaded document's last page
MARGIN = 42  # points (15 mm): the right margin; the top margin is 20 mm


@dataclass(frozen=True)
class Body:
    """A draft's body made ready outside the transaction (a Word conversion takes seconds)."""

    content: bytes
    name: str
    source: str


def body_from_upload(upload: UploadedFile, *, field: str = "file") -> Body:
    """A checked PDF, or a Word file converted to one; refused when it carries signatures already (a draft is
    signed in the portal, by its leader)."""
    label = _("Draft")
    name = os.path.basename(upload.name or "")
    head = upload.read(8)
    upload.seek(0)
    if convert.looks_like_docx(head):
        if upload.size is not None and upload.size > uploads.file_limit_bytes():
            check_pdf(upload, label=label, field=field)  # its "too large" message
        content = upload.read(uploads.file_limit_bytes() + 1)
        pdf = convert.docx_to_pdf(content, name=name, field=field)
        checked = check_pdf_content(pdf, name=os.path.splitext(name)[0] + ".pdf", label=label, field=field)
        source = Document.Source.DOCX
    else:
        checked = check_pdf(upload, label=label, field=field)
        source = Document.Source.PDF
    try:
        fields = pdfforms.field_names(checked.content)
    except pdfforms.FieldError:
        fields = None
    if fields is None:
        message = _("The file “%(name)s” is a PDF the portal cannot prepare for signing. Print it to a new PDF "
                    "(“Save as PDF”) and upload that file.") % {"name": name}
        raise DocumentError(message, code=DocumentErrorCode.PDF_FIELDS, extra={"errors": {field: [message]}})
    if any(fields.values()):
        message = _("The file “%(name)s” already carries digital signatures or filled form fields. Upload the "
                    "unsigned draft: the leader signs it in the portal.") % {"name": name}
        raise DocumentError(message, code=DocumentErrorCode.PDF_SIGNED, extra={"errors": {field: [message]}})
    return Body(content=checked.content, name=checked.name, source=source)


def reserved_upload(content: bytes, *, field: str = "file") -> bytes:
    """The uploaded body with its fields: number and date in the top margin of the first page, the
    leader's signature at the foot of the last, the agency's overlapping its left third."""
    try:
        sizes = pdfforms.page_sizes(content)
        first_width, first_height = sizes[0]
        last_width, _last_height = sizes[-1]
        width, height = SIGNATURE_SIZE
        signer_left = last_width - MARGIN - width
        agency_left = signer_left - width * 2 / 3
        return pdfforms.reserve(content, text_fields=[
            pdfforms.TextField(FIELD_NUMBER, pdfforms.Box(0, (85, first_height - 50, 300, first_height - 32)),
                               size=11, align="left"),
            pdfforms.TextField(FIELD_DATE, pdfforms.Box(0, (first_width - MARGIN - 250, first_height - 50,
                                                            first_width - MARGIN, first_height - 32)),
                               size=11, align="right", italic=True),
        ], signature_fields=[
            pdfforms.SignatureField(FIELD_SIGNER, pdfforms.Box(-1, (signer_left, 60, signer_left + width, 60 + height))),
            pdfforms.SignatureField(FIELD_AGENCY, pdfforms.Box(-1, (agency_left, 60, agency_left + width, 60 + height))),
        ])
    except (pdfforms.FieldError, IndexError):
        message = _("This PDF cannot be prepared for signing. Print it to a new PDF (“Save as PDF”) and upload "
                    "that file.")
        raise DocumentError(message, code=DocumentErrorCode.PDF_FIELDS, extra={"errors": {field: [message]}}) from None


def composed(document: Document) -> bytes:
    """The document composed from its details and text in the Appendix I layout, with its fields."""
    agency, is_letter = document.agency, not document.document_type.abbreviation
    recipients = list(document.recipients.select_related("agency", "unit"))
    addressees = [r.name for r in recipients if not r.for_information] if is_letter else []
    informed = [r.name for r in recipients if r.for_information] if is_letter else [r.name for r in recipients]
    places = (["Như trên"] if addressees else []) + informed
    unit = document.drafting_unit.code if document.drafting_unit_id else ""
    result = compose.compose(compose.Composition(
        letterhead=letterhead.for_agency(agency, on=timezone.localdate()),
        type_name="" if is_letter else document.document_type.name, subject=document.subject, body=document.body,
        signer_name=document.signer.full_name if document.signer_id else "",
        authority=[line for line in document.authority_line.splitlines() if line.strip()],
        addressees=addressees, places=places, archive=f"Lưu: VT, {unit}." if unit else "Lưu: VT.",
        urgency=URGENCY_MARKS.get(document.urgency, ""), secrecy=SECRECY_MARKS.get(document.secrecy, ""),
    ))
    return pdfforms.reserve(result.content, text_fields=[
        pdfforms.TextField(FIELD_NUMBER, pdfforms.Box(result.number.page, result.number.rect), size=13),
        pdfforms.TextField(FIELD_DATE, pdfforms.Box(result.date.page, result.date.rect), size=13, italic=True),
    ], signature_fields=[
        pdfforms.SignatureField(FIELD_SIGNER, pdfforms.Box(result.signer.page, result.signer.rect)),
        pdfforms.SignatureField(FIELD_AGENCY, pdfforms.Box(result.agency.page, result.agency.rect)),
    ])


def face_styles(document: Document) -> dict[str, pdfforms.TextField]:
    """How the number and the date are written into the fields: as the header sets them (centred, 13 pt, the
    date in italics) on a composed document; smaller, in the top margin, on an uploaded one."""
    nowhere = pdfforms.Box(0, (0, 0, 0, 0))
    if document.source == Document.Source.COMPOSED:
        return {FIELD_NUMBER: pdfforms.TextField(FIELD_NUMBER, nowhere, size=13),
                FIELD_DATE: pdfforms.TextField(FIELD_DATE, nowhere, size=13, italic=True)}
    return {FIELD_NUMBER: pdfforms.TextField(FIELD_NUMBER, nowhere, size=11, align="left"),
            FIELD_DATE: pdfforms.TextField(FIELD_DATE, nowhere, size=11, align="right", italic=True)}
