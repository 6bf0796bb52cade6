"""The registers of Appendix IV (issue 12 §4): their columns in the decree's order, rows in number order, the
period, what the tracking register reads from the assignments and replies; as PDF and as Excel with text
cells only."""

import datetime as dt
import io
import subprocess
import unicodedata

import openpyxl
import pytest

from documents.exports.registers import COLUMNS, register_pdf, register_sheet, register_xlsx
from documents.models import Participant
from documents.selectors import registers
from documents.selectors.registers import RegisterKind
from tests.documents import cast, register_book
from tests.documents.register_book import FORMULA, outgoing

book = register_book.book  # the fixture

YEAR = (dt.date(2026, 1, 1), dt.date(2026, 12, 31))


media = cast.media  # the fixture


@pytest.fixture(autouse=True)
def _media(media):
    """Files in a temporary directory; quick password hashing for the cast."""
    return media


def poppler_text(content: bytes, *, layout: bool = False) -> str:
    options = ["-layout"] if layout else []
    result = subprocess.run(["pdftotext", *options, "-enc", "UTF-8", "-", "-"], input=content, capture_output=True,
                            check=True)
    return unicodedata.normalize("NFC", result.stdout.decode())


def flat(text: str) -> str:
    return " ".join(text.split())


def test_outgoing_register_rows_in_number_order_within_the_period(office, book):
    rows = registers.outgoing_rows(user=office.clerk, register=office.outgoing, start=YEAR[0], end=YEAR[1])
    assert [r.number for r in rows] == ["01/QĐ-UBND", "02/UBND-VX", "03/UBND-VX", "10/QĐ-UBND"]
    ten = rows[-1]
    assert ten.date == dt.date(2026, 3, 5) and ten.type_and_subject == "Quyết định: Về việc khen thưởng tập thể"
    assert ten.signer == "Trần Văn Chủ Tịch" and ten.copies == 5 and ten.sent_on == dt.date(2026, 3, 5)
    assert ten.recipients == "Ủy ban nhân dân xã Bình An; Phòng Văn hóa - Xã hội; Sở Tài chính"
    assert ten.kept_by == "Văn thư, Phòng Văn hóa - Xã hội"
    march = registers.outgoing_rows(user=office.clerk, register=office.outgoing, start=dt.date(2026, 3, 1),
                                    end=dt.date(2026, 3, 31))
    assert [r.number for r in march] == ["10/QĐ-UBND"]


def test_outgoing_register_pdf_has_the_cover_every_column_and_the_rows_in_order(office, book):
    sheet = register_sheet(user=office.clerk, kind=RegisterKind.OUTGOING, register=office.outgoing,
                           start=YEAR[0], end=YEAR[1])
    content = register_pdf(sheet)
    text = flat(poppler_text(content))
    assert "SỔ ĐĂNG KÝ VĂN BẢN ĐI" in text and "Năm 2026" in text
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text and "ỦY BAN NHÂN DÂN" in text
    assert "Từ ngày 01/01/2026 đến ngày 31/12/2026" in text and "Từ số 01 đến số 10" in text
    assert "SỔ ĐĂNG KÝ VĂN BẢN ĐI — Năm 2026" in text
    words = set(text.split())
    for column in COLUMNS[RegisterKind.OUTGOING]:  # a heading may wrap inside its cell
        assert set(column.label.split()) <= words, column.label
    marks = [text.find(f"({i})") for i in range(1, 11)]
    assert all(m >= 0 for m in marks) and marks == sorted(marks)
    numbers = [text.find(n) for n in ("01/QĐ-UBND", "02/UBND-VX", "03/UBND-VX", "10/QĐ-UBND")]
    assert all(n >= 0 for n in numbers) and numbers == sorted(numbers)
    assert "99/UBND-VX" not in text and "bí mật" not in text
    assert "Tổng số: 4 văn bản." in text


def test_registers_in_excel_are_text_cells_never_formulas(office, book):
    sheet = register_sheet(user=office.clerk, kind=RegisterKind.OUTGOING, register=office.outgoing,
                           start=YEAR[0], end=YEAR[1])
    workbook = openpyxl.load_workbook(io.BytesIO(register_xlsx(sheet)))
    page = workbook.active
    rows = list(page.iter_rows(values_only=True))
    assert rows[0][0] == "ỦY BAN NHÂN DÂN XÃ TÂN HÒA" and rows[1][0] == "SỔ ĐĂNG KÝ VĂN BẢN ĐI — Năm 2026"
    assert list(rows[3]) == [column.label for column in COLUMNS[RegisterKind.OUTGOING]]
    assert rows[4][:3] == ("(1)", "(2)", "(3)")
    assert [r[0] for r in rows[5:]] == ["01/QĐ-UBND", "02/UBND-VX", "03/UBND-VX", "10/QĐ-UBND"]
    assert rows[6][2] == f"Công văn: {FORMULA}" and rows[6][3] == FORMULA
    assert rows[8][8] is None and rows[8][9] is None  # Ký nhận, Ghi chú: for the paper
    for row in page.iter_rows():
        for cell in row:
            assert cell.data_type != "f"
            if isinstance(cell.value, str) and cell.value.startswith("="):
                assert cell.data_type == "s" and cell.quotePrefix
    assert page["D7"].value == FORMULA and page["D7"].quotePrefix


