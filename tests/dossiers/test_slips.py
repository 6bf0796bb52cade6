"""The dossier's PDF slips (forms 01–06), the generated result and the tracking book (form 07): what a
reader of the printed page sees, in Vietnamese with its diacritics, whatever the UI language."""

from __future__ import annotations

import datetime as dt
import io
import re
import subprocess
import unicodedata
from zoneinfo import ZoneInfo

import openpyxl
import pytest
import time_machine
from pypdf import PdfReader

from documents.layout.letterhead import Letterhead, authority
from documents.layout.names import lines
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
from tests.dossiers.factories import received, result_ready, submitted
from tests.qr import qr_texts

HCM = ZoneInfo("Asia/Ho_Chi_Minh")
# Tuesday 1 December 2026, 08:30 in Hạ Long: a working day with working days after it.
MORNING = dt.datetime(2026, 12, 1, 8, 30, tzinfo=HCM)


def pdf_text(content: bytes) -> str:
    assert content.startswith(b"%PDF-")
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)
    return " ".join(unicodedata.normalize("NFC", text).split())


def poppler_text(content: bytes, *, layout: bool = False, page: int | None = None) -> str:
    """The text as pdftotext (poppler) reads it; with ``layout``, in lines as they stand on the page."""
    options = (["-layout"] if layout else []) + (["-f", str(page), "-l", str(page)] if page else [])
    result = subprocess.run(["pdftotext", *options, "-enc", "UTF-8", "-", "-"], input=content, capture_output=True,
                            check=True)
    return unicodedata.normalize("NFC", result.stdout.decode())


def pdf_fonts(content: bytes, tmp_path) -> set[tuple[str, bool]]:
    """(font name without its subset prefix, embedded) of every font, as pdffonts lists them."""
    path = tmp_path / "slip.pdf"
    path.write_bytes(content)
    listing = subprocess.run(["pdffonts", str(path)], capture_output=True, check=True, text=True).stdout
    found = set()
    for row in listing.splitlines()[2:]:
        name, *rest = row.split()
        embedded = rest[-5] == "yes"  # name type [encoding] emb sub uni object ID
        found.add((name.split("+", 1)[-1], embedded))
    return found


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
    assert "TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG PHƯỜNG HẠ LONG" in text
    assert "Hạ Long, ngày 01 tháng 12 năm 2026" in text
    assert f"Mã hồ sơ: {dossier.code}" in text
    assert "Nguyễn Văn An" in text and "022090012345" in text
    assert "Đăng ký khai sinh" in text
    assert "Tờ khai đăng ký khai sinh" in text and "Giấy chứng sinh" in text
    assert "giay-chung-sinh.pdf" in text
    assert "Văn bản ủy quyền" not in text  # optional, not brought
    assert "3 ngày làm việc" in text
    assert "08 giờ 30 phút, ngày 01/12/2026" in text
    # Received on Tuesday 1 December, three working days: Wednesday to Friday, to Friday's closing time.
    assert dossier.due_at.astimezone(HCM) == dt.datetime(2026, 12, 4, 17, 0, tzinfo=HCM)
    assert "(ngày hẹn trả): 17 giờ 00 phút, ngày 04/12/2026" in " ".join(text.split())
    assert "NGƯỜI TIẾP NHẬN HỒ SƠ" in text and "Lê Văn Cường" in text


def test_supplement_slip_lists_what_is_missing_and_why(world, frozen):
    dossier = received(world)
    dossier_request_supplement(dossier=dossier, user=world.officer, reason="Giấy chứng sinh bị mờ, không đọc được",
                               items=["Giấy chứng sinh (bản rõ nét)", "Tờ khai có chữ ký của người đi khai"])
    text = pdf_text(slip_pdf(fresh(world, dossier), "02"))
    assert "Mẫu số 02" in text and "PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ" in text
    assert f"Mã hồ sơ: {dossier.code}" in text
    assert "Kính gửi: Ông/Bà Nguyễn Văn An" in text
    assert "Giấy chứng sinh (bản rõ nét)" in text and "Tờ khai có chữ ký của người đi khai" in text
    assert "Lý do: Giấy chứng sinh bị mờ, không đọc được" in text
    assert "Ngày 01/12/2026" in text
    assert "NGƯỜI HƯỚNG DẪN" in text and "Lê Văn Cường" in text


