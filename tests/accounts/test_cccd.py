import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from accounts.cccd import PROVINCE_CODES, birth_year, looks_like_cccd, normalize_cccd, validate_cccd

DOB_1990 = dt.date(1990, 5, 17)


@pytest.mark.parametrize(
    ("number", "date_of_birth", "gender"),
    [
        ("001090012345", DOB_1990, "male"),
        ("001190012345", DOB_1990, "female"),
        ("079203000001", dt.date(2003, 1, 1), "male"),
        ("096305123456", dt.date(2005, 12, 31), "female"),
        ("022000999999", dt.date(1900, 1, 1), "male"),
        ("022199999999", dt.date(1999, 12, 31), "female"),
        ("022085000001", None, None),  # structure only: no date of birth to compare with
        ("022085000001", None, "male"),
    ],
)
def test_valid_numbers(number, date_of_birth, gender):
    validate_cccd(number, date_of_birth=date_of_birth, gender=gender)  # does not raise


@pytest.mark.parametrize(
    ("number", "date_of_birth", "gender", "code", "message"),
    [
        ("00109001234", None, None, "cccd_length", "The personal identification number has 12 digits; you entered 11."),
        ("0010900123456", None, None, "cccd_length", "The personal identification number has 12 digits; you entered 13."),
        ("", None, None, "cccd_length", "The personal identification number has 12 digits; you entered 0."),
        ("00109001234A", None, None, "cccd_format", "Only digits 0–9 are allowed: character 12 (“A”) is not one."),
        ("001 090012345", None, None, "cccd_format", "Only digits 0–9 are allowed: character 4 (“ ”) is not one."),
        # Characters that str.isdigit() accepts but are not the digits 0-9.
        ("00109001²345", None, None, "cccd_format", "Only digits 0–9 are allowed: character 9 (“²”) is not one."),
        ("０01090012345", None, None, "cccd_format", "Only digits 0–9 are allowed: character 1 (“０”) is not one."),
        ("003090012345", None, None, "cccd_province",
         "The first three digits (003) are not a province code from the official list."),
        ("097090012345", None, None, "cccd_province",
         "The first three digits (097) are not a province code from the official list."),
        ("000090012345", None, None, "cccd_province",
         "The first three digits (000) are not a province code from the official list."),
        ("001290012345", DOB_1990, "male", "cccd_century",
         "The fourth digit (2) means born in 2000–2099, which does not match the date of birth 17 May 1990."),
        ("001005012345", dt.date(2005, 3, 1), "male", "cccd_century",
         "The fourth digit (0) means born in 1900–1999, which does not match the date of birth 1 Mar 2005."),
        ("001091012345", DOB_1990, "male", "cccd_year",
         "Digits 5–6 (91) must be the last two digits of the year of birth (1990)."),
        ("001499012345", None, None, "cccd_year", "Digits 4–6 (499) mean born in 2199, which is in the future."),
        ("001190012345", DOB_1990, "male", "cccd_gender",
         "The fourth digit (1) is for a female person, but the gender given is male."),
        ("001090012345", DOB_1990, "female", "cccd_gender",
         "The fourth digit (0) is for a male person, but the gender given is female."),
        ("001303012345", None, "male", "cccd_gender",
         "The fourth digit (3) is for a female person, but the gender given is male."),
    ],
)  # fmt: skip
def test_invalid_numbers_say_which_digit_is_wrong_and_why(number, date_of_birth, gender, code, message):
    with pytest.raises(ValidationError) as caught:
        validate_cccd(number, date_of_birth=date_of_birth, gender=gender)
    assert caught.value.code == code
    assert caught.value.messages == [message]


def test_the_province_list_is_the_official_63():
    assert len(PROVINCE_CODES) == 63
    assert PROVINCE_CODES["022"] == "Quảng Ninh"
    assert PROVINCE_CODES["079"] == "Hồ Chí Minh"
    assert all(len(code) == 3 and code.isdigit() for code in PROVINCE_CODES)


def test_helpers():
    assert normalize_cccd(" 001 090.012-345 ") == "001090012345"
    assert looks_like_cccd("001090012345")
    assert not looks_like_cccd("00109001234")
    assert not looks_like_cccd("00109001²345")
    assert birth_year("001203012345") == 2003
    assert birth_year("001190012345") == 1990
