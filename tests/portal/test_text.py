"""The accent-free forms search compares: ``fold`` and ``search_fold`` (i/y unified), and query words."""

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from portal.text import FUNCTION_WORDS, MAX_SEARCH_WORDS, fold, search_fold, search_words, spelt_i_or_y

# Every Vietnamese vowel with every tone, both cases, and the consonants.
_VOWELS = "aăâeêioôơuưy"
_TONES = ("", "\u0300", "\u0301", "\u0303", "\u0309", "\u0323")
_LETTERS = sorted({
    unicodedata.normalize("NFC", vowel + tone).upper() if upper else unicodedata.normalize("NFC", vowel + tone)
    for vowel in _VOWELS for tone in _TONES for upper in (False, True)
} | set("bcdđghklmnpqrstvxBCDĐGHKLMNPQRSTVX"))
_I = [unicodedata.normalize("NFC", "i" + tone) for tone in _TONES]
_Y = [unicodedata.normalize("NFC", "y" + tone) for tone in _TONES]

words = st.text(alphabet=_LETTERS, min_size=1, max_size=7)
vietnamese_text = st.lists(words, max_size=6).map(" ".join)
onsets = st.sampled_from(["h", "k", "l", "m", "s", "t", "v", "qu", "H", "K", "L", "M", "S", "T", "V", "Qu", "QU"])


@pytest.mark.parametrize(("text", "expected"), [
    ("Đăng ký khai sinh", "dang ky khai sinh"),
    ("Đăng kí khai sinh", "dang ky khai sinh"),
    ("Lí lịch tư pháp", "ly lich tu phap"),
    ("Nguyễn Thị Lý", "nguyen thi ly"),
    ("mĩ thuật, Mỹ Tho", "my thuat, my tho"),
    ("hi vọng", "hy vong"),
    ("công ti TNHH", "cong ty tnhh"),
    ("bác sĩ", "bac sy"),
    ("Tường Vi", "tuong vy"),
    ("qui định", "quy dinh"),
    ("kì hạn (kỳ hạn)", "ky han (ky han)"),
    # Not an open i syllable after one of the onsets: left alone.
    ("thủy lợi", "thuy loi"), ("thủi", "thui"), ("Huy", "huy"), ("tay", "tay"), ("khuya", "khuya"),
    ("kiến nghị", "kien nghi"), ("quyết định", "quyet dinh"), ("yêu cầu", "yeu cau"), ("ý kiến", "y kien"),
    ("thì", "thi"), ("chi phí", "chi phi"), ("khí thải", "khi thai"), ("gì", "gi"), ("Thy", "thy"),
])
def test_search_fold(text, expected):
    assert search_fold(text) == expected


@given(vietnamese_text)
def test_search_fold_is_idempotent(text):
    assert search_fold(search_fold(text)) == search_fold(text)


@given(vietnamese_text)
def test_search_fold_ignores_diacritics_and_case(text):
    assert search_fold(text) == search_fold(fold(text)) == search_fold(text.upper()) == search_fold(text.lower())
    assert search_fold(text).isascii()


@given(vietnamese_text)
def test_search_fold_keeps_the_length_of_fold(text):
    # The catalogue's ranking relies on positions in the stored text (procedures.selectors).
    assert len(search_fold(text)) == len(fold(text))


@given(vietnamese_text, onsets, st.sampled_from(_I), st.sampled_from(_Y), vietnamese_text)
def test_i_and_y_after_the_onsets_fold_alike(before, onset, i, y, after):
    assert search_fold(f"{before} {onset}{i} {after}") == search_fold(f"{before} {onset}{y} {after}")


@given(st.sampled_from(["th", "t", "h", "l", "k", "n", "x", "ng", "kh", ""]), st.sampled_from(["u", "a", "â", "o"]),
       st.sampled_from(_I), st.sampled_from(_Y))
def test_y_after_a_vowel_stays_distinct_from_i(onset, vowel, i, y):
    # thủy / thủi, huy / hui, tay / tai, ... (but "qu" is an onset: quý / quí are one word)
    assert search_fold(onset + vowel + y) != search_fold(onset + vowel + i)


def test_search_words_mark_function_words_and_keep_the_typed_form():
    words = search_words("Khai sinh CHO con li li")
    assert [(w.forms, w.is_function_word) for w in words] == [
        (("khai",), False), (("sinh",), False), (("cho",), True), (("con",), True), (("ly", "li"), False),
    ]
    assert [w.forms for w in search_words("đăng ký, đăng kí")] == [("dang",), ("ky,",), ("ky", "ki")]
    assert search_words("   ") == []
    assert len(search_words(" ".join(f"tu{n}" for n in range(20)))) == MAX_SEARCH_WORDS


def test_function_words_are_spelt_as_search_fold_spells_them():
    assert all(search_fold(word) == word for word in FUNCTION_WORDS)


@pytest.mark.parametrize(
    ("word", "expected"),
    [("ky", True), ("ki", True), ("quy", True), ("qui", True), ("ly", True), ("my", True),
     ("kien", False), ("thuy", False), ("chi", False), ("y", False), ("kyy", False), ("", False)],
)
def test_spelt_i_or_y_names_the_syllables_search_fold_unifies(word, expected):
    assert spelt_i_or_y(word) is expected
    if word.endswith(("i", "y")):  # exactly the words whose two spellings search_fold makes one
        assert (search_fold(word[:-1] + "i") == search_fold(word[:-1] + "y")) is expected
