"""A work file exported with its documents and their metadata, in time order (Appendix VI Part I §III: "xuất
hồ sơ ... ra định dạng .pdf và .xml theo trình tự thời gian"):

- PDF: the "Mục lục văn bản trong hồ sơ" (the file's metadata and a table of its documents, in the Decree 30
  layout of documents.layout.pdf) followed by each document's main PDF, with a bookmark per document and, in
  the table, the page where each begins. The documents' own signatures are not valid in the bundle (its
  bytes are new): it is a reading copy; the signed originals stay on each document's page.
- XML: the file's Appendix VI Part II §III fields, then each document's Part II §I/§II fields under the same
  names, and its main file (name, size, SHA-256, content in base64). UTF-8, built with ElementTree.

Only the documents the reader may see are exported (documents.permissions): a secret document never leaves
in another official's export. Each exported document records the download in its trail."""

from __future__ import annotations

import base64
import datetime as dt
import io
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass

from django.utils import timezone
from pypdf import PdfReader, PdfWriter
from pypdf.errors import PyPdfError

from accounts.models import User
from documents import events
from documents.layout import letterhead
from documents.layout.pdf import template_pdf
from documents.models import Document, DocumentEvent, DocumentFile, WorkFile
from documents.selectors.workfiles import totals, workfile_documents
from documents.services.files import file_read, main_file

