"""The daily report as an Excel workbook (portal.spreadsheet: every text a text cell, never a formula), in
Vietnamese like the PDF: a sheet per table, and native Excel charts over the sheets' own cells (so the
figures and their charts stay together when someone copies a sheet into their own report)."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone, translation
from openpyxl.chart import BarChart, LineChart, Reference
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from portal.spreadsheet import append_row, workbook, workbook_bytes
from reports.daily import presentation
from reports.daily.pdf import lines_with_rates, subject

LINE_HEADINGS = ("Tiếp nhận trong ngày", "Tiếp nhận lũy kế tháng", "Đã giải quyết lũy kế tháng", "Đúng hạn",
                 "Quá hạn", "Tỷ lệ đúng hạn (%)", "Đang giải quyết quá hạn", "Đến hạn trong 02 ngày làm việc")
LINE_KEYS = ("received_day", "received", "resolved", "on_time", "late", "rate", "overdue", "due_soon")
BOLD = Font(bold=True)


def _title(sheet: Worksheet, title: str, day: dt.date) -> None:
    append_row(sheet, [title])
    append_row(sheet, [subject(day)])
    sheet["A1"].font = Font(bold=True, size=13)
    append_row(sheet, [])


def _heading(sheet: Worksheet, values: list[str]) -> int:
    cells = append_row(sheet, values)
    for cell in cells:
        cell.font = BOLD
        cell.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")
    return sheet.max_row


def _widths(sheet: Worksheet, widths: list[int]) -> None:
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width


def _lines_sheet(book, name: str, first: str, lines: list[dict], day: dt.date, chart_title: str) -> None:
    sheet = book.create_sheet(name)
    _title(sheet, f"Tình hình giải quyết hồ sơ {name.lower()}", day)
    header = _heading(sheet, [first, *LINE_HEADINGS])
    for line in lines_with_rates(lines):
        cells = append_row(sheet, [line["name"], *(None if line[key] is None else float(line[key]) if key == "rate"
                                                   else line[key] for key in LINE_KEYS)])
        cells[6].number_format = "0.0"
    _widths(sheet, [44, *([14] * len(LINE_HEADINGS))])
    sheet.freeze_panes = sheet.cell(row=header + 1, column=2)
    if lines:
        chart = BarChart()
        chart.type, chart.title, chart.style = "bar", chart_title, 10
        chart.y_axis.title = "Hồ sơ"
        data = Reference(sheet, min_col=3, max_col=4, min_row=header, max_row=header + len(lines))
        chart.add_data(data, titles_from_data=True)
        chart.set_categories(Reference(sheet, min_col=1, min_row=header + 1, max_row=header + len(lines)))
        chart.height, chart.width = max(7.5, 1.2 * len(lines) + 3), 18
        sheet.add_chart(chart, f"K{header}")


def report_xlsx(*, figures: dict) -> bytes:
    day = dt.date.fromisoformat(figures["day"])
    book = workbook()
    summary = book.active
    summary.title = "Tổng hợp"
    _title(summary, "BÁO CÁO", day)
    total = figures["dossiers"]["total"]
    _heading(summary, ["Chỉ tiêu", "Trong ngày", "Lũy kế tháng"])
    rows = [("Tiếp nhận trực tuyến", total["online"], None), ("Tiếp nhận trực tiếp", total["counter"], None),
            ("Tiếp nhận qua dịch vụ bưu chính công ích", total["post"], None),
            ("Tổng số hồ sơ tiếp nhận", total["received_day"], total["received"]),
            ("Đã giải quyết", total["resolved_day"], total["resolved"]),
            ("Đúng hạn", total["on_time_day"], total["on_time"]), ("Quá hạn", total["late_day"], total["late"]),
            ("Đang giải quyết quá hạn (tại thời điểm báo cáo)", total["overdue"], None),
            ("Đến hạn trong 02 ngày làm việc tới", total["due_soon"], None)]
    for row in rows:
        append_row(summary, row)
    append_row(summary, [])
    header = _heading(summary, ["Ngày", "Tiếp nhận", "Đã giải quyết"])
    for iso, received, resolved in figures["by_day"]:
        cells = append_row(summary, [dt.date.fromisoformat(iso), received, resolved])
        cells[0].number_format = "dd/mm/yyyy"
    _widths(summary, [48, 16, 16])
    if figures["by_day"]:
        chart = LineChart()
        chart.title, chart.style = "Hồ sơ tiếp nhận và giải quyết theo ngày trong tháng", 12
        chart.y_axis.title, chart.x_axis.number_format = "Hồ sơ", "dd/mm"
        count = len(figures["by_day"])
        chart.add_data(Reference(summary, min_col=2, max_col=3, min_row=header, max_row=header + count),
                       titles_from_data=True)
        chart.set_categories(Reference(summary, min_col=1, min_row=header + 1, max_row=header + count))
        chart.height, chart.width = 8, 18
        summary.add_chart(chart, "E4")

    dossiers = figures["dossiers"]
    _lines_sheet(book, "Theo xã", "Xã, phường, đặc khu", dossiers["communes"], day,
                 "Hồ sơ tiếp nhận và giải quyết lũy kế tháng, theo xã")
    _lines_sheet(book, "Theo cơ quan", "Cơ quan giải quyết", dossiers["agencies"], day,
                 "Hồ sơ tiếp nhận và giải quyết lũy kế tháng, theo cơ quan")

    overdue = book.create_sheet("Hồ sơ quá hạn")
    _title(overdue, "Các hồ sơ quá hạn lâu nhất", day)
    _heading(overdue, ["STT", "Mã hồ sơ", "Thủ tục hành chính", "Cơ quan giải quyết", "Nơi tiếp nhận",
                       "Ngày hẹn trả", "Số ngày làm việc quá hạn"])
    for number, row in enumerate(figures["most_overdue"], start=1):
        due = presentation.moment(row["due_at"])
        cells = append_row(overdue, [number, row["code"], row["procedure"], row["agency"], row["centre"],
                                     timezone.localtime(due).replace(tzinfo=None) if due else None, float(row["late_days"])])
        cells[5].number_format = "dd/mm/yyyy hh:mm"
    _widths(overdue, [6, 24, 48, 36, 36, 18, 14])

    other = book.create_sheet("Đồng bộ và sự cố")
    _title(other, "Đồng bộ, chứng thư số, văn bản, phản ánh và sự cố", day)
    sync, certificates = figures["sync"], figures["certificates"]
    _heading(other, ["Nội dung", "Số lượng"])
    for label, value in (("Thông điệp đang chờ gửi Cổng Dịch vụ công quốc gia", sync["waiting"]),
                         ("Trong đó gửi lỗi, chờ gửi lại", sync["failing"]),
                         ("Không gửi được sau nhiều lần thử", sync["dead"]),
                         ("Đã gửi thành công trong 24 giờ qua", sync["sent_24h"]),
                         ("Lãnh đạo có thẩm quyền ký", certificates["signers"]),
                         ("Trong đó có chứng thư số còn hiệu lực", certificates["ready"]),
                         (f"Chứng thư hết hạn trong {certificates['days']} ngày tới", len(certificates["expiring"])),
                         ("Văn bản đến quá hạn giải quyết", figures["documents_overdue"]["total"]),
                         ("Phản ánh, kiến nghị quá hạn xử lý", figures["petitions_overdue"]["total"])):
        append_row(other, [label, value])
    append_row(other, [])
    _heading(other, ["Sự cố hệ thống ghi nhận trong ngày", "Số lượng"])
    with translation.override("vi"):
        incidents = presentation.incidents(figures)
    for label, count in incidents or [("Không có sự cố", 0)]:
        append_row(other, [label, count])
    _widths(other, [70, 12])
    return workbook_bytes(book)
