"""SMS segments and encodings with real Vietnamese texts: GSM-7 160/153 (extension characters count double),
UCS-2 70/67; unaccented Vietnamese (đ → d); shortening cuts names and reasons, never codes, dates or amounts."""

import pytest

from notifications import gsm, smstext
from notifications.messages import render

CODE, DUE = "000.01.49.H49-261208-0001", "11/12/2026"
LONG_PROCEDURE = ("Đăng ký khai sinh, đăng ký thường trú, cấp thẻ bảo hiểm y tế cho trẻ em dưới 6 tuổi "
                  "(liên thông thủ tục hành chính)")


@pytest.mark.parametrize(("text", "alphabet", "count"), [
    ("a" * 160, "gsm7", 1),
    ("a" * 161, "gsm7", 2),
    ("a" * 306, "gsm7", 2),
    ("a" * 307, "gsm7", 3),
    ("{" * 80, "gsm7", 1),  # extension characters: two septets each
    ("{" * 81, "gsm7", 2),
    ("Phí 50.000€ [nộp]" , "ucs2", 1),
    ("ơ" * 70, "ucs2", 1),
    ("ơ" * 71, "ucs2", 2),
    ("ơ" * 134, "ucs2", 2),
    ("ơ" * 135, "ucs2", 3),
    ("Hồ sơ đã được tiếp nhận", "ucs2", 1),
    ("Ho so da duoc tiep nhan", "gsm7", 1),
    ("", "gsm7", 0),
])
def test_segments(text, alphabet, count):
    assert gsm.units(text)[0] == alphabet
    assert gsm.segments(text) == count


def test_unaccented_vietnamese_keeps_every_letter_and_turns_d_stroke_into_d():
    text = "Đề nghị ông Nguyễn Văn Đức bổ sung giấy tờ; hẹn trả ngày 11/12/2026, phí 150.000 đồng."
    plain = smstext.unaccented(text)
    assert plain == "De nghi ong Nguyen Van Duc bo sung giay to; hen tra ngay 11/12/2026, phi 150.000 dong."
    assert gsm.is_gsm7(plain)


def test_a_long_procedure_name_is_shortened_to_one_segment_but_not_the_code_or_date(settings):
    settings.SMS_ENCODING = "unaccented"
    rendered = render("dossier.received", {"code": CODE, "procedure": LONG_PROCEDURE, "due": DUE})
    assert rendered.segments == 1 and gsm.segments(rendered.sms) == 1
    assert CODE in rendered.sms and DUE in rendered.sms and "..." in rendered.sms
    assert rendered.sms.startswith("Ho so ") and "Dang ky khai sinh" in rendered.sms
    assert LONG_PROCEDURE in rendered.text  # the full text (e-mail, Zalo, the panel) is not cut


def test_ucs2_fits_as_few_segments_as_the_fixed_words_allow(settings):
    settings.SMS_ENCODING = "ucs2"
    rendered = render("dossier.received", {"code": CODE, "procedure": LONG_PROCEDURE, "due": DUE})
    assert rendered.segments == gsm.segments(rendered.sms) == 2  # the fixed words alone exceed 70
    assert CODE in rendered.sms and DUE in rendered.sms and "Hồ sơ" in rendered.sms and "…" in rendered.sms
    assert gsm.units(rendered.sms)[1] <= 134


def test_amounts_are_never_cut(settings):
    settings.SMS_ENCODING = "unaccented"
    rendered = render("dossier.paid", {"code": CODE, "amount": "1.250.000 đồng"})
    assert "1.250.000 dong" in rendered.sms and CODE in rendered.sms and rendered.segments == 1


def test_a_short_text_is_left_whole(settings):
    settings.SMS_ENCODING = "unaccented"
    rendered = render("dossier.result_ready", {"code": CODE, "procedure": "Đăng ký khai sinh"})
    assert rendered.sms == f"Da co ket qua giai quyet ho so {CODE} (Dang ky khai sinh)."
