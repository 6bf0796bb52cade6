"""A small province for dossier tests, built through the real services: one commune centre and the
provincial centre, a published procedure received at both with the standard four-step process, and one
account per role. ``World`` gives the pieces; ``submitted``/``received``/... walk a dossier along."""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from accounts.models import User
from dossiers.models import Dossier
from dossiers.services import (
    ApplicantData,
    dossier_draft_save,
    dossier_receive,
    dossier_submit,
    step_complete,
)
from procedures.models import ProcedureVersion
from procedures.services import (
    ComponentData,
    StepData,
    VersionData,
    decision_create,
    procedure_draft_save,
    procedure_publish,
)
from tests.factories import (
    AgencyFactory,
    CommuneFactory,
    FieldFactory,
    ProvinceFactory,
    ServiceCentreFactory,
    UserFactory,
)
from units.calendar import calendar_cache_invalidate
from units.services import calendar_seed

CCCD_A = "022090012345"  # Quảng Ninh, male, born 1990
CCCD_B = "001195054321"  # Hà Nội, female, born 1995


def pdf_bytes(text: str = "Giấy chứng sinh") -> bytes:
    """A tiny but real PDF (one page)."""
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("helvetica", size=12)
    pdf.cell(text=text.encode("ascii", "replace").decode())
    return bytes(pdf.output())


def png_bytes() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (20, 20), "white").save(buffer, format="PNG")
    return buffer.getvalue()


def pdf_upload(name: str = "giay-chung-sinh.pdf", content: bytes | None = None) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content if content is not None else pdf_bytes(), content_type="application/pdf")


@dataclass
class World:
    province_agency: object
    commune_agency: object
    centre: object  # the commune's centre
    provincial_centre: object
    version: ProcedureVersion
    citizen: User
    other_citizen: User
    officer: User
    provincial_officer: User
    specialist: User
    leader: User
    clerk: User
    admin: User

    @property
    def components(self):
        return list(self.version.components.all())

    def applicant(self, **overrides) -> ApplicantData:
        values = {"name": "Nguyễn Văn An", "cccd": CCCD_A, "phone": "0912345678",
                  "email": "an@example.vn", "address": "Tổ 1, khu 2, phường Hạ Long"}
        values.update(overrides)
        return ApplicantData(**values)

    def uploads(self) -> dict:
        return {c.pk: pdf_upload() for c in self.components if c.is_mandatory}


STEPS = (
    StepData(name="Tiếp nhận, kiểm tra, số hóa hồ sơ và chuyển xử lý", name_en="Receive and check",
             responsible_role="officer", duration=Decimal("0.5")),
    StepData(name="Thẩm định hồ sơ, dự thảo kết quả", name_en="Examine and draft the result",
             responsible_role="specialist", duration=Decimal("1.5")),
    StepData(name="Xem xét, ký duyệt kết quả", name_en="Review and sign the result",
             responsible_role="leader", duration=Decimal("0.5")),
    StepData(name="Vào sổ, đóng dấu, chuyển kết quả về bộ phận một cửa", name_en="Register and send back",
             responsible_role="clerk", duration=Decimal("0.5")),
)


def scaled_steps(total: Decimal, *, whole: bool = False) -> tuple:
    """STEPS with durations in the same shares (1/6, 1/2, 1/6, 1/6) of ``total``; whole numbers (at least
    one each) with ``whole``, as calendar days and months must be."""
    shares = [Decimal(1) / 6, Decimal(1) / 2, Decimal(1) / 6]
    step = Decimal(1) if whole else Decimal("0.01")
    durations = [max((total * share).quantize(step, rounding="ROUND_DOWN"), step) for share in shares]
    durations.append(total - sum(durations))
    return tuple(StepData(name=s.name, name_en=s.name_en, responsible_role=s.responsible_role, duration=d)
                 for s, d in zip(STEPS, durations, strict=True))


