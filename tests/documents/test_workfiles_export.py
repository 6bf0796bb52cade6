"""A work file exported with its documents and metadata, in time order (Appendix VI Part I §III): the PDF's
table of contents and documents (read back with pdftotext), the XML's Appendix VI names; the list of files."""

import base64
import datetime as dt
import hashlib
import io

import pytest
from defusedxml import ElementTree
from django.urls import reverse
from openpyxl import load_workbook
from pypdf import PdfReader

from documents.models import DocumentEvent, WorkFileEntry
from documents.services import workfiles as services
from tests.documents.cast import document_make, media, pdf_text  # noqa: F401 (fixture)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media")]


@pytest.fixture
def filled(office):
    """A file with three documents added out of order; a fourth, secret, seen only by the leader."""
    work_file = services.workfile_open(user=office.leader, notation="VX.12", title="Hồ sơ Lễ hội Bạch Đằng 2026",
                                       maintenance="Vĩnh viễn", rights="Công khai", unit=office.culture,
                                       start_date=dt.date(2026, 2, 2), description="Tổ chức lễ hội truyền thống")
    late = document_make(office, subject="Báo cáo kết quả tổ chức lễ hội", issued=dt.date(2026, 4, 20), pages=2,
                         number="45", notation="BC-UBND", unit=office.culture)
    early = document_make(office, subject="Kế hoạch tổ chức lễ hội", issued=dt.date(2026, 2, 3), pages=3,
                          number="12", notation="KH-UBND", unit=office.culture)
    middle = document_make(office, subject="Giấy mời dự lễ khai mạc", issued=dt.date(2026, 3, 10), pages=1,
                           number="30", notation="GM-UBND", unit=office.culture)
    secret = document_make(office, subject="Phương án bảo đảm an ninh lễ hội", issued=dt.date(2026, 3, 1), pages=4,
                           secrecy=1, participants=[office.leader])
    for document in (late, early, middle, secret):
        services.workfile_document_add(work_file=work_file, document=document, user=office.leader)
    return work_file, [early, secret, middle, late]


def test_the_pdf_has_the_table_of_contents_then_the_documents_in_time_order(client, office, filled):
    work_file, (early, secret, middle, late) = filled
    client.force_login(office.leader)
    answer = client.get(reverse("documents:workfile-export", args=[work_file.uuid, "pdf"]))
    assert answer.status_code == 200 and answer["Content-Type"] == "application/pdf"
    assert answer["X-Content-Type-Options"] == "nosniff"
    content = b"".join(answer.streaming_content)
    reader = PdfReader(io.BytesIO(content))
    # The table of contents, then 3 + 4 + 1 + 2 pages of documents.
    toc_pages = len(reader.pages) - 10
    assert toc_pages >= 1
    toc = "\n".join(reader.pages[index].extract_text() for index in range(toc_pages))
    text = pdf_text(content)
    assert "MỤC LỤC VĂN BẢN TRONG HỒ SƠ" in text
    assert "000.00.31.H01.2026.VX.12" in text and "Vĩnh viễn" in text and "Công khai" in text
    assert "Tổng số văn bản" in text and "Tổng số trang" in text
    for number in ("12/KH-UBND", "30/GM-UBND", "45/BC-UBND"):
        assert number in toc, toc
    bodies = [text.index(f"{document.subject} — trang 1") for document in (early, secret, middle, late)]
    assert bodies == sorted(bodies), "the documents follow in time order"
    # Each row says the page of the bundle where its document begins.
    starts = [toc_pages + 1, toc_pages + 4, toc_pages + 8, toc_pages + 9]
    for document, start in zip((early, secret, middle, late), starts, strict=True):
        assert f"{document.subject} — trang 1" in reader.pages[start - 1].extract_text()
    outline = [item.title for item in reader.outline]
    assert outline[0] == "Mục lục văn bản trong hồ sơ" and outline[1].startswith("1. 12/KH-UBND")
    assert set(DocumentEvent.objects.filter(kind="downloaded", actor=office.leader).values_list(
        "document", flat=True)) == {early.pk, secret.pk, middle.pk, late.pk}


def test_a_reader_who_may_not_see_the_secret_document_gets_the_file_without_it(client, office, filled):
    work_file, (early, secret, middle, late) = filled
    client.force_login(office.clerk)  # sees the file (open to the agency) but not the secret document
    content = b"".join(client.get(reverse("documents:workfile-export", args=[work_file.uuid, "pdf"]))
                       .streaming_content)
    text = pdf_text(content)
    assert secret.subject not in text and early.subject in text and late.subject in text
    xml = b"".join(client.get(reverse("documents:workfile-export", args=[work_file.uuid, "xml"])).streaming_content)
    assert secret.subject.encode() not in xml
    root = ElementTree.fromstring(xml)
    assert (root.findtext("DocTotal"), root.findtext("PageTotal")) == ("3", "6")
    page = client.get(reverse("documents:workfile", args=[work_file.uuid])).content.decode()
    assert secret.subject not in page and early.subject in page
    assert not secret.events.filter(actor=office.clerk).exists()


