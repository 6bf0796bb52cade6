"""What the public page of answers may show (Decree 13/2023 on personal data; the national system publishes
answers without the person's identity): the petition's subject, content and answer with the petitioner's and
the named official's names and address, phone numbers, e-mail addresses, identity and other long numbers
masked (also the names of the staff of the agencies concerned, wherever they appear). Names are found with or without diacritics and in any case ("nguyen van an" too). The officials
read the masked text before it is published and can correct it."""

from __future__ import annotations

import re
import unicodedata

from accounts.models import User
from feedback.models import Petition

_EMAIL = re.compile(r"([\w.+-])[\w.+-]*@([\w-]+(?:\.[\w-]+)+)", re.UNICODE)
# Phone, CCCD, bank account...: a run of 9 or more digits, spaces, dots or hyphens between them allowed.
_NUMBER = re.compile(r"(?<![\w])\+?\d(?:[\s.\-]?\d){8,}(?![\w])")
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


def _mask_phrase(text: str, phrase: str, replacement: str) -> str:
    phrase = " ".join(unicodedata.normalize("NFC", phrase or "").split())
    if len(phrase) < 3:
        return text
    words = [re.escape(_plain_text(w)) for w in phrase.split()]
    pattern = re.compile(r"(?<!\w)" + r"\s+".join(words) + r"(?!\w)")
    plain = _plain_text(text)
    pieces, last = [], 0
    for match in pattern.finditer(plain):
        pieces += [text[last:match.start()], replacement]
        last = match.end()
    return "".join(pieces) + text[last:]


def _mask_number(match: re.Match) -> str:
    digits = re.sub(r"\D", "", match.group(0))
    return "*" * (len(digits) - 3) + digits[-3:]


def mask(text: str, *, names: list[str] = (), addresses: list[str] = ()) -> str:
    text = unicodedata.normalize("NFC", text or "")
    for address in addresses:
        text = _mask_phrase(text, address, "***")
    for name in sorted(names, key=len, reverse=True):
        text = _mask_phrase(text, name, _initials(name))
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
    # A petition about conduct names the official in its text more often than in its form: the staff of the
    # agency holding it (and of the centre it is about) are masked wherever their names appear.
    staff = User.objects.filter(is_active=True).exclude(role=User.Role.CITIZEN).exclude(full_name="")
    agencies = {petition.agency_id, petition.centre.agency_id if petition.centre_id else None} - {None}
    names += list(staff.filter(agency_id__in=agencies).values_list("full_name", flat=True)[:2000])
    addresses = [petition.address] if petition.address else []
    return {
        "public_title": mask(petition.title, names=names, addresses=addresses)[:200],
        "public_content": mask(petition.content, names=names, addresses=addresses),
        "public_answer": mask(petition.answer, names=names, addresses=addresses),
    }
