"""The fixed part of the bench data set, made through the ORM (a few hundred rows): a province, its
agencies and centres, published procedures, the officials whose pages are timed."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.utils import timezone

from accounts.models import User
from procedures.models import Field, Procedure, ProcedureVersion, PublicationDecision
from units.models import AdministrativeUnit, Agency, ServiceCentre

AGENCIES = 60  # the provincial centre's agency (index 0, the one timed) and 59 commune-level ones
PROCEDURES = 12


@dataclass
class World:
    agency_ids: list[int]
    centre_ids: list[int]
    agency_codes: list[str]
    version_ids: list[int]
    creator_id: int
    specialist: User


def build() -> World:
    now = timezone.now()
    province = AdministrativeUnit.objects.create(code="22", name="Tỉnh Quảng Ninh", kind="province")
    agencies, centres = [], []
    for index in range(AGENCIES):
        unit = province if index == 0 else AdministrativeUnit.objects.create(
            code=f"{20000 + index}", name=f"Phường Thử Nghiệm {index}", kind="ward", parent=province)
        agency = Agency.objects.create(code=f"000.{index // 10 + 10:02d}.{index % 10 + 10:02d}.H49",
                                       name=f"Ủy ban nhân dân {unit.name}", unit=unit,
                                       is_people_committee=index > 0)
        agencies.append(agency)
        centres.append(ServiceCentre.objects.create(
            slug=f"bench-{index}", name=f"Trung tâm Phục vụ hành chính công {unit.name}",
            level="province" if index == 0 else "commune", agency=agency, unit=unit, address="Số 1 Trần Hưng Đạo",
            opening_hours="Thứ Hai – Thứ Sáu: 07:30 – 11:30, 13:00 – 17:00", is_published=True))
    admin = User.objects.create(username="bench.admin", full_name="Quản trị", role="admin", agency=agencies[0])
    creator = User.objects.create(username="bench.motcua", full_name="Lê Văn Cường", role="officer",
                                  agency=agencies[0], centre=centres[0])
    specialist = User.objects.create(username="bench.chuyenvien", full_name="Phạm Thị Dung", role="specialist",
                                     agency=agencies[0])
    field = Field.objects.create(code="ho-tich", name="Hộ tịch")
    decision = PublicationDecision.objects.create(number="01/QĐ-UBND-BENCH", signed_on=dt.date(2025, 6, 30),
                                                  signer="Trần Văn Ký", created_by=admin)
    versions = []
    for index in range(PROCEDURES):
        procedure = Procedure.objects.create(code=f"1.{1000 + index:06d}")
        version = ProcedureVersion.objects.create(
            procedure=procedure, number=1, status="published", name=f"Thủ tục thử nghiệm số {index + 1}",
            field=field, level="commune", agency=agencies[index % AGENCIES], processing_time=Decimal("3"),
            online_level="full", decision=decision, effective_from=dt.date(2025, 7, 1), published_at=now)
        version.centres.set(centres)
        versions.append(version)
    return World(agency_ids=[a.pk for a in agencies], centre_ids=[c.pk for c in centres],
                 agency_codes=[a.code for a in agencies], version_ids=[v.pk for v in versions],
                 creator_id=creator.pk, specialist=specialist)
