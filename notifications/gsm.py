"""How many SMS segments a text takes (3GPP TS 23.038): GSM-7 when every character is in the default alphabet
(160 a segment, 153 when concatenated; the extension table's characters ``^{}\\[~]|€`` and the form feed cost
two septets), otherwise UCS-2 (70, or 67 concatenated, counted in UTF-16 code units). Standard library only:
the mock gateway counts with it too."""

from __future__ import annotations

import math

GSM7_BASIC = frozenset(
    "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
    "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà"
)
GSM7_EXTENSION = frozenset("^{}\\[~]|€\f")
GSM7, UCS2 = "gsm7", "ucs2"


def is_gsm7(text: str) -> bool:
    return all(c in GSM7_BASIC or c in GSM7_EXTENSION for c in text)


def units(text: str) -> tuple[str, int]:
    """The alphabet the text needs and its length in that alphabet's units (septets or UTF-16 code units)."""
    if is_gsm7(text):
        return GSM7, sum(2 if c in GSM7_EXTENSION else 1 for c in text)
    return UCS2, len(text.encode("utf-16-le")) // 2


def segments(text: str) -> int:
    """The number of SMS the text is sent as (0 for an empty text)."""
    alphabet, length = units(text)
    single, multi = (160, 153) if alphabet == GSM7 else (70, 67)
    if length <= single:
        return 1 if length else 0
    return math.ceil(length / multi)


def capacity(alphabet: str, count: int) -> int:
    """How many units ``count`` segments hold in ``alphabet``."""
    single, multi = (160, 153) if alphabet == GSM7 else (70, 67)
    return single if count <= 1 else count * multi