TOC_TITLE = "Mục lục văn bản trong hồ sơ"
NO_FILE = "Chưa có tệp"
# The characters XML 1.0 has no place for (control characters other than tab and line breaks, lone surrogates).
_NOT_XML = re.compile("[^\u0009\u000a\u000d\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
UNREADABLE = "Tệp không đọc được"


@dataclass
class Entry:
    """One document of the export: its row in the table of contents and its main file."""

    ordinal: int
    document: Document
    stored: DocumentFile | None
    content: bytes | None = None
    pages: int = 0
    start_page: int | None = None
    note: str = ""

    @property
    def number(self) -> str:
        return self.document.number_display

    @property
    def date(self) -> dt.date:
        return self.document.filed_on

    @property
    def author(self) -> str:
        return self.document.organ_name or self.document.agency.name

    @property
    def type_name(self) -> str:
        return self.document.document_type.name

    @property
    def subject(self) -> str:
        return self.document.subject

    @property
    def page_amount(self) -> int | None:
        return self.document.page_amount


def entries_for(user: User, work_file: WorkFile, *, with_content: bool) -> list[Entry]:
    entries = []
    for ordinal, document in enumerate(workfile_documents(user, work_file).prefetch_related(
            "recipients__agency", "recipients__unit", "assignments__unit", "assignments__user"),
                                       start=1):
        stored = main_file(document)
        entry = Entry(ordinal=ordinal, document=document, stored=stored, note="" if stored else NO_FILE)
        if stored is not None and with_content:
            entry.content = file_read(stored)
        entries.append(entry)
    return entries


def record_export(user: User, entries: list[Entry], *, work_file: WorkFile, what: str) -> None:
    """Each exported document's access history: downloaded, as part of this file's export."""
    for entry in entries:
        events.record(entry.document, kind=DocumentEvent.Kind.DOWNLOADED, actor=user, from_state=entry.document.state,
                      note=work_file.file_code, data={"what": what, "work_file": str(work_file.uuid)})


def _readers(entries: list[Entry]) -> list[tuple[Entry, PdfReader]]:
    readable = []
    for entry in entries:
        if entry.content is None:
            continue
        try:
            reader = PdfReader(io.BytesIO(entry.content), strict=False)
            entry.pages = len(reader.pages)
        except (PyPdfError, ValueError, KeyError, TypeError, OSError):
            entry.note = UNREADABLE
            continue
        readable.append((entry, reader))
    return readable


def _toc(user: User, work_file: WorkFile, entries: list[Entry], *, toc_pages: int) -> bytes:
    page = toc_pages + 1
    for entry in entries:
        entry.start_page = page if entry.pages else None
        page += entry.pages
    doc_total, page_total = totals(entry.document for entry in entries)
    context = {
        "work_file": work_file, "rows": entries, "doc_total": doc_total, "page_total": page_total,
        "creator": work_file.creator.full_name or work_file.creator.username, "reader": user.full_name,
        "exported_at": timezone.localtime(), "letterhead": letterhead.for_agency(work_file.agency), "number": None,
    }
    return template_pdf("documents/exports/workfile_toc.html", context,
                        title=f"{TOC_TITLE} {work_file.file_code}")


def workfile_pdf(*, work_file: WorkFile, user: User) -> bytes:
    """The table of contents, then the documents' main PDFs in time order; the view is recorded."""
    entries = entries_for(user, work_file, with_content=True)
    readers = _readers(entries)
    toc, toc_pages = b"", 1
    for _attempt in range(3):  # the table's page numbers depend on its own length: settle it
        toc = _toc(user, work_file, entries, toc_pages=toc_pages)
        counted = len(PdfReader(io.BytesIO(toc)).pages)
        if counted == toc_pages:
            break
        toc_pages = counted
    writer = PdfWriter()
    writer.append(PdfReader(io.BytesIO(toc)), outline_item=TOC_TITLE)
    for entry, reader in readers:
        writer.append(reader, outline_item=f"{entry.ordinal}. {entry.number or entry.subject[:60]}")
    writer.add_metadata({"/Title": f"{TOC_TITLE} {work_file.file_code}", "/Creator": "Cổng Một Cửa"})
    output = io.BytesIO()
    writer.write(output)
    record_export(user, entries, work_file=work_file, what="work_file_pdf")
    return output.getvalue()


def _text(parent: ET.Element, name: str, value) -> ET.Element:
    """A child element with the value as text: dates in ISO 8601, characters XML 1.0 cannot carry dropped."""
    element = ET.SubElement(parent, name)
    if isinstance(value, dt.date):
        element.text = value.isoformat()
    elif value is not None:
        element.text = _NOT_XML.sub("", str(value))
    return element


def _file_code(parent: ET.Element, work_file: WorkFile) -> None:
    code = ET.SubElement(parent, "FileCode")
    _text(code, "OrganId", work_file.agency.code)
    _text(code, "FileCatalog", work_file.year)
    _text(code, "FileNotation", work_file.notation)


def _document(parent: ET.Element, work_file: WorkFile, entry: Entry) -> None:
    document = entry.document
    element = ET.SubElement(parent, "Document")
    _file_code(element, work_file)
    _text(element, "DocOrdinal", entry.ordinal)
    _text(element, "Direction", document.direction)
    _text(element, "OrganId", document.organ_id or document.agency.code)
    _text(element, "OrganName", document.organ_name or document.agency.name)
    _text(element, "TypeName", document.document_type.name)
    _text(element, "CodeNumber", document.code_number)
    _text(element, "CodeNotation", document.code_notation)
    _text(element, "IssuedDate", document.issued_date)
    _text(element, "Subject", document.subject)
    _text(element, "Language", document.language)
    _text(element, "PageAmount", document.page_amount)
    _text(element, "Description", document.description)
    signer = ET.SubElement(element, "SignerInfo")
    _text(signer, "Position", document.signer_position)
    _text(signer, "FullName", document.signer_name)
    _text(element, "Priority", document.priority)
    if document.direction == Document.Direction.INCOMING:
        _text(element, "ArrivalDate", timezone.localdate(document.arrival_at) if document.arrival_at else None)
        _text(element, "ArrivalNumber", document.arrival_number)
        _text(element, "ToPlaces", "; ".join(
            assignment.user.full_name if assignment.user_id else assignment.unit.name
            for assignment in document.assignments.all() if assignment.parent_id is None))
        _text(element, "TraceHeaderList", document.direction_note)
    else:
        for recipient in document.recipients.all():
            to = ET.SubElement(element, "To")
            _text(to, "OrganId", recipient.agency.code if recipient.agency_id else recipient.external_organ_id)
            _text(to, "OrganName", recipient.name)
        _text(element, "IssuedAmount", document.issued_amount)
    _text(element, "DueDate", document.due_date)
    if entry.stored is not None:
        stored = ET.SubElement(element, "File")
        _text(stored, "Name", entry.stored.name)
        _text(stored, "Size", entry.stored.size)
        _text(stored, "Sha256", entry.stored.sha256)
        content = _text(stored, "Content", base64.b64encode(entry.content or b"").decode("ascii"))
        content.set("encoding", "base64")
        content.set("mediaType", "application/pdf")


def workfile_xml(*, work_file: WorkFile, user: User) -> bytes:
    """The file's and its documents' Appendix VI metadata with their main files, in time order (UTF-8)."""
    entries = entries_for(user, work_file, with_content=True)
    doc_total, page_total = totals(entry.document for entry in entries)
    root = ET.Element("WorkFile")
    _file_code(root, work_file)
    _text(root, "Title", work_file.title)
    _text(root, "Maintenance", work_file.maintenance)
    _text(root, "Rights", work_file.rights)
    _text(root, "Creator", work_file.creator.full_name or work_file.creator.username)
    _text(root, "Language", work_file.language)
    _text(root, "StartDate", work_file.start_date)
    _text(root, "EndDate", work_file.end_date)
    _text(root, "DocTotal", doc_total)
    _text(root, "PageTotal", page_total)
    _text(root, "Description", work_file.description)
    documents = ET.SubElement(root, "Documents")
    for entry in entries:
        _document(documents, work_file, entry)
    ET.indent(root)
    record_export(user, entries, work_file=work_file, what="work_file_xml")
    return ET.tostring(root, encoding="UTF-8", xml_declaration=True)
