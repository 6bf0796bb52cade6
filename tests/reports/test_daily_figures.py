"""The daily report's figures against dossiers made by hand (reports/daily/figures.py's rules), as the PDF and
the workbook show them."""

from __future__ import annotations

import io
import unicodedata

import openpyxl
import pytest
from pypdf import PdfReader

from dossiers.models import Dossier
from reports.daily.figures import daily_figures
from reports.daily.services import daily_report_build
from tests.reports.world import BUILT, DAY, at, dossier

pytestmark = pytest.mark.django_db
S, C = Dossier.State, Dossier.Channel


def pdf_text(content: bytes) -> str:
    assert content.startswith(b"%PDF-")
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)
    return " ".join(unicodedata.normalize("NFC", text).split())


@pytest.fixture
def history(world):
    """Tuesday 8 December 2026 and the days before it."""
    made = {
        # Received today: online (open, due Friday), at the counter (resolved on time), by post at the other
        # commune for the other agency (open, due tomorrow: due soon).
        "online": dossier(world, received=at(8, 9), due=at(11, 17)),
        "counter": dossier(world, channel=C.COUNTER, state=S.RESULT_READY, received=at(8, 10), due=at(10, 17),
                           ready=at(8, 15)),
        "post": dossier(world, channel=C.POST, centre=world.centre_b, version=world.version_y, received=at(8, 8),
                        due=at(9, 17)),
        # Resolved today, a day late.
        "late": dossier(world, state=S.RESULT_READY, received=at(3, 9), due=at(7, 17), ready=at(8, 11)),
        # Open and overdue since Friday.
        "overdue": dossier(world, channel=C.COUNTER, received=at(2, 9), due=at(4, 17)),
        # Past its due date but waiting for the applicant's supplement: its clock stands still.
        "paused": dossier(world, state=S.SUPPLEMENT_REQUESTED, received=at(1, 9), due=at(3, 17)),
        # Received and resolved last month.
        "november": dossier(world, state=S.RETURNED, received=at(20, 9, month=11), due=at(27, 17, month=11),
                            ready=at(25, 9, month=11), closed=at(26, 9, month=11)),
        # Resolved on time last Friday at the other commune.
        "friday": dossier(world, state=S.RETURNED, centre=world.centre_b, version=world.version_y,
                          received=at(3, 9), due=at(10, 17), ready=at(4, 9), closed=at(4, 10)),
        # Stopped before its due date passed.
        "stopped": dossier(world, state=S.STOPPED, received=at(1, 9), due=at(5, 17), closed=at(2, 9)),
    }
    return made


def test_the_province_the_communes_and_the_agencies(world, history):
    figures = daily_figures(day=DAY, now=BUILT)
    total = figures["dossiers"]["total"]
    assert {key: total[key] for key in ("received_day", "online", "counter", "post", "resolved_day", "on_time_day",
                                        "late_day")} == {
        "received_day": 3, "online": 1, "counter": 1, "post": 1, "resolved_day": 2, "on_time_day": 1, "late_day": 1}
    assert {key: total[key] for key in ("received", "resolved", "on_time", "late", "overdue", "due_soon")} == {
        "received": 8, "resolved": 3, "on_time": 2, "late": 1, "overdue": 1, "due_soon": 1}

    communes = {line["name"]: line for line in figures["dossiers"]["communes"]}
    assert list(communes) == ["Phường Hạ Long", "Xã Quảng Tân"]
    assert (communes["Phường Hạ Long"]["received_day"], communes["Phường Hạ Long"]["received"]) == (2, 6)
    assert (communes["Xã Quảng Tân"]["received"], communes["Xã Quảng Tân"]["on_time"],
            communes["Xã Quảng Tân"]["due_soon"]) == (2, 1, 1)
    agencies = {line["name"]: line for line in figures["dossiers"]["agencies"]}
    assert agencies["Sở Tư pháp"]["overdue"] == 1 and agencies["Sở Xây dựng"]["overdue"] == 0
    assert [row["code"] for row in figures["most_overdue"]] == [history["overdue"].code]
    assert figures["most_overdue"][0]["late_days"] == "2.0"  # Friday 17:00 to Tuesday 17:00: Monday and Tuesday

    by_day = {day: (received, resolved) for day, received, resolved in figures["by_day"]}
    assert len(by_day) == 8 and by_day["2026-12-08"] == (3, 2) and by_day["2026-12-03"] == (2, 0)
    assert by_day["2026-12-04"] == (0, 1)