def test_refusal_slip_gives_the_reason(world, frozen):
    dossier = submitted(world)
    dossier_refuse(dossier=dossier, officer=world.officer, reason="Thủ tục không thuộc thẩm quyền tiếp nhận")
    dossier = fresh(world, dossier)
    assert [form for form, _title in slip_forms(dossier)] == ["03"]
    text = pdf_text(slip_pdf(dossier, "03"))
    assert "Mẫu số 03" in text and "PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ" in text
    assert "Thủ tục không thuộc thẩm quyền tiếp nhận" in text
    assert "Nguyễn Văn An" in text and "Ngày nộp hồ sơ: 01/12/2026" in text
    assert f"Mã hồ sơ: {dossier.code}" in text  # the code it got at its online submission
    with pytest.raises(DossierNotFound):
        slip_pdf(dossier, "01")  # never received: no receipt


def test_apology_slip_gives_the_previous_and_the_new_due_date(world, frozen):
    dossier = received(world)
    new_due = dossier.due_at + dt.timedelta(days=4)
    dossier_extend(dossier=dossier, user=world.officer, new_due_at=new_due, reason="Cần xác minh với Sở Tư pháp")
    text = pdf_text(slip_pdf(fresh(world, dossier), "04"))
    assert "Mẫu số 04" in text and "PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ" in text
    assert "Lý do: Cần xác minh với Sở Tư pháp" in text
    assert "17 giờ 00 phút, ngày 04/12/2026" in text  # the appointment the receipt gave
    assert "17 giờ 00 phút, ngày 08/12/2026" in text  # the new one
    assert "xin lỗi" in text


def test_stop_notice_gives_the_reason(world, frozen):
    dossier = received(world)
    dossier_stop(dossier=dossier, user=world.officer, reason="Người nộp hồ sơ đề nghị dừng để bổ sung giấy tờ gốc")
    dossier = fresh(world, dossier)
    assert [form for form, _title in slip_forms(dossier)] == ["01", "05", "06"]
    text = pdf_text(slip_pdf(dossier, "05"))
    assert "Mẫu số 05" in text and "THÔNG BÁO DỪNG GIẢI QUYẾT HỒ SƠ" in text
    assert "Lý do: Người nộp hồ sơ đề nghị dừng để bổ sung giấy tờ gốc" in text
    assert "kể từ ngày 01/12/2026" in text and dossier.code in text


def test_control_slip_follows_every_hand_over_with_its_timeliness(world, frozen):
    dossier = received(world)  # receiving completes the centre's step 1 and hands the dossier on
    frozen.shift(dt.timedelta(hours=1))
    step_take(dossier=dossier, position=2, user=world.specialist)
    frozen.move_to(dt.datetime(2026, 12, 3, 9, 0, tzinfo=HCM))
    step_complete(dossier=dossier, position=2, user=world.specialist)  # due 3/12 14:00: on time
    step_return(dossier=dossier, position=3, user=world.leader, note="Sai tên cha trong dự thảo")
    frozen.move_to(dt.datetime(2026, 12, 7, 9, 0, tzinfo=HCM))
    step_complete(dossier=dossier, position=2, user=world.specialist)  # again, now late
    text = pdf_text(slip_pdf(fresh(world, dossier), "06"))
    assert "Mẫu số 06" in text and "PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ" in text
    assert "Tiếp nhận hồ sơ" in text
    assert "Hoàn thành bước 1" in text and "Hoàn thành bước 2" in text
    assert "Trả lại bước 2 từ bước 3" in text and "Sai tên cha trong dự thảo" in text
    assert "Đúng hạn" in text and "Quá hạn" in text
    assert "Lê Văn Cường" in text and "Phạm Thị Dung" in text and "Hoàng Văn Em" in text
    assert "08:30 01/12/2026" in text and "09:00 07/12/2026" in text  # step 1 done at the receipt itself


def test_every_slip_renders_in_bounded_queries(world, frozen, django_assert_max_num_queries):
    dossier = received(world)
    step_complete(dossier=dossier, position=2, user=world.specialist)
    dossier = fresh(world, dossier)
    with django_assert_max_num_queries(3):  # the letterhead's units; nothing per event or step
        for form, _title in slip_forms(dossier):
            slip_pdf(dossier, form)


