"""Vietnamese alphabetical order in Python (portal.collation.vietnamese_key), for lists sorted after they
are read, the same on SQLite as on PostgreSQL."""

from portal.collation import vietnamese_key


def test_letters_follow_the_vietnamese_alphabet_then_tones():
    words = ["ư", "u", "ơ", "ô", "o", "đ", "d", "ê", "e", "â", "ă", "á", "à", "a"]
    assert sorted(words, key=vietnamese_key) == ["a", "à", "á", "ă", "â", "d", "đ", "e", "ê", "o", "ô", "ơ",
                                                 "u", "ư"]


def test_commune_names_sort_as_a_dictionary_does():
    names = ["Phường Hiệp Hòa", "Xã Ba Chẽ", "Đặc khu Cô Tô", "Phường Hạ Long", "Phường Hà An", "Phường Hà Tu",
             "Phường Cẩm Phả", "Phường Cao Xanh", "Phường Móng Cái 2", "Phường Móng Cái 1", "Dương Huy"]
    assert sorted(names, key=vietnamese_key) == [
        "Dương Huy", "Đặc khu Cô Tô", "Phường Cao Xanh", "Phường Cẩm Phả", "Phường Hà An", "Phường Hạ Long",
        "Phường Hà Tu", "Phường Hiệp Hòa", "Phường Móng Cái 1", "Phường Móng Cái 2", "Xã Ba Chẽ"]
    assert sorted(["Hàn", "Hà An"], key=vietnamese_key) == ["Hà An", "Hàn"]  # a space before any letter