def test_a_report_for_an_earlier_day_counts_what_was_open_then(world, history):
    figures = daily_figures(day=DAY.replace(day=4), now=BUILT)
    total = figures["dossiers"]["total"]
    # Friday 4th, 24:00: "late" (due Monday) and "overdue" (due Friday 17:00, no result) were open; the Friday
    # dossier was resolved that morning; "stopped" was closed on the 2nd.
    assert (total["received_day"], total["resolved_day"], total["on_time_day"]) == (0, 1, 1)
    assert total["overdue"] == 1 and total["received"] == 5


def test_the_pdf_reads_as_an_official_report(world, history):
    report = daily_report_build(day=DAY, now=BUILT, send=False)
    text = pdf_text(report.pdf.read())
    for expected in (
        "UBND TỈNH QUẢNG NINH", "VĂN PHÒNG", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Số: ……/BC-VPUBND",
        "Quảng Ninh, ngày 08 tháng 12 năm 2026", "BÁO CÁO",
        "Tình hình tiếp nhận, giải quyết hồ sơ thủ tục hành chính ngày 08/12/2026",
        "Kính gửi: Ủy ban nhân dân tỉnh Quảng Ninh.",
        "toàn tỉnh tiếp nhận 3 hồ sơ (trực tuyến 1, trực tiếp 1, qua dịch vụ bưu chính công ích 1)",
        "giải quyết xong 2 hồ sơ, trong đó đúng hạn 1 hồ sơ (tỷ lệ 50 %)",
        "Từ đầu tháng đến nay tiếp nhận 8 hồ sơ; giải quyết xong 3 hồ sơ, đúng hạn 2, quá hạn 1 (tỷ lệ đúng hạn 66,7 %)",
        "Hiện có 1 hồ sơ đang giải quyết đã quá hạn và 1 hồ sơ đến hạn trong 02 ngày làm việc tới",
        "2. Theo xã, phường, đặc khu", "Xã Quảng Tân", "3. Theo cơ quan giải quyết", "Sở Xây dựng",
        history["overdue"].code, "Biểu đồ 1.", "Biểu đồ 3.", "Hệ thống không ghi nhận sự cố nào.",
        "Nơi nhận:", "- Lưu: VT.", "CHÁNH VĂN PHÒNG", "Bùi Thị Lan",
    ):
        assert expected in text, expected
    assert history["paused"].code not in text


def test_the_workbook_holds_the_same_figures_and_its_charts(world, history):
    report = daily_report_build(day=DAY, now=BUILT, send=False)
    book = openpyxl.load_workbook(io.BytesIO(report.xlsx.read()))
    assert book.sheetnames == ["Tổng hợp", "Theo xã", "Theo cơ quan", "Hồ sơ quá hạn", "Đồng bộ và sự cố"]
    summary = {row[0]: row[1:3] for row in book["Tổng hợp"].iter_rows(values_only=True) if row and row[0]}
    assert summary["Tiếp nhận qua dịch vụ bưu chính công ích"][0] == 1
    assert summary["Tổng số hồ sơ tiếp nhận"] == (3, 8)
    assert summary["Quá hạn"] == (1, 1)
    communes = {row[0]: row for row in book["Theo xã"].iter_rows(min_row=5, values_only=True)}
    assert communes["Xã Quảng Tân"][1:5] == (1, 2, 1, 1)
    assert communes["Phường Hạ Long"][6] == pytest.approx(50.0)  # 2 resolved this month, 1 on time
    overdue = list(book["Hồ sơ quá hạn"].iter_rows(min_row=5, values_only=True))
    assert overdue[0][1] == history["overdue"].code and overdue[0][6] == 2.0
    assert len(book["Tổng hợp"]._charts) == 1 and len(book["Theo xã"]._charts) == 1
    assert all(cell.data_type != "f" for sheet in book for row in sheet.iter_rows() for cell in row)
