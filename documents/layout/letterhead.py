"""The standard header of a Vietnamese administrative document (Decree 30/2020/NĐ-CP): on the left the
superior body and the issuing body, on the right the national title and motto, then the place and date."""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

from django.utils import timezone

from units.models import Agency, ServiceCentre

# The kind of unit in front of its name: "Phường Hạ Long" is dated "Hạ Long, ngày ...".
_UNIT_KIND = re.compile(r"^(tỉnh|thành phố|phường|xã|đặc khu)\s+", re.IGNORECASE)
_PEOPLES_COMMITTEE = re.compile(r"^ủy ban nhân dân\s+", re.IGNORECASE)
# Signers' titles (authority): where a position names its agency, a deputy, and the titles of a head.
# "Chánh Văn phòng" is a title: the office named after it is not the agency.
_AGENCY_IN_POSITION = re.compile(r"(?<!chánh)\s+(?=(?:ủy|uỷ) ban\b|sở\b|trung tâm\b|văn phòng\b)", re.IGNORECASE)
_DEPUTY = re.compile(r"^phó\s+(.+)$", re.IGNORECASE)
_HEAD = re.compile(r"^(chủ tịch|giám đốc|trưởng|chánh|thủ trưởng|cục trưởng|chi cục trưởng)\b", re.IGNORECASE)


@dataclass(frozen=True)
class Letterhead:
    superior: str  # cơ quan chủ quản, e.g. "UBND phường Hạ Long" (printed in capitals); "" for none
    issuer: str  # cơ quan ban hành, e.g. "Trung tâm Phục vụ hành chính công phường Hạ Long"
    place: str  # địa danh, e.g. "Hạ Long"
    date: datetime.date

    @property
    def date_line(self) -> str:
        """"Hạ Long, ngày 07 tháng 12 năm 2026": the day with two digits, the month with two only when it
        is January or February (Decree 30/2020, Appendix I: "ngày 05 tháng 01", "ngày 10 tháng 3")."""
        month = f"{self.date.month:02d}" if self.date.month <= 2 else str(self.date.month)
        return f"{self.place}, ngày {self.date.day:02d} tháng {month} năm {self.date.year}"


def place_name(unit) -> str:
    return _UNIT_KIND.sub("", unit.name).strip()


def short_name(agency: Agency) -> str:
    """"Ủy ban nhân dân tỉnh Quảng Ninh" -> "UBND tỉnh Quảng Ninh", as superior bodies are written."""
    return _PEOPLES_COMMITTEE.sub("UBND ", agency.name)


def _local_date(moment) -> datetime.date:
    if moment is None:
        return timezone.localdate()
    if isinstance(moment, datetime.datetime):
        return timezone.localdate(moment)
    return moment


def for_centre(centre: ServiceCentre, *, on=None) -> Letterhead:
    """A slip of the receiving centre (bộ phận một cửa): under its People's Committee."""
    agency = centre.agency
    if agency.is_people_committee:
        superior = short_name(agency)
    elif agency.parent_id:
        superior = short_name(agency.parent)
    else:
        superior = f"UBND {centre.unit.name}"
    return Letterhead(superior=superior, issuer=centre.name, place=place_name(centre.unit), date=_local_date(on))


def for_agency(agency: Agency, *, on=None) -> Letterhead:
    """A document an agency issues itself (the result, an apology letter, a stop notice): its superior body
    above its own name. A People's Committee has none above it: its name alone, set "ỦY BAN NHÂN DÂN" /
    "PHƯỜNG HẠ LONG" in bold, as it heads its own documents."""
    if agency.is_people_committee and _PEOPLES_COMMITTEE.match(agency.name):
        superior = ""
    else:
        superior = short_name(agency.parent) if agency.parent_id else ""
    return Letterhead(superior=superior, issuer=agency.name, place=place_name(agency.unit), date=_local_date(on))


def authority(agency: Agency, signer) -> list[str]:
    """The lines above a signature (Decree 30/2020, Appendix I, box 7a–7b), upper case: who signs in whose
    name. A People's Committee is a collective body: its chair signs "TM. ỦY BAN NHÂN DÂN" / "CHỦ TỊCH",
    a vice-chair adds "KT. CHỦ TỊCH"; the deputy head of another agency signs "KT." its head's title.
    Another official signs as the agency's representative, with their position when it is recorded."""
    position = " ".join((getattr(signer, "position", "") or "").split())
    # A position may name its agency ("Chủ tịch Ủy ban nhân dân phường Hạ Long"): the title is its head.
    title = _AGENCY_IN_POSITION.split(position, maxsplit=1)[0]
    deputy = _DEPUTY.match(title)
    head = deputy.group(1) if deputy else title
    if not head or not _HEAD.match(head):
        return [line.upper() for line in ("Đại diện cơ quan giải quyết", title) if line]
    lines = [f"KT. {head}", title] if deputy else [title]
    if agency.is_people_committee:
        lines.insert(0, "TM. Ủy ban nhân dân")
    return [line.upper() for line in lines]
