"""The reports on incoming and outgoing documents (issue 12 §4; Appendix VI Part I §V): counted by lead unit
and in total, by type and by drafting unit; as PDF and Excel."""

import datetime as dt
import io

import openpyxl
import pytest

from documents.exports import reports as exports
from documents.selectors.reports import incoming_report, outgoing_report
from tests.documents import cast, register_book
from tests.documents.test_registers import flat, poppler_text

book = register_book.book  # the fixture
YEAR = (dt.date(2026, 1, 1), dt.date(2026, 12, 31))


media = cast.media  # the fixture


@pytest.fixture(autouse=True)
def _media(media):
    """Files in a temporary directory; quick password hashing for the cast."""
    return media


def as_dicts(report):
    return {line.name: (line.received, line.done_on_time, line.done_late, line.in_progress, line.overdue)
            for line in report.lines}


def test_incoming_report_by_lead_unit_and_in_total(office, book):
    report = incoming_report(user=office.clerk, start=YEAR[0], end=YEAR[1], today=dt.date(2026, 3, 20))
    # The late one was given to a person: it counts for her unit.
    assert as_dicts(report) == {
        "Phòng Văn hóa - Xã hội": (2, 1, 1, 0, 0),
        "Văn phòng": (1, 0, 0, 0, 1),
        "Chưa giao đơn vị chủ trì": (1, 0, 0, 1, 0),
    }
    total = report.total
    assert (total.received, total.done_on_time, total.done_late, total.in_progress, total.overdue) == (4, 1, 1, 1, 1)
    early = incoming_report(user=office.clerk, start=YEAR[0], end=YEAR[1], today=dt.date(2026, 3, 5))
    assert as_dicts(early)["Văn phòng"] == (1, 0, 0, 1, 0)
    february = incoming_report(user=office.clerk, start=dt.date(2026, 2, 1), end=dt.date(2026, 2, 28),
                               today=dt.date(2026, 3, 20))
    assert february.total.received == 2 and february.total.done == 2


def test_outgoing_report_by_type_and_by_drafting_unit(office, book):
    report = outgoing_report(user=office.clerk, start=YEAR[0], end=YEAR[1])
    by_type = {line.name: (line.issued, line.urgent, line.recalled) for line in report.by_type}
    assert by_type == {"Quyết định": (2, 1, 0), "Công văn": (2, 0, 1)}
    assert [line.name for line in report.by_type] == ["Quyết định", "Công văn"]  # the decree's order
    by_unit = {line.name: (line.issued, line.urgent, line.recalled) for line in report.by_unit}
    assert by_unit == {"Phòng Văn hóa - Xã hội": (3, 1, 1), "Văn phòng": (1, 0, 0)}
    assert (report.total.issued, report.total.urgent, report.total.recalled) == (4, 1, 1)


def test_reports_count_in_a_fixed_number_of_queries(office, book, django_assert_max_num_queries):
    with django_assert_max_num_queries(2):
        incoming_report(user=office.clerk, start=YEAR[0], end=YEAR[1])
    with django_assert_max_num_queries(4):
        outgoing_report(user=office.clerk, start=YEAR[0], end=YEAR[1])


def test_reports_as_pdf_and_excel(office, book):
    report = incoming_report(user=office.clerk, start=YEAR[0], end=YEAR[1], today=dt.date(2026, 3, 20))
    text = flat(poppler_text(exports.incoming_pdf(report, agency=office.agency)))
    assert "BÁO CÁO TÌNH HÌNH GIẢI QUYẾT VĂN BẢN ĐẾN" in text and "Từ ngày 01/01/2026 đến ngày 31/12/2026" in text
    assert "Phòng Văn hóa - Xã hội" in text and "Tổng số" in text and "Số liệu tính đến ngày 20/03/2026" in text
    rows = list(openpyxl.load_workbook(io.BytesIO(exports.incoming_xlsx(report, agency=office.agency)))
                .active.iter_rows(values_only=True))
    assert rows[1][0] == "BÁO CÁO TÌNH HÌNH GIẢI QUYẾT VĂN BẢN ĐẾN"
    assert rows[4] == exports.INCOMING_COLUMNS
    assert rows[-1] == ("Tổng số", "4", "1", "1", "1", "1", "0")
    outgoing = outgoing_report(user=office.clerk, start=YEAR[0], end=YEAR[1])
    text = flat(poppler_text(exports.outgoing_pdf(outgoing, agency=office.agency)))
    assert "BÁO CÁO GIẢI QUYẾT VĂN BẢN ĐI" in text and "Quyết định" in text and "Đơn vị soạn thảo" in text
    book_ = openpyxl.load_workbook(io.BytesIO(exports.outgoing_xlsx(outgoing, agency=office.agency)))
    cells = [cell for row in book_.active.iter_rows() for cell in row if cell.value is not None]
    assert all(cell.data_type == "s" for cell in cells)
