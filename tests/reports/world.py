"""A small province for the reports' tests: the provincial People's Committee and its Office (which issues the
daily report), two communes with their centres, two resolving agencies, one account per kind of reader, and
dossiers made by hand with exactly the timestamps a figure depends on."""

from __future__ import annotations

import datetime as dt
import itertools
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from accounts.models import User
from documents.models import DocumentType, OrgUnit
from dossiers.models import Dossier
from tests.factories import (
    AgencyFactory,
    CommuneFactory,
    ProcedureVersionFactory,
    ProvinceFactory,
    ServiceCentreFactory,
    UserFactory,
)
from units.services import calendar_seed

HCM = ZoneInfo("Asia/Ho_Chi_Minh")
# Tuesday 8 December 2026, the report's day; the report is built at 17:00.
DAY = dt.date(2026, 12, 8)
BUILT = dt.datetime(2026, 12, 8, 17, 0, tzinfo=HCM)
_codes = itertools.count(1)


def at(day: int, hour: int = 9, minute: int = 0, month: int = 12) -> dt.datetime:
    return dt.datetime(2026, month, day, hour, minute, tzinfo=HCM)


@dataclass
class World:
    province: object
    committee: object
    office: object
    commune_a: object
    commune_b: object
    centre_a: object
    centre_b: object
    agency_x: object
    agency_y: object
    version_x: object
    version_y: object
    admin: User
    office_leader: User
    office_clerk: User
    committee_leader: User
    other_leader: User
    specialist: User
    citizen: User


def make_world() -> World:
    calendar_seed(years=[2026, 2027])
    province = ProvinceFactory()
    committee = AgencyFactory(code="H22", name="Ủy ban nhân dân tỉnh Quảng Ninh", unit=province,
                              is_people_committee=True)
    office = AgencyFactory(code="H22.01", name="Văn phòng Ủy ban nhân dân tỉnh", unit=province, parent=committee)
    commune_a = CommuneFactory(name="Phường Hạ Long", parent=province)
    commune_b = CommuneFactory(name="Xã Quảng Tân", parent=province)
    ward_a = AgencyFactory(name="Ủy ban nhân dân phường Hạ Long", unit=commune_a, is_people_committee=True)
    ward_b = AgencyFactory(name="Ủy ban nhân dân xã Quảng Tân", unit=commune_b, is_people_committee=True)
    centre_a = ServiceCentreFactory(name="Trung tâm Phục vụ hành chính công phường Hạ Long", agency=ward_a,
                                    unit=commune_a, level="commune")
    centre_b = ServiceCentreFactory(name="Trung tâm Phục vụ hành chính công xã Quảng Tân", agency=ward_b,
                                    unit=commune_b, level="commune")
    agency_x = AgencyFactory(name="Sở Tư pháp", unit=province, parent=committee)
    agency_y = AgencyFactory(name="Sở Xây dựng", unit=province, parent=committee)
    OrgUnit.objects.create(agency=office, code="TH", name="Phòng Tổng hợp")
    DocumentType.objects.get_or_create(code="bao-cao", defaults={"name": "Báo cáo", "abbreviation": "BC"})
    return World(
        province=province, committee=committee, office=office, commune_a=commune_a, commune_b=commune_b,
        centre_a=centre_a, centre_b=centre_b, agency_x=agency_x, agency_y=agency_y,
        version_x=ProcedureVersionFactory(agency=agency_x, name="Đăng ký khai sinh"),
        version_y=ProcedureVersionFactory(agency=agency_y, name="Cấp giấy phép xây dựng"),
        admin=UserFactory(admin=True, username="quantri", email="quantri@example.gov.vn"),
        office_leader=UserFactory(role=User.Role.LEADER, agency=office, username="chanhvanphong",
                                  full_name="Bùi Thị Lan", position="Chánh Văn phòng Ủy ban nhân dân tỉnh",
                                  email="lan@example.gov.vn"),
        office_clerk=UserFactory(role=User.Role.CLERK, agency=office, username="vanthu"),
        committee_leader=UserFactory(role=User.Role.LEADER, agency=committee, username="chutich",
                                     email="chutich@example.gov.vn"),
        other_leader=UserFactory(role=User.Role.LEADER, agency=agency_x, username="giamdoc",
                                 email="giamdoc@example.gov.vn"),
        specialist=UserFactory(role=User.Role.SPECIALIST, agency=office, username="chuyenvien"),
        citizen=UserFactory(username="022090012345", cccd="022090012345"),
    )


def dossier(world: World, *, centre=None, version=None, channel=Dossier.Channel.ONLINE,
            state=Dossier.State.IN_PROGRESS, received=None, due=None, ready=None, closed=None) -> Dossier:
    """A dossier with exactly these moments (received_at, due_at, result_ready_at, closed_at)."""
    centre = centre or world.centre_a
    return Dossier.objects.create(
        code=f"H22-261208-{next(_codes):04d}", state=state, channel=channel, procedure_version=version or world.version_x,
        centre=centre, created_by=world.admin, applicant_name="Nguyễn Văn An", applicant_cccd="022090012345",
        submitted_at=received, received_at=received, due_at=due, result_ready_at=ready, closed_at=closed)
