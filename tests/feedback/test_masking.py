"""What the public page may show: personal data masked, with or without diacritics."""

from feedback.masking import mask


def test_names_with_or_without_diacritics_become_initials():
    text = "Ông Nguyễn Văn An và nguyen van an, NGUYỄN VĂN AN phản ánh."
    assert mask(text, names=["Nguyễn Văn An"]) == "Ông N.V.A. và N.V.A., N.V.A. phản ánh."


def test_a_name_inside_a_longer_word_is_left_alone():
    assert mask("Anh Bình và Bình An", names=["An"]) == "Anh Bình và Bình An"  # shorter than 3 letters: kept
    assert mask("Lê Văn Antoni", names=["Lê Văn An"]) == "Lê Văn Antoni"


def test_phones_identity_numbers_emails_and_addresses():
    text = ("Gọi 0912.345.678 hoặc +84 912 345 678, CCCD 022090012345, thư an.nguyen@example.vn, "
            "nhà ở Tổ 1, khu 2, phường Hạ Long.")
    masked = mask(text, addresses=["Tổ 1, khu 2, phường Hạ Long"])
    assert masked.startswith("Gọi *******678 hoặc ********678, CCCD *********345,")
    assert "a***@example.vn" in masked
    assert "Hạ Long" not in masked and "nhà ở ***." in masked


def test_dossier_codes_keep_the_agency_and_day_but_not_the_number():
    assert mask("Hồ sơ 000.01.49.H49-260302-0007 bị chậm") == "Hồ sơ 000.01.49.H49-260302-**** bị chậm"


def test_short_numbers_and_dates_are_kept():
    assert mask("Ngày 20/02/2026, lúc 9 giờ, 15 ngày làm việc") == "Ngày 20/02/2026, lúc 9 giờ, 15 ngày làm việc"


def test_initials_at_the_end_of_a_sentence_keep_one_full_stop():
    assert mask("Tôi là Nguyễn Văn An. Cảm ơn.", names=["Nguyễn Văn An"]) == "Tôi là N.V.A. Cảm ơn."


def test_the_longest_name_wins_where_two_overlap():
    assert mask("Bà Trần Thị Bích Ngọc", names=["Trần Thị Bích", "Trần Thị Bích Ngọc"]) == "Bà T.T.B.N."
