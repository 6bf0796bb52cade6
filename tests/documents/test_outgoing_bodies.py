"""The body of a draft: a PDF (checked like every upload), a Word file converted by LibreOffice — refused
when it is no zip, no Word document or a zip bomb, or when LibreOffice is missing — or the text composed in
the Appendix I layout. Every draft reserves its number, date and signature fields, and every new body is a
new version."""

import io
import shutil
import subprocess
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from documents.errors import DocumentError, DocumentErrorCode
from documents.models import Document, DocumentFile
from documents.services import outgoing
from documents.services.outgoing import bodies
from signatures import pdfforms
from tests.documents.outgoing_helpers import (
    content_of,
    draft,
    pdf_upload,
    recipients_to,
    signed,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("outgoing_env")]
needs_soffice = pytest.mark.skipif(shutil.which("soffice") is None, reason="needs LibreOffice (scripts/system-deps.sh)")
DOCUMENT_XML = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
                '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>'
                '<w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:body></w:document>')
CONTENT_TYPES = ('<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
                 'content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
                 'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName='
                 '"/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.'
                 'document.main+xml"/></Types>')
RELS = ('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
        'relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        'relationships/officeDocument" Target="word/document.xml"/></Relationships>')


def _docx(text: str = "Dự thảo công văn soạn bằng Word", *, extra: dict | None = None) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES)
        archive.writestr("_rels/.rels", RELS)
        archive.writestr("word/document.xml", DOCUMENT_XML.format(text=text))
        for name, data in (extra or {}).items():
            archive.writestr(name, data)
    return buffer.getvalue()


def _text(content: bytes) -> str:
    """The PDF's text as pdftotext reads it, lines joined (a long subject wraps)."""
    out = subprocess.run(["pdftotext", "-", "-"], input=content, capture_output=True, timeout=60).stdout.decode()
    return " ".join(out.split())


def _refused(office, letter_type, other_office, upload) -> DocumentError:
    with pytest.raises(DocumentError) as refused:
        draft(office, letter_type, to=recipients_to(other_office.agency), body="", upload=upload)
    assert not Document.objects.filter(direction="outgoing").exists()
    return refused.value


def test_a_composed_draft_reserves_its_fields_and_reads_as_appendix_i(office, other_office, letter_type):
    document = draft(office, letter_type, to=recipients_to(other_office.agency))
    content = content_of(document, "draft")
    assert pdfforms.field_names(content) == {bodies.FIELD_NUMBER: False, bodies.FIELD_DATE: False,
                                             bodies.FIELD_SIGNER: False, bodies.FIELD_AGENCY: False}
    text = _text(content)
    for line in ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "ỦY BAN NHÂN DÂN",
                 "V/v Trả lời về việc tổ chức ngày hội văn hóa", "Kính gửi: Ủy ban nhân dân xã Bình An.",
                 "Nơi nhận:", "- Lưu: VT, VX.", "TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "Trần Văn Chủ Tịch"):
        assert line in text, line
    assert "Số:" not in text  # the clerk writes it after the signature


def test_a_decision_has_its_type_name_and_subject_as_title(office, other_office, decision_type):
    document = draft(office, decision_type, to=recipients_to(other_office.agency), subject="Về việc khen thưởng",
                     urgency=3, secrecy=0)
    text = _text(content_of(document, "draft"))
    assert "QUYẾT ĐỊNH" in text and "Về việc khen thưởng" in text and "HỎA TỐC" in text
    assert "Kính gửi" not in text


def test_an_uploaded_pdf_gets_its_fields_in_the_margins(certified, other_office, letter_type, tmp_path):
    office = certified
    document = signed(office, letter_type, to=recipients_to(other_office.agency), body="", upload=pdf_upload())
    assert document.source == Document.Source.PDF
    document = outgoing.outgoing_number_and_issue(document=document, actor=office.clerk)
    path = tmp_path / "issued.pdf"
    path.write_bytes(content_of(document))
    text = _text(path.read_bytes())
    assert "Số: 01/UBND-VX" in text and "Dự thảo công văn trả lời" in text
    out = subprocess.run(["pdfsig", "-nocert", str(path)], capture_output=True, text=True, timeout=60).stdout
    assert out.count("Signature Validation: Signature is Valid.") == 2