def test_slips_are_in_vietnamese_whatever_the_language_and_nfc(world, frozen):
    from django.utils import translation

    world.centre.name = unicodedata.normalize("NFD", "Trung tâm Phục vụ hành chính công phường Hạ Long")
    world.centre.save()
    dossier = fresh(world, received(world))
    with translation.override("en"):
        text = pdf_text(slip_pdf(dossier, "01"))
        assert "3 ngày làm việc" in text and "Đăng ký khai sinh" in text
        assert "Birth registration" not in text
    assert "TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG PHƯỜNG HẠ LONG" in text
    raw = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(slip_pdf(dossier, "01"))).pages)
    assert unicodedata.normalize("NFC", raw) == raw


def test_unknown_forms_are_not_found(world):
    dossier = fresh(world, received(world))
    for form in ("07", "99", "", "01/../02"):
        with pytest.raises(DossierNotFound):
            slip_pdf(dossier, form)
    assert [title for _form, title in slip_forms(dossier)] == [
        "Giấy tiếp nhận hồ sơ và hẹn trả kết quả", "Phiếu kiểm soát quá trình giải quyết hồ sơ"]


def test_configured_font_is_used(world, settings, tmp_path):
    dejavu = "/usr/share/fonts/truetype/dejavu/DejaVuSerif"
    settings.PDF_FONT_REGULAR, settings.PDF_FONT_BOLD = f"{dejavu}.ttf", f"{dejavu}-Bold.ttf"
    settings.PDF_FONT_ITALIC, settings.PDF_FONT_BOLD_ITALIC = f"{dejavu}-Italic.ttf", f"{dejavu}-BoldItalic.ttf"
    content = slip_pdf(fresh(world, received(world)), "01")
    assert {name for name, _embedded in pdf_fonts(content, tmp_path)} == {
        "DejaVuSerifBook", "DejaVuSerifBold", "DejaVuSerifItalic"}
    assert "GIẤY TIẾP NHẬN HỒ SƠ" in pdf_text(content)


def test_the_generic_decision_names_procedure_applicant_and_signer_and_takes_its_number(world, frozen):
    world.version.procedure.result_template = "decision"  # the catalogue's choice for this procedure
    world.version.procedure.save(update_fields=["result_template"])
    dossier = received(world)
    step_complete(dossier=dossier, position=2, user=world.specialist)
    step_complete(dossier=dossier, position=3, user=world.leader, generate_result=True)
    step_complete(dossier=dossier, position=4, user=world.clerk)
    dossier.refresh_from_db()
    assert dossier.result_name == "01-QĐ-UBND.pdf"
    content = dossier.result_file.read()
    text = pdf_text(content)
    assert "QUYẾT ĐỊNH" in text and "Về việc đăng ký khai sinh cho ông Nguyễn Văn An" in text
    assert "CHỦ TỊCH ỦY BAN NHÂN DÂN PHƯỜNG HẠ LONG" in text and "Điều 1." in text and "Điều 2." in text
    assert "Đăng ký khai sinh" in text and "Giấy khai sinh" in text and "1.001193" in text
    assert "Nguyễn Văn An" in text and dossier.code in text and "Nơi nhận:" in text and "Lưu: VT." in text
    assert "CHỦ TỊCH" in text and "Hoàng Văn Em" in text
    assert "ỦY BAN NHÂN DÂN" in text and "PHƯỜNG HẠ LONG" in text
    face = poppler_text(content)  # the number and date, written into their fields
    assert "Số: 01/QĐ-UBND" in face and "Hạ Long, ngày 01 tháng 12 năm 2026" in face


def test_result_pdf_is_pure(world):
    dossier = received(world)
    content = result_pdf(dossier, signer=world.leader)
    assert "TRÍCH LỤC KHAI SINH" in pdf_text(content)
    dossier.refresh_from_db()
    assert not dossier.result_file


def _book_world(world, frozen):
    """Three dossiers received at the centre in December, one before, one at another centre."""
    frozen.move_to(dt.datetime(2026, 11, 30, 9, 0, tzinfo=HCM))
    received(world, name="Ngô Thị Trước")
    frozen.move_to(MORNING)
    done = result_ready(world, name="Đỗ Văn Đúng")
    dossier_return(dossier=done, user=world.officer)
    frozen.move_to(dt.datetime(2026, 12, 2, 10, 0, tzinfo=HCM))
    running = received(world, name="Bùi Thị Đang")
    stopped = received(world, name="Lý Văn Dừng")
    dossier_stop(dossier=stopped, user=world.officer, reason="Theo đề nghị của người nộp")
    other = submitted(world, name="Hồ Văn Khác", centre=world.provincial_centre)
    from dossiers.services import dossier_receive

    dossier_receive(dossier=other, officer=world.provincial_officer)
    frozen.move_to(dt.datetime(2026, 12, 10, 9, 0, tzinfo=HCM))  # the running one is now overdue
    return Dossier.objects.get(pk=done.pk), Dossier.objects.get(pk=running.pk)