def test_the_xml_carries_the_appendix_vi_names_in_time_order(client, office, filled):
    work_file, (early, secret, middle, late) = filled
    client.force_login(office.leader)
    answer = client.get(reverse("documents_api:workfile-export", args=[work_file.uuid, "xml"]))
    assert answer.status_code == 200 and answer["Content-Type"] == "application/xml"
    assert answer.content.startswith(b"<?xml version='1.0' encoding='UTF-8'?>")
    root = ElementTree.fromstring(answer.content)
    assert [child.tag for child in root][:12] == [
        "FileCode", "Title", "Maintenance", "Rights", "Creator", "Language", "StartDate", "EndDate", "DocTotal",
        "PageTotal", "Description", "Documents"]
    code = root.find("FileCode")
    assert (code.findtext("OrganId"), code.findtext("FileCatalog"), code.findtext("FileNotation")) == (
        "000.00.31.H01", "2026", "VX.12")
    assert root.findtext("Title") == "Hồ sơ Lễ hội Bạch Đằng 2026" and root.findtext("Maintenance") == "Vĩnh viễn"
    assert root.findtext("Creator") == office.leader.full_name and root.findtext("StartDate") == "2026-02-02"
    assert (root.findtext("DocTotal"), root.findtext("PageTotal")) == ("4", "10")
    documents = root.find("Documents").findall("Document")
    assert [d.findtext("Subject") for d in documents] == [early.subject, secret.subject, middle.subject, late.subject]
    first = documents[0]
    for name in ("OrganId", "CodeNumber", "CodeNotation", "IssuedDate", "TypeName", "Subject", "PageAmount",
                 "DocOrdinal", "Priority", "SignerInfo/Position", "SignerInfo/FullName"):
        assert first.find(name) is not None, name
    assert (first.findtext("CodeNumber"), first.findtext("CodeNotation"), first.findtext("IssuedDate")) == (
        "12", "KH-UBND", "2026-02-03")
    assert first.findtext("SignerInfo/FullName") == "Nguyễn Văn Ký" and first.findtext("TypeName") == "Công văn"
    stored = early.files.get()
    content = first.find("File/Content")
    assert content.get("encoding") == "base64"
    assert hashlib.sha256(base64.b64decode(content.text)).hexdigest() == stored.sha256 == first.findtext(
        "File/Sha256")


def test_an_export_of_another_agencys_file_is_not_found(client, other_office, filled):
    work_file, _documents = filled
    client.force_login(other_office.leader)
    for fmt in ("pdf", "xml"):
        assert client.get(reverse("documents:workfile-export", args=[work_file.uuid, fmt])).status_code == 404
    assert client.get(reverse("documents_api:workfile-export", args=[work_file.uuid, "xml"])).status_code == 404
    assert not DocumentEvent.objects.filter(actor=other_office.leader).exists()


def test_the_list_of_files_as_excel_and_pdf(client, office, filled):
    work_file, _documents = filled
    services.workfile_open(user=office.clerk, notation="01", title="=1+1 công thức", maintenance="05 năm",
                           start_date=dt.date(2026, 1, 5))
    client.force_login(office.clerk)
    answer = client.get(reverse("documents:workfiles"), {"year": "2026", "format": "xlsx"})
    assert answer.status_code == 200
    sheet = load_workbook(io.BytesIO(b"".join(answer.streaming_content))).active
    rows = [[cell.value for cell in row] for row in sheet.iter_rows(min_row=3)]
    assert [row[1] for row in rows] == ["000.00.31.H01.2026.01", "000.00.31.H01.2026.VX.12"]
    assert rows[0][2] == "=1+1 công thức" and sheet.cell(row=3, column=3).data_type == "s"
    assert rows[1][6:8] == [3, 6]  # the clerk does not see the secret document: 3 documents, 6 pages
    answer = client.get(reverse("documents:workfiles"), {"year": "2026", "format": "pdf"})
    text = pdf_text(b"".join(answer.streaming_content))
    assert "MỤC LỤC HỒ SƠ NĂM 2026" in text and "Hồ sơ Lễ hội Bạch Đằng 2026" in text


def test_an_empty_file_exports_its_metadata(client, office):
    work_file = services.workfile_open(user=office.clerk, notation="02", title="Hồ sơ chưa có văn bản",
                                       maintenance="05 năm")
    client.force_login(office.clerk)
    text = pdf_text(b"".join(client.get(reverse("documents:workfile-export", args=[work_file.uuid, "pdf"]))
                             .streaming_content))
    assert "Hồ sơ chưa có văn bản" in text and "Hồ sơ chưa có văn bản nào." in text
    assert not WorkFileEntry.objects.exists()
