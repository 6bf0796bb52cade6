"""Vietnamese text helpers: NFC normalisation and the accent-free forms used for search."""

import re
import unicodedata
from dataclasses import dataclass

_D = str.maketrans({"đ": "d", "Đ": "D"})


def nfc(value: str) -> str:
    return unicodedata.normalize("NFC", value or "")


def fold(value: str) -> str:
    """Lower-case, without diacritics: "Đăng ký khai sinh" -> "dang ky khai sinh"."""
    decomposed = unicodedata.normalize("NFD", (value or "").translate(_D))
    stripped = "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")
    return " ".join(stripped.lower().split())


# The open syllables whose vowel /i/ Vietnamese spells either way (kí/ký, lí/lý, mĩ/mỹ, hi/hy, tì/tỳ,
# sĩ/sỹ, Vi/Vy, quí/quý): the whole word is one of these onsets and a single i or y. Only there are both
# spellings in use; y after a vowel (tay, thủy, huy, khuya), y or i inside a word (kiến, yêu, quyết, uyên),
# i after another onset (thì, chi, khi, phí, gì) and y alone (ý) are left as they are.
_IY_ONSETS = ("qu", "h", "k", "l", "m", "s", "t", "v")
_OPEN_I = re.compile(rf"\b({'|'.join(_IY_ONSETS)})i\b")


def search_fold(value: str) -> str:
    """The form that search compares, on both sides (the stored text and the query): ``fold``, then each
    word that is an onset of ``_IY_ONSETS`` followed by i spelt with y, the spelling of most official
    texts: "Đăng kí khai sinh" and "Đăng ký khai sinh" -> "dang ky khai sinh"; "Thủy" stays "thuy",
    distinct from "thui". Every change keeps the length, so positions in the text stay those of ``fold``."""
    return _OPEN_I.sub(r"\1y", fold(value))


_OPEN_IY_WORD = re.compile(rf"({'|'.join(_IY_ONSETS)})[iy]")


def spelt_i_or_y(word: str) -> bool:
    """Whether a folded word is one of the syllables ``search_fold`` unifies, spelt either way: "ky",
    "ki", "quy", "li"; not "kiến", "thuy" or "chi"."""
    return bool(_OPEN_IY_WORD.fullmatch(word))


# Function words that say nothing about which procedure is meant ("khai sinh cho con"), as search_fold
# spells them. Only words whose folded form is not also a content word of procedure names: "để" (đê,
# dyke), "tại" (tái, re-), "mà" (mã, code), "thì" (thi, exam), "khi" (khí, gas), "được" (dược, pharmacy),
# "ở" (ô tô), "về" (bản vẽ), "làm" (lâm nghiệp), "cần" (căn cước), "cũng" (cung cấp) are not in it.
FUNCTION_WORDS = frozenset({
    "cac", "cho", "con", "cua", "gi", "hoac", "la", "mot", "muon", "nao", "nay", "nhu", "nhung", "theo",
    "trong", "va", "voi",
})

# Words of a query beyond this are ignored: each one adds conditions to the query.
MAX_SEARCH_WORDS = 8


@dataclass(frozen=True)
class SearchWord:
    """One word of a query. ``forms`` are the spellings to look for in text stored with ``search_fold``:
    the unified one, and the word as folded when that differs, so a part of a word still finds what it
    found before ("li" finds "Lý" and "Linh")."""

    forms: tuple[str, ...]
    is_function_word: bool


def search_words(query: str) -> list[SearchWord]:
    """The distinct words of ``query`` (the first ``MAX_SEARCH_WORDS``), in order."""
    words: dict[str, SearchWord] = {}
    for folded in fold(query).split():
        unified = search_fold(folded)
        if unified not in words:
            forms = (unified,) if unified == folded else (unified, folded)
            words[unified] = SearchWord(forms=forms, is_function_word=unified in FUNCTION_WORDS)
    return list(words.values())[:MAX_SEARCH_WORDS]