def test_a_file_that_is_no_pdf_is_refused(office, other_office, letter_type):
    error = _refused(office, letter_type, other_office, SimpleUploadedFile("du-thao.pdf", b"GIF89a not a pdf"))
    assert error.code == DocumentErrorCode.FILE_TYPE and "is not a PDF file" in error.message


def test_a_docx_that_is_no_zip_or_no_word_document_is_refused(office, other_office, letter_type):
    broken = _refused(office, letter_type, other_office, SimpleUploadedFile("du-thao.docx", b"PK\x03\x04 broken"))
    assert broken.code == DocumentErrorCode.DOCX_INVALID and "is not a Word document" in broken.message
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("hello.txt", "not word")
    other = _refused(office, letter_type, other_office, SimpleUploadedFile("du-thao.docx", buffer.getvalue()))
    assert other.code == DocumentErrorCode.DOCX_INVALID


def test_a_zip_bomb_is_refused_before_libreoffice_sees_it(office, other_office, letter_type, monkeypatch):
    monkeypatch.setattr("documents.convert._run", lambda *a, **k: pytest.fail("LibreOffice must not run"))
    bomb = _docx(extra={"word/media/zeros.bin": b"\0" * (30 * 1024 * 1024)})
    assert len(bomb) < 100_000
    error = _refused(office, letter_type, other_office, SimpleUploadedFile("bom.docx", bomb))
    assert error.code == DocumentErrorCode.DOCX_INVALID and "unpacks to far more than its size" in error.message


def test_without_libreoffice_a_word_file_gets_a_clear_message(office, other_office, letter_type, settings):
    settings.DOCUMENTS_SOFFICE = "soffice-that-is-not-installed"
    error = _refused(office, letter_type, other_office, SimpleUploadedFile("du-thao.docx", _docx()))
    assert error.code == DocumentErrorCode.CONVERTER_MISSING and "LibreOffice is not installed" in error.message


@needs_soffice
def test_a_word_draft_is_converted_to_pdf(office, other_office, letter_type):
    document = draft(office, letter_type, to=recipients_to(other_office.agency), body="",
                     upload=SimpleUploadedFile("du-thao.docx", _docx()))
    assert document.source == Document.Source.DOCX
    stored = document.files.get(kind=DocumentFile.Kind.DRAFT)
    assert stored.name == "du-thao.pdf" and "Dự thảo công văn soạn bằng Word" in stored.text
    assert bodies.FIELD_NUMBER in pdfforms.field_names(content_of(document, "draft"))


def test_a_pdf_already_signed_is_refused_as_a_draft(certified, other_office, letter_type):
    office = certified
    document = signed(office, letter_type, to=recipients_to(other_office.agency))
    upload = SimpleUploadedFile("da-ky.pdf", content_of(document, "draft"), content_type="application/pdf")
    with pytest.raises(DocumentError) as refused:
        draft(office, letter_type, to=recipients_to(other_office.agency), body="", upload=upload)
    assert refused.value.code == DocumentErrorCode.PDF_SIGNED


def test_revising_keeps_every_version(office, other_office, letter_type):
    document = draft(office, letter_type, to=recipients_to(other_office.agency))
    outgoing.outgoing_revise(document=document, actor=office.specialist, subject="Trả lời (sửa)", note="Sửa trích yếu")
    outgoing.outgoing_revise(document=document, actor=office.specialist, upload=pdf_upload("v3.pdf"))
    versions = list(document.files.filter(kind="draft").order_by("version").values_list("version", "name"))
    assert versions == [(1, "du-thao.pdf"), (2, "du-thao.pdf"), (3, "v3.pdf")]
    document.refresh_from_db()
    assert document.subject == "Trả lời (sửa)" and document.source == Document.Source.PDF
    with pytest.raises(DocumentError) as refused:
        outgoing.outgoing_revise(document=document, actor=office.other, subject="x")
    assert refused.value.status_code == 403
