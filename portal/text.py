"""Vietnamese text helpers: NFC normalisation and the accent-free form used for search."""

import unicodedata

_D = str.maketrans({"đ": "d", "Đ": "D"})


def nfc(value: str) -> str:
    return unicodedata.normalize("NFC", value or "")


def fold(value: str) -> str:
    """Lower-case, without diacritics: "Đăng ký khai sinh" -> "dang ky khai sinh"."""
    decomposed = unicodedata.normalize("NFD", (value or "").translate(_D))
    stripped = "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")
    return " ".join(stripped.lower().split())
