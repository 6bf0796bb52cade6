"""Where the name of an agency may break across lines. A Vietnamese word is often several syllables, each
written apart ("Hạ Long", "hành chính"), so a break at any space can split a word, and a place name split
over two lines ("HẠ / LONG") is a mistake no official document makes. A name is cut here into the pieces a
line may end between: the words of administrative names that are more than one syllable, and the locality
(its kind and its proper name: "phường Hạ Long") as one piece; lines break before the locality first, as
letterheads are set ("TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG" / "PHƯỜNG HẠ LONG")."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from portal.text import nfc

NBSP = "\u00a0"

# Words of more than one syllable found in the names of agencies, centres and their units (lower case).
# A name's word that is not listed is taken syllable by syllable: a break may then fall inside it, but
# never inside a locality or a proper name.
COMPOUNDS = frozenset(nfc(word.strip()) for word in """
    ủy ban nhân dân|uỷ ban nhân dân|ủy ban|uỷ ban|nhân dân|hành chính công|hội đồng|văn phòng|trung tâm|phục vụ|hành chính|một cửa|bộ phận|tiếp nhận|
    trả kết quả|kết quả|liên thông|chi nhánh|đăng ký|đất đai|tư pháp|tài chính|xây dựng|nông nghiệp|
    môi trường|y tế|giáo dục|đào tạo|công thương|nội vụ|khoa học|công nghệ|văn hóa|văn hoá|thể thao|du lịch|
    dân tộc|tôn giáo|thanh tra|quản lý|kinh tế|công an|quân sự|kế hoạch|đầu tư|giao thông|vận tải|
    tài nguyên|lao động|thương binh|xã hội|thông tin|truyền thông|ngoại vụ|bảo hiểm|hạ tầng|đô thị|
    phát triển|dịch vụ|công ích|công nghiệp|khu vực|cơ quan|đơn vị|doanh nghiệp|hộ tịch|chứng thực|
    kho bạc|nhà nước|biên phòng|cảnh sát|phòng cháy|chữa cháy|cứu nạn|cứu hộ|điều tra|hải quan|
    thống kê|bảo trợ|trật tự|an toàn|an ninh|chính quyền|địa phương|cộng hòa|cộng hoà|chủ nghĩa|việt nam
""".replace("\n", "").split("|") if word.strip())
_LONGEST = max(len(word.split()) for word in COMPOUNDS)
# The kinds of administrative unit that introduce a locality: "phường Hạ Long", "tỉnh Quảng Ninh".
UNIT_KINDS = (("thành", "phố"), ("thị", "xã"), ("thị", "trấn"), ("đặc", "khu"), ("tỉnh",), ("phường",),
              ("xã",), ("huyện",), ("quận",))


@dataclass(frozen=True)
class Piece:
    """Syllables a line never breaks between; ``locality`` marks a unit's kind and name."""

    text: str
    locality: bool = False


def _is_proper(syllable: str) -> bool:
    return syllable[:1].isupper() or syllable[:1].isdigit()


def pieces(name: str) -> list[Piece]:
    """The name cut where a line may end, in its own case."""
    syllables = nfc(name).split()
    lowered = [s.lower().strip(",.;") for s in syllables]
    found: list[Piece] = []
    i = 0
    while i < len(syllables):
        kind = next((k for k in UNIT_KINDS if tuple(lowered[i:i + len(k)]) == k), None)
        if kind is not None:
            end = i + len(kind)
            # the unit's proper name: its capitalised syllables (or number), up to a comma
            while end < len(syllables) and _is_proper(syllables[end]) and not syllables[end - 1].endswith(","):
                end += 1
            if end > i + len(kind):
                found.append(Piece(" ".join(syllables[i:end]), locality=True))
                i = end
                continue
        size = next((n for n in range(min(_LONGEST, len(syllables) - i), 1, -1)
                     if " ".join(lowered[i:i + n]) in COMPOUNDS and not syllables[i + n - 2].endswith(",")), 1)
        if size == 1 and i > 0 and _is_proper(syllables[i]) and found and not found[-1].locality:
            # a proper name without its unit's kind ("Ban Quản lý Khu kinh tế Quảng Ninh"): a run of
            # capitalised syllables that are no listed word stays together
            run = i + 1
            while (run < len(syllables) and _is_proper(syllables[run]) and not syllables[run - 1].endswith(",")
                   and not any(" ".join(lowered[run:run + n]) in COMPOUNDS for n in range(2, _LONGEST + 1))):
                run += 1
            if run - i > 1:
                found.append(Piece(" ".join(syllables[i:run])))
                i = run
                continue
        found.append(Piece(" ".join(syllables[i:i + size])))
        i += size
    return found


def unbroken(name: str) -> str:
    """The name with non-breaking spaces inside its words and its locality, for running text: a line of
    the body may end between words, never inside one."""
    return " ".join(piece.text.replace(" ", NBSP) for piece in pieces(name))


def lines(name: str, *, width: float, measure: Callable[[str], float], upper: bool = False,
          locality_apart: bool = False) -> list[str]:
    """The name set on as few lines of ``width`` as its pieces allow, breaking only between pieces and as
    evenly as possible; with ``locality_apart``, the locality starts a line of its own, as an issuing
    body's name is set ("ỦY BAN NHÂN DÂN" / "PHƯỜNG HẠ LONG"). A single piece wider than the line is
    broken between its syllables, as a last resort."""
    parts = pieces(name)
    texts = [p.text.upper() if upper else p.text for p in parts]
    if not texts:
        return []
    cut = next((i for i, p in enumerate(parts) if p.locality and i > 0), None) if locality_apart else None
    if cut is not None:
        return (_balanced(texts[:cut], width=width, measure=measure)
                + _balanced(texts[cut:], width=width, measure=measure))
    return _balanced(texts, width=width, measure=measure)


def _balanced(texts: list[str], *, width: float, measure: Callable[[str], float]) -> list[str]:
    """Fewest lines, then the longest of them as short as possible (centred lines look even)."""
    texts = [t for text in texts for t in ([text] if measure(text) <= width else text.split())]
    n = len(texts)
    # best[i]: (number of lines, longest line) for texts[i:], and where its first line ends
    best: list[tuple[int, float, int]] = [(0, 0.0, n)] * (n + 1)
    for i in range(n - 1, -1, -1):
        choice = None
        for j in range(i + 1, n + 1):
            line_width = measure(" ".join(texts[i:j]))
            if line_width > width and j > i + 1:
                break
            count, longest, _end = best[j]
            candidate = (count + 1, max(longest, line_width), j)
            if choice is None or candidate[:2] < choice[:2]:
                choice = candidate
        best[i] = choice
    found, i = [], 0
    while i < n:
        j = best[i][2]
        found.append(" ".join(texts[i:j]))
        i = j
    return found