def make_world(*, processing_time=Decimal("3"), unit="working_days", cutoff_hour=None, steps=None,
               seed_calendar=True) -> World:
    whole = unit in ("days", "months")
    steps = steps or (STEPS if processing_time == Decimal("3") and not whole
                      else scaled_steps(Decimal(processing_time), whole=whole))
    if seed_calendar:
        calendar_seed(years=range(2025, 2028))
        calendar_cache_invalidate()
    province = ProvinceFactory()
    commune = CommuneFactory(name="Phường Hạ Long", kind="ward", parent=province)
    province_agency = AgencyFactory(code="000.00.00.H49", name="Ủy ban nhân dân tỉnh Quảng Ninh", unit=province)
    commune_agency = AgencyFactory(code="000.01.49.H49", name="Ủy ban nhân dân phường Hạ Long", unit=commune,
                                   is_people_committee=True)
    centre = ServiceCentreFactory(slug="ha-long", name="Trung tâm Phục vụ hành chính công phường Hạ Long",
                                  level="commune", agency=commune_agency, unit=commune)
    provincial_centre = ServiceCentreFactory(slug="tinh", name="Trung tâm Phục vụ hành chính công tỉnh",
                                             agency=AgencyFactory(code="000.20.49.H49", unit=province))
    admin = UserFactory(admin=True, username="quantri", agency=province_agency)
    data = VersionData(
        name="Đăng ký khai sinh", name_en="Birth registration",
        field=FieldFactory(code="ho-tich", name="Hộ tịch", name_en="Civil status"), level="commune",
        agency=commune_agency, processing_time=processing_time, processing_time_unit=unit, cutoff_hour=cutoff_hour,
        result_type="Giấy khai sinh", result_type_en="Birth certificate", online_level="full",
        centres=(centre, provincial_centre),
        components=(
            ComponentData(name="Tờ khai đăng ký khai sinh", name_en="Birth registration form"),
            ComponentData(name="Giấy chứng sinh", name_en="Medical birth notice", copies=1),
            ComponentData(name="Văn bản ủy quyền", name_en="Power of attorney", is_mandatory=False),
        ),
        steps=steps,
    )
    draft = procedure_draft_save(code="1.001193", data=data, actor=admin)
    decision = decision_create(number="01/QĐ-UBND-TEST", signed_on=dt.date(2025, 6, 30), signer="Trần Văn Ký",
                               signer_position="Chủ tịch", actor=admin)
    [version] = procedure_publish(versions=[draft], decision=decision, effective_from=dt.date(2025, 7, 1), actor=admin)

    def official(username, role, agency, centre=None, **extra):
        return UserFactory(username=username, role=role, agency=agency, centre=centre, **extra)

    return World(
        province_agency=province_agency, commune_agency=commune_agency, centre=centre,
        provincial_centre=provincial_centre, version=version,
        citizen=UserFactory(username=CCCD_A, cccd=CCCD_A, full_name="Nguyễn Văn An", gender="male",
                            date_of_birth=dt.date(1990, 5, 14)),  # as in the mock population database
        other_citizen=UserFactory(username=CCCD_B, cccd=CCCD_B, full_name="Trần Thị Bích", gender="female",
                                  date_of_birth=dt.date(1995, 3, 2)),
        officer=official("motcua", "officer", commune_agency, centre, full_name="Lê Văn Cường"),
        provincial_officer=official("motcua.tinh", "officer", provincial_centre.agency, provincial_centre),
        specialist=official("chuyenvien", "specialist", commune_agency, full_name="Phạm Thị Dung"),
        leader=official("lanhdao", "leader", commune_agency, full_name="Hoàng Văn Em", position="Chủ tịch"),
        clerk=official("vanthu", "clerk", commune_agency, full_name="Vũ Thị Giang"),
        admin=admin,
    )


def submitted(world: World, *, citizen: User | None = None, centre=None, **applicant) -> Dossier:
    citizen = citizen or world.citizen
    draft = dossier_draft_save(citizen=citizen, version=world.version, centre=centre or world.centre,
                               applicant=world.applicant(**applicant), uploads=world.uploads())
    return dossier_submit(dossier=draft, citizen=citizen)


def received(world: World, **kwargs) -> Dossier:
    dossier = submitted(world, **kwargs)
    return dossier_receive(dossier=dossier, officer=world.officer)


def result_ready(world: World, **kwargs) -> Dossier:
    dossier = received(world, **kwargs)
    step_complete(dossier=dossier, position=1, user=world.officer)
    step_complete(dossier=dossier, position=2, user=world.specialist)
    step_complete(dossier=dossier, position=3, user=world.leader, result=pdf_upload("ket-qua.pdf"))
    return step_complete(dossier=dossier, position=4, user=world.clerk)