def test_incoming_register_by_incoming_number_with_who_received_it(office, book):
    rows = registers.incoming_rows(user=office.clerk, register=office.incoming, start=YEAR[0], end=YEAR[1])
    assert [r.arrival_number for r in rows] == [1, 2, 3, 4]
    first = rows[0]
    assert first.arrived_on == dt.date(2026, 2, 2) and first.author == "Ủy ban nhân dân xã Bình An"
    assert first.number == "12/UBND-VX" and first.date == dt.date(2026, 1, 30)
    assert first.handed_to == "Phòng Văn hóa - Xã hội; Đỗ Văn Phòng" and first.handed_on == dt.date(2026, 2, 3)
    assert rows[3].handed_to == "" and rows[3].handed_on is None
    text = flat(poppler_text(register_pdf(register_sheet(
        user=office.clerk, kind=RegisterKind.INCOMING, register=office.incoming, start=YEAR[0], end=YEAR[1]))))
    assert "SỔ ĐĂNG KÝ VĂN BẢN ĐẾN — Năm 2026" in text and "Từ số 01 đến số 04" in text
    assert "Về việc cuối năm" not in text


def test_tracking_register_reads_deadlines_progress_and_replies(office, book):
    rows = registers.tracking_rows(user=office.clerk, start=YEAR[0], end=YEAR[1], today=dt.date(2026, 3, 20))
    assert [r.arrival_number for r in rows] == [1, 2, 3, 4]
    answered, late, running, waiting = rows
    assert answered.description == ("Công văn số 12/UBND-VX ngày 30/01/2026 của Ủy ban nhân dân xã Bình An: "
                                    "Về việc phối hợp tổ chức hội thao")
    assert answered.deadline == dt.date(2026, 2, 20) and answered.progress == "Đã giải quyết, đúng hạn"
    assert answered.replies == "03/UBND-VX"
    assert late.progress == "Đã giải quyết, quá hạn" and late.handed_to == "Nguyễn Thị Chuyên"
    assert running.deadline == dt.date(2026, 3, 10) and running.progress == "Quá hạn, chưa giải quyết"
    assert waiting.progress == "Đang giải quyết" and waiting.deadline is None
    early = registers.tracking_rows(user=office.clerk, start=YEAR[0], end=YEAR[1], today=dt.date(2026, 3, 5))
    assert early[2].progress == "Đang giải quyết"
    workbook = openpyxl.load_workbook(io.BytesIO(register_xlsx(register_sheet(
        user=office.clerk, kind=RegisterKind.TRACKING, start=YEAR[0], end=YEAR[1]))))
    rows = list(workbook.active.iter_rows(values_only=True))
    assert rows[3][:6] == ("Số đến", "Tên loại, số, ký hiệu, ngày, tháng và tên cơ quan, tổ chức ban hành văn bản",
                           "Đơn vị hoặc người nhận", "Thời hạn giải quyết", "Tiến độ giải quyết",
                           "Số, ký hiệu văn bản trả lời")
    assert rows[5][0] == "01" and rows[5][3] == "20/02/2026" and rows[5][5] == "03/UBND-VX"


def test_a_secret_register_shows_only_what_its_reader_takes_part_in(office, book):
    found = registers.outgoing_rows(user=office.clerk, register=office.secret_outgoing, start=YEAR[0], end=YEAR[1])
    assert found == []
    Participant.objects.create(document=book["secret"], user=office.clerk, role="clerk")
    found = registers.outgoing_rows(user=office.clerk, register=office.secret_outgoing, start=YEAR[0], end=YEAR[1])
    assert [r.number for r in found] == ["01/QĐ-UBND"]


def test_registers_read_in_a_fixed_number_of_queries(office, book, django_assert_max_num_queries):
    for number in range(20, 30):
        outgoing(office, str(number), "QĐ-UBND", dt.date(2026, 4, 1), type_code="quyet-dinh")
    with django_assert_max_num_queries(3):
        registers.outgoing_rows(user=office.clerk, register=office.outgoing, start=YEAR[0], end=YEAR[1])
    with django_assert_max_num_queries(2):
        registers.incoming_rows(user=office.clerk, register=office.incoming, start=YEAR[0], end=YEAR[1])
    with django_assert_max_num_queries(3):
        registers.tracking_rows(user=office.clerk, start=YEAR[0], end=YEAR[1])