def test_tracking_book_pdf_lists_the_centres_dossiers_of_the_period(world, frozen):
    done, running = _book_world(world, frozen)
    text = pdf_text(tracking_book_pdf(centre=world.centre, start=dt.date(2026, 12, 1), end=dt.date(2026, 12, 31)))
    assert "Mẫu số 07" in text and "SỔ THEO DÕI HỒ SƠ" in text
    assert "Từ ngày 01/12/2026 đến ngày 31/12/2026" in text
    assert "Đỗ Văn Đúng" in text and "Bùi Thị Đang" in text and "Lý Văn Dừng" in text
    assert "Ngô Thị Trước" not in text and "Hồ Văn Khác" not in text
    assert "Đã trả kết quả" in text and "Dừng giải quyết" in text and "Đã tiếp nhận" in text
    assert "Trước hạn" in text or "Đúng hạn" in text
    assert "quá hạn" in text  # the running dossier, past its due date
    assert "Tổng số: 3 hồ sơ" in text


def test_tracking_book_xlsx_has_a_row_per_dossier(world, frozen):
    done, running = _book_world(world, frozen)
    content = tracking_book_xlsx(centre=world.centre, start=dt.date(2026, 12, 1), end=dt.date(2026, 12, 31))
    sheet = openpyxl.load_workbook(io.BytesIO(content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0].startswith("SỔ THEO DÕI HỒ SƠ — Trung tâm Phục vụ hành chính công phường Hạ Long")
    assert rows[1][0] == "Từ ngày 01/12/2026 đến ngày 31/12/2026"
    assert rows[2][:4] == ("STT", "Mã hồ sơ", "Người nộp hồ sơ", "Thủ tục hành chính")
    body = rows[3:]
    assert [r[2] for r in body] == ["Đỗ Văn Đúng", "Bùi Thị Đang", "Lý Văn Dừng"]
    first = body[0]
    assert first[1] == done.code and first[3] == "Đăng ký khai sinh"
    assert first[4] == dt.datetime(2026, 12, 1, 8, 30)  # local wall-clock time
    assert first[8] == "Đã trả kết quả" and first[9] in ("Trước hạn", "Đúng hạn")
    assert body[1][9] == "Đang giải quyết, quá hạn"
    assert body[2][8] == "Dừng giải quyết" and body[2][9] is None


def test_tracking_book_reads_in_one_query_whatever_its_size(world, frozen, django_assert_max_num_queries):
    frozen.move_to(MORNING)
    for _ in range(4):
        received(world)
    centre = type(world.centre).objects.select_related("agency__parent", "unit").get(pk=world.centre.pk)
    with django_assert_max_num_queries(1):
        tracking_book_xlsx(centre=centre, start=dt.date(2026, 12, 1), end=dt.date(2026, 12, 1))
    with django_assert_max_num_queries(1):
        tracking_book_pdf(centre=centre, start=dt.date(2026, 12, 1), end=dt.date(2026, 12, 1))


def test_the_receipt_slip_carries_a_qr_code_that_opens_the_lookup(world, frozen, settings):
    from dossiers.lookups import lookup_url

    settings.SITE_URL = "https://dichvucong.quangninh.gov.vn"
    dossier = fresh(world, received(world))
    content = slip_pdf(dossier, "01")
    assert "hoặc quét mã QR bên cạnh" in pdf_text(content)
    # the code, read back from the printed page, is the lookup's full address
    assert qr_texts(content) == [f"https://dichvucong.quangninh.gov.vn/dossiers/lookup/?code={dossier.code}"]
    assert lookup_url(dossier.code) == qr_texts(content)[0]


# ---- Decree 30/2020 layout --------------------------------------------------------------------------------

def _every_slip(world, frozen) -> dict[str, bytes]:
    """Forms 01–06 of dossiers that went through everything, and the book (07), all dated 1 December 2026."""
    world.leader.position = "Chủ tịch"
    world.leader.save()
    dossier = received(world)  # receiving completes the centre's step 1
    step_take(dossier=dossier, position=2, user=world.specialist)
    frozen.shift(dt.timedelta(hours=1))
    dossier_request_supplement(dossier=dossier, user=world.specialist, reason="Giấy chứng sinh bị mờ",
                               components=[world.components[1].position], items=["Bản dịch có chứng thực"])
    frozen.shift(dt.timedelta(hours=2))
    dossier_supplement(dossier=dossier, user=world.officer, note="Đã nộp bản rõ nét")
    dossier.refresh_from_db()
    dossier_extend(dossier=dossier, user=world.leader, new_due_at=dossier.due_at + dt.timedelta(days=4),
                   reason="Cần xác minh với Sở Tư pháp")
    dossier_stop(dossier=dossier, user=world.leader, reason="Người nộp hồ sơ đề nghị dừng")
    refused = submitted(world)
    dossier_refuse(dossier=refused, officer=world.officer, reason="Không thuộc thẩm quyền")
    slips = {form: slip_pdf(fresh(world, dossier), form) for form in ("01", "02", "04", "05", "06")}
    slips["03"] = slip_pdf(fresh(world, refused), "03")
    slips["07"] = tracking_book_pdf(centre=world.centre, start=dt.date(2026, 12, 1), end=dt.date(2026, 12, 31))
    return slips


def _header(layout: str) -> list[list[str]]:
    """The header's lines as pdftotext -layout reads them, each cut into its columns (3 spaces or more
    apart), down to the form's title."""
    rows = []
    for line in layout.splitlines():
        if "PHIẾU" in line or "GIẤY TIẾP NHẬN" in line or "THÔNG BÁO" in line or "SỔ THEO DÕI" in line:
            break
        if line.strip():
            rows.append([cell.strip() for cell in line.strip().split("   ") if cell.strip()])
    return rows


def test_every_slip_has_the_decree_30_header_of_its_issuer(world, frozen, tmp_path):
    slips = _every_slip(world, frozen)
    for form, content in slips.items():
        layout = poppler_text(content, layout=True)
        header = _header(layout)
        cells = [cell for row in header for cell in row]
        assert ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"] == [c for c in cells if c.startswith("CỘNG HÒA")], form
        assert "Độc lập - Tự do - Hạnh phúc" in cells, form
        assert "Hạ Long, ngày 01 tháng 12 năm 2026" in cells, form
        numbered = form in ("01", "02", "03", "04", "05")
        assert any(cell.startswith("Số:") for cell in cells) == numbered, form
        if numbered:  # the number and the place and date share a line (box 3 and box 4)
            assert any(row[0].startswith("Số:") and row[-1] == "Hạ Long, ngày 01 tháng 12 năm 2026" for row in header)
        if form in ("04", "05"):  # the resolving agency's letter, signed by its chair
            assert "ỦY BAN NHÂN DÂN" in cells and "PHƯỜNG HẠ LONG" in cells, form
            assert not any("TRUNG TÂM" in cell for cell in cells), form
            text = " ".join(poppler_text(content).split())
            assert "TM. ỦY BAN NHÂN DÂN CHỦ TỊCH" in text and "Hoàng Văn Em" in text, form
            assert "Nơi nhận: - Như trên;" in text and "- Lưu: VT." in text, form
        else:  # the receiving centre's, under its People's Committee
            assert "UBND PHƯỜNG HẠ LONG" in cells, form
            assert ["TRUNG TÂM PHỤC VỤ", "HÀNH CHÍNH CÔNG", "PHƯỜNG HẠ LONG"] == [
                c for c in cells if c in ("TRUNG TÂM PHỤC VỤ", "HÀNH CHÍNH CÔNG", "PHƯỜNG HẠ LONG")], form
        assert {name for name, embedded in pdf_fonts(content, tmp_path)} <= {
            "LiberationSerif", "LiberationSerifBold", "LiberationSerifItalic", "LiberationSerifBoldItalic"}, form
        assert all(embedded for _name, embedded in pdf_fonts(content, tmp_path)), form


def test_no_name_is_broken_inside_a_word(world, frozen):
    world.centre.name = "Trung tâm Phục vụ hành chính công và Kiểm soát thủ tục hành chính phường Hạ Long"
    world.centre.save()
    world.commune_agency.name = "Ủy ban nhân dân phường Hạ Long"
    world.commune_agency.save()
    for content in _every_slip(world, frozen).values():
        for line in poppler_text(content, layout=True).splitlines():
            words = line.split()
            for index, word in enumerate(words):  # "HẠ" never ends a line, "LONG" never starts one
                if word.upper().rstrip(",.;") == "HẠ":
                    assert index + 1 < len(words) and words[index + 1].upper().startswith("LONG"), line
                if word.upper().startswith("LONG"):
                    assert index > 0 and words[index - 1].upper() == "HẠ", line
        codes = [line for line in poppler_text(content, layout=True).splitlines() if "H49-26120" in line]
        assert all(re.search(r"000\.01\.49\.H49-26120\d-\d{4}", line) for line in codes)


def test_agency_names_wrap_between_words_locality_apart():
    def width(text: str) -> float:  # a monospaced measure: one unit a character
        return float(len(text))

    assert lines("Trung tâm Phục vụ hành chính công phường Hạ Long", width=20, measure=width, upper=True,
                 locality_apart=True) == ["TRUNG TÂM PHỤC VỤ", "HÀNH CHÍNH CÔNG", "PHƯỜNG HẠ LONG"]
    assert lines("Ủy ban nhân dân phường Hạ Long", width=40, measure=width, upper=True, locality_apart=True) == [
        "ỦY BAN NHÂN DÂN", "PHƯỜNG HẠ LONG"]
    assert lines("UBND phường Hạ Long", width=40, measure=width) == ["UBND phường Hạ Long"]
    assert lines("Ban Quản lý Khu kinh tế Quảng Ninh", width=22, measure=width) == [
        "Ban Quản lý Khu", "kinh tế Quảng Ninh"]
    assert lines("Sở Nông nghiệp và Môi trường", width=16, measure=width) == ["Sở Nông nghiệp", "và Môi trường"]
    # a piece wider than the line is the only one broken between its syllables
    assert lines("phường Hạ Long", width=8, measure=width) == ["phường", "Hạ Long"]


def test_the_date_line_and_the_signers_authority_follow_decree_30():
    def dated(day: dt.date) -> str:
        return Letterhead(superior="", issuer="", place="Hạ Long", date=day).date_line

    assert dated(dt.date(2027, 1, 5)) == "Hạ Long, ngày 05 tháng 01 năm 2027"
    assert dated(dt.date(2027, 2, 28)) == "Hạ Long, ngày 28 tháng 02 năm 2027"
    assert dated(dt.date(2027, 3, 10)) == "Hạ Long, ngày 10 tháng 3 năm 2027"
    assert dated(dt.date(2026, 12, 7)) == "Hạ Long, ngày 07 tháng 12 năm 2026"

    class Signer:
        def __init__(self, position):
            self.position = position

    committee = type("Agency", (), {"is_people_committee": True})()
    department = type("Agency", (), {"is_people_committee": False})()
    assert authority(committee, Signer("Chủ tịch")) == ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"]
    assert authority(committee, Signer("Chủ tịch Ủy ban nhân dân phường Hạ Long")) == [
        "TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"]
    assert authority(committee, Signer("Phó Chủ tịch")) == ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"]
    assert authority(department, Signer("Giám đốc")) == ["GIÁM ĐỐC"]
    assert authority(department, Signer("Phó Giám đốc Sở Tư pháp")) == ["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"]
    assert authority(department, Signer("Chánh Văn phòng Ủy ban nhân dân tỉnh")) == ["CHÁNH VĂN PHÒNG"]
    assert authority(department, Signer("Phó Chánh Văn phòng")) == ["KT. CHÁNH VĂN PHÒNG", "PHÓ CHÁNH VĂN PHÒNG"]
    assert authority(department, Signer("Chuyên viên")) == ["ĐẠI DIỆN CƠ QUAN GIẢI QUYẾT", "CHUYÊN VIÊN"]
    assert authority(department, Signer("")) == ["ĐẠI DIỆN CƠ QUAN GIẢI QUYẾT"]


def test_the_control_slip_lists_every_change_of_the_due_date(world, frozen):
    dossier = received(world)
    given = dossier.due_at.astimezone(HCM)  # the appointment of the receipt (step 1 done with it)
    frozen.move_to(dt.datetime(2026, 12, 1, 10, 30, tzinfo=HCM))
    dossier_request_supplement(dossier=dossier, user=world.officer, reason="Thiếu", items=["Tờ khai"])
    frozen.move_to(dt.datetime(2026, 12, 2, 9, 0, tzinfo=HCM))
    dossier_supplement(dossier=dossier, user=world.officer, note="Đã bổ sung")
    dossier.refresh_from_db()
    resumed_due = dossier.due_at.astimezone(HCM)
    assert resumed_due > given  # the time waiting for the applicant does not count
    extended_due = (resumed_due + dt.timedelta(days=3)).replace(hour=16, minute=0)
    dossier_extend(dossier=dossier, user=world.officer, new_due_at=extended_due, reason="Cần xác minh")
    layout = poppler_text(slip_pdf(fresh(world, dossier), "06"), layout=True)
    changes = layout.split("1. Ngày hẹn trả kết quả và các lần thay đổi")[1].split("2. Quá trình giao, nhận")[0]
    changes = " ".join(changes.split())
    first, resumed, last = (f"{moment:%H:%M %d/%m/%Y}" for moment in (given, resumed_due, extended_due))
    # top to bottom: received (its due date), paused, resumed (the due date moved), extended (new date, reason)
    marks = [changes.index(mark) for mark in (
        "Tiếp nhận hồ sơ, hẹn trả kết quả", first, "Tạm dừng", "tiếp tục tính", resumed,
        "Gia hạn, hẹn lại ngày trả kết quả", last)]
    assert marks == sorted(marks)
    assert changes.count(first) == 3  # given at receipt; before the pause; before the resumption
    assert changes.count(resumed) == 2 and changes.count(last) == 1
    assert "Lý do: Cần xác minh" in changes
    assert f"Ngày hẹn trả kết quả hiện tại: {extended_due:%H:%M} ngày {extended_due:%d/%m/%Y}" in " ".join(
        layout.split())


def test_the_refusal_of_a_dossier_with_a_code_names_it(world, frozen):
    dossier = submitted(world)  # coded at its submission
    dossier_refuse(dossier=dossier, officer=world.officer, reason="Không thuộc thẩm quyền")
    text = poppler_text(slip_pdf(fresh(world, dossier), "03"))
    assert f"Mã hồ sơ: {dossier.code}" in text and "chưa có mã" not in text
    Dossier.objects.filter(pk=dossier.pk).update(code=None)  # old data, refused before codes came with submission
    text = poppler_text(slip_pdf(fresh(world, dossier), "03"))
    assert "Mã hồ sơ" not in text and "chưa có mã" not in text


def test_the_supplement_slip_numbers_the_papers_asked_for(world, frozen):
    dossier = received(world)
    dossier_request_supplement(dossier=dossier, user=world.officer, reason="Mờ",
                               components=[world.components[1].position, world.components[0].position],
                               items=["Bản dịch có chứng thực"])
    text = " ".join(poppler_text(slip_pdf(fresh(world, dossier), "02")).split())
    assert "1. Tờ khai đăng ký khai sinh 2. Giấy chứng sinh 3. Bản dịch có chứng thực" in text


def test_pages_after_the_first_are_numbered_at_the_top(world, frozen):
    dossier = received(world)
    for _ in range(8):  # a long history: the control slip runs over a page
        step_return(dossier=dossier, position=2, user=world.specialist, note="Thiếu chữ ký " * 8)
        step_complete(dossier=dossier, position=1, user=world.officer)
    content = slip_pdf(fresh(world, dossier), "06")
    assert len(PdfReader(io.BytesIO(content)).pages) >= 2
    assert poppler_text(content, page=2).split()[0] == "2"
    assert poppler_text(content, page=1).split()[0] == "Mẫu"


def test_missing_fonts_fall_back_to_roboto_with_a_warning(world, settings, tmp_path, caplog):
    settings.PDF_FONT_ITALIC = "/nonexistent/LiberationSerif-Italic.ttf"
    with caplog.at_level("WARNING", logger="portal.fonts"):
        content = slip_pdf(fresh(world, received(world)), "01")
    assert "PDF_FONT_ITALIC=/nonexistent/LiberationSerif-Italic.ttf" in caplog.text
    assert {name for name, _embedded in pdf_fonts(content, tmp_path)} == {"Roboto", "RobotoBold", "RobotoItalic"}
