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


@dataclass(frozen=True)
class Letterhead:
    superior: str  # cơ quan chủ quản, e.g. "UBND phường Hạ Long" (printed in capitals)
    issuer: str  # cơ quan ban hành, e.g. "Trung tâm Phục vụ hành chính công phường Hạ Long"
    place: str  # địa danh, e.g. "Hạ Long"
    date: datetime.date


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
    """A document an agency issues itself (the result): its superior body above its own name."""
    if agency.is_people_committee and _PEOPLES_COMMITTEE.match(agency.name):
        # "ỦY BAN NHÂN DÂN" above "PHƯỜNG HẠ LONG", as a People's Committee heads its own documents.
        rest = _PEOPLES_COMMITTEE.sub("", agency.name)
        superior, issuer = agency.name[: len(agency.name) - len(rest)].strip(), rest
    else:
        superior, issuer = (short_name(agency.parent) if agency.parent_id else ""), agency.name
    return Letterhead(superior=superior, issuer=issuer, place=place_name(agency.unit), date=_local_date(on))
