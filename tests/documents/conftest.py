"""A People's Committee with its units, officials and registers, and a second agency to send to: the
cast of the document tests."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from accounts.models import User
from documents.models import DocumentType, OrgUnit, Register, UnitMembership
from tests.factories import AgencyFactory, UserFactory


@dataclass
class Office:
    agency: object
    office: OrgUnit  # Văn phòng (VP)
    culture: OrgUnit  # Phòng Văn hóa - Xã hội (VX)
    clerk: User
    leader: User
    head: User  # heads the culture unit
    specialist: User  # works in the culture unit
    other: User  # a specialist of the office unit
    outgoing: Register
    incoming: Register
    secret_outgoing: Register
    secret_incoming: Register


def office_make(code: str, name: str, short: str) -> Office:
    agency = AgencyFactory(code=code, name=name, is_people_committee=True)
    office = OrgUnit.objects.create(agency=agency, code="VP", name="Văn phòng")
    culture = OrgUnit.objects.create(agency=agency, code="VX", name="Phòng Văn hóa - Xã hội")

    def official(role, username, full_name, unit=None, head=False):
        user = UserFactory(role=role, username=f"{short}-{username}", full_name=full_name, agency=agency)
        if unit is not None:
            UnitMembership.objects.create(unit=unit, user=user, is_head=head)
        return user

    cast = Office(
        agency=agency, office=office, culture=culture,
        clerk=official(User.Role.CLERK, "vanthu", "Lê Thị Văn Thư", office),
        leader=official(User.Role.LEADER, "chutich", "Trần Văn Chủ Tịch"),
        head=official(User.Role.SPECIALIST, "truongphong", "Phạm Văn Trưởng", culture, head=True),
        specialist=official(User.Role.SPECIALIST, "chuyenvien", "Nguyễn Thị Chuyên", culture),
        other=official(User.Role.SPECIALIST, "vanphong", "Đỗ Văn Phòng", office),
        outgoing=Register.objects.create(agency=agency, direction="outgoing", name="Sổ văn bản đi"),
        incoming=Register.objects.create(agency=agency, direction="incoming", name="Sổ văn bản đến"),
        secret_outgoing=Register.objects.create(agency=agency, direction="outgoing", name="Sổ văn bản đi mật",
                                                secret=True),
        secret_incoming=Register.objects.create(agency=agency, direction="incoming", name="Sổ văn bản đến mật",
                                                secret=True),
    )
    return cast


@pytest.fixture
def office(db) -> Office:
    """UBND xã Tân Hòa (short "UBND"), the sender in most tests."""
    return office_make("000.00.31.H01", "Ủy ban nhân dân xã Tân Hòa", "th")


@pytest.fixture
def other_office(db) -> Office:
    """UBND xã Bình An: another agency in the portal."""
    return office_make("000.00.32.H01", "Ủy ban nhân dân xã Bình An", "ba")


@pytest.fixture
def decision_type(db) -> DocumentType:
    return DocumentType.objects.get(abbreviation="QĐ")


@pytest.fixture
def letter_type(db) -> DocumentType:
    return DocumentType.objects.get(code="cong-van")


# The outgoing flow's fixtures (certificates, its settings), kept beside its helpers.
from tests.documents.outgoing_helpers import certified, outgoing_env  # noqa: E402, F401
