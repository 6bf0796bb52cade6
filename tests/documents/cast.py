"""Documents made directly with the models, for the work file, export and access tests: each with a main PDF
whose text names it, so a test can find it in an export with pdftotext."""

from __future__ import annotations

import datetime as dt
import subprocess
import tempfile

import pytest
from fpdf import FPDF

from documents.models import Assignment, Document, DocumentFile, DocumentType, Participant
from documents.services.files import file_store
from portal.fonts import pdf_faces


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # argon2 is slow; many users
    return settings.MEDIA_ROOT


def pdf_with(text: str, *, pages: int = 1) -> bytes:
    """A PDF of ``pages`` pages, each saying "<text> — trang <n>"."""
    pdf = FPDF(format="A4")
    pdf.add_font("Body", "", pdf_faces().regular)
    pdf.set_font("Body", size=13)
    for page in range(1, pages + 1):
        pdf.add_page()
        pdf.multi_cell(0, 8, f"{text} — trang {page}")
    return bytes(pdf.output())


def pdf_text(content: bytes) -> str:
    with tempfile.NamedTemporaryFile(suffix=".pdf") as handle:
        handle.write(content)
        handle.flush()
        return subprocess.run(["pdftotext", "-layout", handle.name, "-"], capture_output=True, check=True,
                              text=True).stdout


def document_make(office, *, subject: str, secrecy: int = 0, issued: dt.date | None = None, pages: int | None = 1,
                  direction: str = Document.Direction.INCOMING, state: str = Document.State.REGISTERED,
                  number: str = "", notation: str = "", unit=None, user=None, participants=(), with_file: bool = True,
                  organ_name: str = "UBND tỉnh Quảng Ninh") -> Document:
    """A document of ``office``'s agency, given (assignment) to ``unit`` and/or ``user``, with explicit
    ``participants``; its main PDF says its subject."""
    document = Document.objects.create(
        agency=office.agency, direction=direction, state=state, subject=subject, secrecy=secrecy,
        document_type=DocumentType.objects.get(code="cong-van"), code_number=number, code_notation=notation,
        issued_date=issued, page_amount=pages, organ_id="000.00.00.H22", organ_name=organ_name,
        signer_position="Phó Chủ tịch", signer_name="Nguyễn Văn Ký", created_by=office.clerk)
    if unit is not None:
        Assignment.objects.create(document=document, unit=unit, role="lead", assigned_by=office.leader)
    if user is not None:
        Assignment.objects.create(document=document, user=user, role="lead", assigned_by=office.leader)
    for participant in participants:
        Participant.objects.create(document=document, user=participant, role=Participant.Role.HANDLER)
    if with_file:
        file_store(document=document, kind=DocumentFile.Kind.MAIN, name=f"{subject[:30]}.pdf",
                   content=pdf_with(subject, pages=pages or 1), user=office.clerk)
    return document
