"""Số định danh cá nhân (the 12-digit number on the CCCD), checked for structure.

Decree 137/2015/NĐ-CP art. 7 and Circular 07/2016/TT-BCA (annex: province codes):
digits 1–3: province where the birth was registered (the official list of 63 codes, which numbers keep
after the 2025 merger of provinces); digit 4: gender and century of birth (0/1 = male/female born
1900–1999, 2/3 = 2000–2099, 4/5 = 2100s, 6/7 = 2200s, 8/9 = 2300s); digits 5–6: the last two digits of
the year of birth; digits 7–12: a random number. There is no check digit, so a well-formed number may
still not exist: only the national population database can say that."""

import datetime as dt
import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext, gettext_lazy

from portal.dates import date_text

PROVINCE_CODES = {
    "001": "Hà Nội", "002": "Hà Giang", "004": "Cao Bằng", "006": "Bắc Kạn", "008": "Tuyên Quang",
    "010": "Lào Cai", "011": "Điện Biên", "012": "Lai Châu", "014": "Sơn La", "015": "Yên Bái",
    "017": "Hòa Bình", "019": "Thái Nguyên", "020": "Lạng Sơn", "022": "Quảng Ninh", "024": "Bắc Giang",
    "025": "Phú Thọ", "026": "Vĩnh Phúc", "027": "Bắc Ninh", "030": "Hải Dương", "031": "Hải Phòng",
    "033": "Hưng Yên", "034": "Thái Bình", "035": "Hà Nam", "036": "Nam Định", "037": "Ninh Bình",
    "038": "Thanh Hóa", "040": "Nghệ An", "042": "Hà Tĩnh", "044": "Quảng Bình", "045": "Quảng Trị",
    "046": "Thừa Thiên Huế", "048": "Đà Nẵng", "049": "Quảng Nam", "051": "Quảng Ngãi", "052": "Bình Định",
    "054": "Phú Yên", "056": "Khánh Hòa", "058": "Ninh Thuận", "060": "Bình Thuận", "062": "Kon Tum",
    "064": "Gia Lai", "066": "Đắk Lắk", "067": "Đắk Nông", "068": "Lâm Đồng", "070": "Bình Phước",
    "072": "Tây Ninh", "074": "Bình Dương", "075": "Đồng Nai", "077": "Bà Rịa - Vũng Tàu",
    "079": "Hồ Chí Minh", "080": "Long An", "082": "Tiền Giang", "083": "Bến Tre", "084": "Trà Vinh",
    "086": "Vĩnh Long", "087": "Đồng Tháp", "089": "An Giang", "091": "Kiên Giang", "092": "Cần Thơ",
    "093": "Hậu Giang", "094": "Sóc Trăng", "095": "Bạc Liêu", "096": "Cà Mau",
}  # fmt: skip

# gender/century digit -> (first year of the century, gender)
_CENTURY = {
    "0": (1900, "male"), "1": (1900, "female"), "2": (2000, "male"), "3": (2000, "female"),
    "4": (2100, "male"), "5": (2100, "female"), "6": (2200, "male"), "7": (2200, "female"),
    "8": (2300, "male"), "9": (2300, "female"),
}  # fmt: skip

_GENDER_WORDS = {"male": gettext_lazy("male"), "female": gettext_lazy("female")}

# Separators people type when copying the number from the card; never part of the number.
_SEPARATORS = re.compile(r"[\s.\-]")
_ASCII_DIGIT = frozenset("0123456789")


def normalize_cccd(value: str) -> str:
    """The number without the spaces, dots or dashes people type between groups of digits."""
    return _SEPARATORS.sub("", value or "")


def looks_like_cccd(value: str) -> bool:
    """Twelve ASCII digits: the shape of a CCCD number (and so of a citizen's login)."""
    return len(value) == 12 and set(value) <= _ASCII_DIGIT


def validate_cccd(value: str, *, date_of_birth: dt.date | None = None, gender: str | None = None) -> None:
    """Raise ValidationError with a precise message when the number cannot be a CCCD number
    (or cannot be the number of someone born on ``date_of_birth`` with ``gender``)."""
    number = value or ""
    validate_cccd_structure(number)
    if date_of_birth is not None:
        _check_birth(number, date_of_birth)
    else:
        _check_not_future(number)
    if gender:
        validate_cccd_gender(number, gender)


def validate_cccd_structure(number: str) -> None:
    """Twelve digits starting with a province code: what can be checked with nothing else known."""
    _check_shape(number)
    province = number[:3]
    if province not in PROVINCE_CODES:
        raise ValidationError(
            gettext("The first three digits (%(code)s) are not a province code from the official list."),
            code="cccd_province",
            params={"code": province},
        )


def validate_cccd_gender(number: str, gender: str) -> None:
    """The fourth digit against the gender (``male``/``female``); a well-structured number is assumed."""
    digit = number[3]
    coded_gender = _CENTURY[digit][1]
    if gender in _GENDER_WORDS and gender != coded_gender:
        raise ValidationError(
            gettext(
                "The fourth digit (%(digit)s) is for a %(coded)s person, but the gender given is %(given)s."
            ),
            code="cccd_gender",
            params={"digit": digit, "coded": _GENDER_WORDS[coded_gender], "given": _GENDER_WORDS[gender]},
        )


def _check_birth(number: str, date_of_birth: dt.date) -> None:
    digit = number[3]
    century_start = _CENTURY[digit][0]
    if not century_start <= date_of_birth.year < century_start + 100:
        raise ValidationError(
            gettext(
                "The fourth digit (%(digit)s) means born in %(start)d–%(end)d, "
                "which does not match the date of birth %(dob)s."
            ),
            code="cccd_century",
            params={"digit": digit, "start": century_start, "end": century_start + 99,
                    "dob": date_text(date_of_birth)},
        )  # fmt: skip
    if date_of_birth.year != birth_year(number):
        raise ValidationError(
            gettext("Digits 5–6 (%(yy)s) must be the last two digits of the year of birth (%(year)d)."),
            code="cccd_year",
            params={"yy": number[4:6], "year": date_of_birth.year},
        )


def _check_not_future(number: str) -> None:
    year = birth_year(number)
    if year > dt.date.today().year:
        raise ValidationError(
            gettext("Digits 4–6 (%(digits)s) mean born in %(year)d, which is in the future."),
            code="cccd_year",
            params={"digits": number[3:6], "year": year},
        )


def _check_shape(number: str) -> None:
    for position, char in enumerate(number, start=1):
        if char not in _ASCII_DIGIT:
            # Say which character, since "²" or a full-width "１" look like digits but are not.
            raise ValidationError(
                gettext("Only digits 0–9 are allowed: character %(position)d (“%(char)s”) is not one."),
                code="cccd_format",
                params={"position": position, "char": char},
            )
    if len(number) != 12:
        raise ValidationError(
            gettext("The personal identification number has 12 digits; you entered %(count)d."),
            code="cccd_length",
            params={"count": len(number)},
        )


def birth_year(number: str) -> int:
    century_start, _gender = _CENTURY[number[3]]
    return century_start + int(number[4:6])
