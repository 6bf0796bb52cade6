"""The dossier's PDF slips (forms 01–06), the generated result and the tracking book (form 07): what a
reader of the printed page sees, in Vietnamese with its diacritics, whatever the UI language."""

from __future__ import annotations

import datetime as dt
import io
import unicodedata
from zoneinfo import ZoneInfo

import openpyxl
import pytest
import time_machine
from pypdf import PdfReader

from dossiers.errors import DossierNotFound
from dossiers.models import Dossier
from dossiers.selectors import dossier_get_for
from dossiers.services import (
    dossier_extend,
    dossier_refuse,
    dossier_request_supplement,
    dossier_return,
    dossier_stop,
    dossier_supplement,
    step_complete,
    step_return,
    step_take,
)
from dossiers.slips import result_pdf, slip_forms, slip_pdf, tracking_book_pdf, tracking_book_xlsx
from tests.dossiers.factories import pdf_upload, received, result_ready, submitted

HCM = ZoneInfo("Asia/Ho_Chi_Minh")
# Tuesday 1 December 2026, 08:30 in Hạ Long: a working day with working days after it.
MORNING = dt.datetime(2026, 12, 1, 8, 30, tzinfo=HCM)


def pdf_text(content: bytes) -> str:
    assert content.startswith(b"%PDF-")
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)
    return " ".join(unicodedata.normalize("NFC", text).split())


def fresh(world, dossier, user=None) -> Dossier:
    """The dossier as the download view loads it (prefetched history)."""
    return dossier_get_for(user=user or world.officer, uuid=dossier.uuid)


@pytest.fixture
def frozen():
    with time_machine.travel(MORNING, tick=False) as traveller:
        yield traveller


def test_receipt_slip_names_the_dossier_the_papers_and_the_appointment(world, frozen):
    dossier = fresh(world, received(world))
    text = pdf_text(slip_pdf(dossier, "01"))
    assert "Mẫu số 01" in text
    assert "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ" in text
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text and "Độc lập - Tự do - Hạnh phúc" in text
    assert "UBND PHƯỜNG HẠ LONG" in text
    assert "TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG PHƯỜNG HẠ LONG" in text.replace("CHÍNH CÔNG", "CHÍNH CÔNG")
    assert "Hạ Long, ngày 01 tháng 12 năm 2026" in text
    assert f"Mã hồ sơ: {dossier.code}" in text
    assert "Nguyễn Văn An" in text and "022090012345" in text
    assert "Đăng ký khai sinh" in text
    assert "Tờ khai đăng ký khai sinh" in text and "Giấy chứng sinh" in text
    assert "giay-chung-sinh.pdf" in text
    assert "Văn bản ủy quyền" not in text  # optional, not brought
    assert "3 ngày làm việc" in text
    assert "08 giờ 30 phút, ngày 01/12/2026" in text
    due = dossier.due_at.astimezone(HCM)
    assert f"ngày {due:%d/%m/%Y}" in text and due.date() == dt.date(2026, 12, 4)
    assert "NGƯỜI TIẾP NHẬN HỒ SƠ" in text and "Lê Văn Cường" in text
