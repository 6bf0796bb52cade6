"""What the public page of answers may show (Decree 13/2023 on personal data; the national system publishes
answers without the person's identity): the petition's subject, content and answer with the petitioner's and
the named official's names and address, phone numbers, e-mail addresses, identity and other long numbers
masked (also the names of the province's officials, wherever they appear). Names are found with or without diacritics and in any case ("nguyen van an" too). The officials
read the masked text before it is published and can correct it."""

from __future__ import annotations

import re
import unicodedata

from accounts.models import User
from feedback.models import Petition

_EMAIL = re.compile(r"([\w.+-])[\w.+-]*@([\w-]+(?:\.[\w-]+)+)", re.UNICODE)
# Phone, CCCD, bank account...: a run of 9 or more digits, spaces, dots or hyphens between them allowed.
_NUMBER = re.compile(r"(?<![\w])\+?\d(?:[\s.\-]?\d){8,}(?![\w])")
MAX_STAFF_NAMES = 50_000
_DOSSIER_CODE = re.compile(r"\b([\w.]+-\d{6}-)(\d{4})\b")


def _plain(char: str) -> str:
    """One character without its diacritics, lower case: the same length as the text it comes from."""
    if char in "đĐ":
        return "d"
    base = unicodedata.normalize("NFD", char)[0]
    return base.lower() if len(base.lower()) == 1 else char


def _plain_text(text: str) -> str:
    return "".join(_plain(c) for c in text)


def _initials(name: str) -> str:
    return ".".join(word[0].upper() for word in name.split() if word) + "."


def _phrase_pattern(phrase: str) -> str | None:
    words = " ".join(unicodedata.normalize("NFC", phrase or "").split()).split()
    if len(" ".join(words)) < 3:
        return None
    return r"\s+".join(re.escape(_plain_text(w)) for w in words)


def _mask_phrases(text: str, phrases: dict[str, str]) -> str:
    """Each phrase (a key, compared without diacritics or case, spaces loose) replaced by its value; one pass
    over the text with one pattern, the longest phrases first, so thousands of names cost one scan."""
    patterns = {}
    for phrase, replacement in phrases.items():
        pattern = _phrase_pattern(phrase)
        if pattern is not None:
            patterns.setdefault(pattern, replacement)
    if not patterns:
        return text
    ordered = sorted(patterns, key=len, reverse=True)
    combined = re.compile(r"(?<!\w)(?:" + "|".join(f"({p})" for p in ordered) + r")(?!\w)")
    plain = _plain_text(text)
    pieces, last = [], 0
    for match in combined.finditer(plain):
        replacement = patterns[ordered[match.lastindex - 1]]
        if replacement.endswith(".") and plain[match.end():match.end() + 1] == ".":
            replacement = replacement[:-1]  # "ông N.V.A." at the end of a sentence, not "N.V.A.."
        pieces += [text[last:match.start()], replacement]
        last = match.end()
    return "".join(pieces) + text[last:]


def _mask_number(match: re.Match) -> str:
    digits = re.sub(r"\D", "", match.group(0))
    return "*" * (len(digits) - 3) + digits[-3:]


def mask(text: str, *, names: list[str] = (), addresses: list[str] = ()) -> str:
    text = unicodedata.normalize("NFC", text or "")
    text = _mask_phrases(text, {address: "***" for address in addresses})
    text = _mask_phrases(text, {name: _initials(name) for name in names if name.strip()})
    text = _EMAIL.sub(lambda m: f"{m.group(1)}***@{m.group(2)}", text)
    text = _DOSSIER_CODE.sub(lambda m: m.group(1) + "****", text)
    return _NUMBER.sub(_mask_number, text)


def masked_publication(petition: Petition) -> dict[str, str]:
    """The public subject, content and answer of ``petition``."""
    names = [n for n in (petition.name, petition.official_name) if n]
    if petition.citizen_id and petition.citizen.full_name:
        names.append(petition.citizen.full_name)
    if petition.dossier_id:
        names.append(petition.dossier.applicant_name)
    # A petition about conduct names the official in its text more often than in its form: every official of
    # the province is masked wherever their name appears (one pattern, one scan of each text).
    staff = User.objects.filter(is_active=True).exclude(role=User.Role.CITIZEN).exclude(full_name="")
    names += list(staff.values_list("full_name", flat=True)[:MAX_STAFF_NAMES])
    addresses = [petition.address] if petition.address else []
    return {
        "public_title": mask(petition.title, names=names, addresses=addresses)[:200],
        "public_content": mask(petition.content, names=names, addresses=addresses),
        "public_answer": mask(petition.answer, names=names, addresses=addresses),
    }
