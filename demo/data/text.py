"""Vietnamese names written without diacritics, for English names and URL slugs."""

import unicodedata

_D = str.maketrans({"đ": "d", "Đ": "D"})


def ascii_title(value: str) -> str:
    """ "Móng Cái 1" -> "Mong Cai 1": diacritics removed, case kept."""
    decomposed = unicodedata.normalize("NFD", value.translate(_D))
    return "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")


def slugify_vi(value: str) -> str:
    """ "Hạ Long" -> "ha-long"."""
    return "-".join(ascii_title(value).lower().split())
