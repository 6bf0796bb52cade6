"""The fixed part of the documents bench (a few hundred rows, through the ORM): a province's People's
Committees with an internal unit each, and the officials of the first one whose pages are timed — its
clerk (văn thư, for search) and five handlers (the first is timed for the worklist)."""

from __future__ import annotations

from dataclasses import dataclass

from accounts.models import User
from documents.models import DocumentType, OrgUnit, UnitMembership
from units.models import AdministrativeUnit, Agency

AGENCIES = 50  # the timed agency (index 0) and 49 others
HANDLERS = 5


@dataclass
class DocumentsWorld:
    agency_ids: list[int]
    agency_codes: list[str]
    agency_names: list[str]
    unit_ids: list[int]
    type_ids: dict[str, int]  # code -> id
    type_abbreviations: dict[str, str]
    clerk: User
    leader: User
    handlers: list[User]


def build() -> DocumentsWorld:
    province = AdministrativeUnit.objects.create(code="D22", name="Tỉnh Văn Bản", kind="province")
    agencies, units = [], []
    for index in range(AGENCIES):
        unit = province if index == 0 else AdministrativeUnit.objects.create(
            code=f"D{30000 + index}", name=f"Xã Văn Bản {index}", kind="commune", parent=province)
        agency = Agency.objects.create(code=f"000.{index // 10 + 40:02d}.{index % 10 + 10:02d}.D22",
                                       name=f"Ủy ban nhân dân {unit.name.lower().capitalize()}"
                                       if index else "Ủy ban nhân dân tỉnh Văn Bản", unit=unit,
                                       is_people_committee=True)
        agencies.append(agency)
        units.append(OrgUnit.objects.create(agency=agency, code="VP", name="Văn phòng"))
    home = agencies[0]

    def official(role, username, full_name):
        user = User.objects.create(username=f"bench.vb.{username}", full_name=full_name, role=role, agency=home)
        UnitMembership.objects.create(unit=units[0], user=user)
        return user

    clerk = official(User.Role.CLERK, "vanthu", "Lê Thị Văn Thư")
    leader = official(User.Role.LEADER, "chutich", "Trần Văn Chủ Tịch")
    handlers = [official(User.Role.SPECIALIST, f"chuyenvien{i}", f"Nguyễn Văn Chuyên {i}") for i in range(HANDLERS)]
    types = {t.code: t for t in DocumentType.objects.all()}
    return DocumentsWorld(
        agency_ids=[a.pk for a in agencies], agency_codes=[a.code for a in agencies],
        agency_names=[a.name for a in agencies], unit_ids=[u.pk for u in units],
        type_ids={code: t.pk for code, t in types.items()},
        type_abbreviations={code: t.abbreviation for code, t in types.items()},
        clerk=clerk, leader=leader, handlers=handlers,
    )
