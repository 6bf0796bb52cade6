"""A small province for the readiness board's tests, built through the owning apps' services where they exist:
the province with its centre, and communes that ``commune_ready`` makes green on every computed item (a
published centre with its hotline, a commune-level procedure published there and taken by the NPSP, the four
kinds of staff, the chair's certificate and the People's Committee's, an incoming register connected to the
axis, a passed trial run). The manual items stay for each test to confirm."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.utils import timezone

from accounts.models import User
from axis.models import Connection
from documents.models import Register
from hotlines.models import Hotline
from outbox.models import OutboxMessage
from procedures.models import ProcedureVersion
from reports.readiness.services import trial_run_record
from signatures import services as signatures
from tests.factories import AgencyFactory, CommuneFactory, ProvinceFactory, ServiceCentreFactory, UserFactory
from tests.procedures.factories import publish_new
from units.models import AdministrativeUnit, Agency, ServiceCentre

PIN = "246813"


@dataclass
class Commune:
    unit: AdministrativeUnit
    agency: Agency
    centre: ServiceCentre
    staff: dict[str, User] = field(default_factory=dict)

    @property
    def leader(self) -> User:
        return self.staff[User.Role.LEADER]


@dataclass
class World:
    province: AdministrativeUnit
    agency: Agency  # the provincial People's Committee
    centre: ServiceCentre  # the provincial centre
    admin: User
    communes: list[Commune] = field(default_factory=list)
    _codes: int = 0

    def commune(self, name: str) -> Commune:
        """A commune with its People's Committee and its published centre (address, hours), nothing more."""
        index = len(self.communes) + 1
        unit = CommuneFactory(name=name, kind=AdministrativeUnit.Kind.WARD, parent=self.province,
                              code=f"{7000 + index:05d}")
        agency = AgencyFactory(code=f"H22.{30 + index}", name=f"Ủy ban nhân dân {name.lower()}", unit=unit,
                               is_people_committee=True)
        centre = ServiceCentreFactory(slug=f"ward-{index}", name=f"Trung tâm Phục vụ hành chính công {name.lower()}",
                                      level=ServiceCentre.Level.COMMUNE, agency=agency, unit=unit)
        commune = Commune(unit=unit, agency=agency, centre=centre)
        self.communes.append(commune)
        return commune

    def publish(self, *centres: ServiceCentre, delivered: bool = True, **overrides) -> ProcedureVersion:
        """A commune-level procedure published through the catalogue's service; ``delivered``: the NPSP took it."""
        self._codes += 1
        version = publish_new(f"1.{990000 + self._codes:06d}", self.admin, centres=centres,
                              agency=self.agency, **overrides)
        if delivered:
            deliver(version)
        return version

    def commune_ready(self, name: str) -> Commune:
        commune = self.commune(name)
        Hotline.objects.create(number="02033825678", label="Đường dây nóng", centre=commune.centre)
        self.publish(commune.centre)
        for role in (User.Role.OFFICER, User.Role.SPECIALIST, User.Role.LEADER, User.Role.CLERK):
            commune.staff[role] = UserFactory(role=role, agency=commune.agency, full_name=f"Cán bộ {role} {name}",
                                              centre=commune.centre if role == User.Role.OFFICER else None)
        issue(self.admin, commune.leader)
        organisation(self.admin, commune.agency)
        register = Register.objects.create(agency=commune.agency, direction="incoming", name="Sổ văn bản đến")
        assert register.is_active
        now = timezone.now()
        Connection.objects.create(agency=commune.agency, registered_at=now, last_success_at=now)
        trial_run_record(started_at=now - dt.timedelta(hours=1), finished_at=now, ok=True, centres=[commune.centre],
                         dossiers=12, on_time_rate=1)
        return commune


def world_make() -> World:
    signatures.ca_init()
    province = ProvinceFactory()
    agency = AgencyFactory(code="H22", name="Ủy ban nhân dân tỉnh Quảng Ninh", unit=province, is_people_committee=True)
    centre = ServiceCentreFactory(slug="tinh", name="Trung tâm Phục vụ hành chính công tỉnh", agency=agency,
                                  unit=province, level=ServiceCentre.Level.PROVINCE)
    admin = UserFactory(admin=True, username="quantri", full_name="Đặng Văn Hùng", agency=agency)
    return World(province=province, agency=agency, centre=centre, admin=admin)


def deliver(version: ProcedureVersion) -> None:
    OutboxMessage.objects.filter(topic=OutboxMessage.Topic.PROCEDURE, subject=f"procedure:{version.procedure.code}",
                                 sequence=version.number).update(status=OutboxMessage.Status.DELIVERED,
                                                                 delivered_at=timezone.now())


def issue(admin: User, official: User):
    request = signatures.certificate_request_create(admin=admin, official=official)
    request = signatures.certificate_request_approve(request=request, admin=admin)
    return signatures.certificate_issue(request=request, official=official, pin=PIN, pin_confirm=PIN)


def organisation(admin: User, agency: Agency):
    request = signatures.certificate_request_create(admin=admin, agency=agency)
    return signatures.certificate_request_approve(request=request, admin=admin).certificate

