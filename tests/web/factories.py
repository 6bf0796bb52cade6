"""Published procedures for the public-page tests, written through the catalogue's own services so the
rows (search text included) are exactly what the portal would hold."""

import datetime as dt
import itertools
from decimal import Decimal

from hotlines.models import Hotline
from procedures.models import ProcedureVersion
from procedures.services import (
    ComponentData,
    FeeData,
    StepData,
    VersionData,
    decision_create,
    procedure_draft_save,
    procedure_publish,
)
from tests.factories import AgencyFactory, FieldFactory, ProvinceFactory, UserFactory

_numbers = itertools.count(1)

BIRTH_COMPONENTS = (
    ComponentData(name="Tờ khai đăng ký khai sinh theo mẫu", name_en="Birth registration form"),
    ComponentData(name="Giấy chứng sinh", name_en="Birth certificate from the hospital", copies=1),
    ComponentData(name="Văn bản ủy quyền", name_en="Power of attorney", originals=1, is_mandatory=False),
)
BIRTH_STEPS = (
    StepData(name="Tiếp nhận, kiểm tra hồ sơ", name_en="Receive and check the dossier",
             responsible_role="officer", duration=Decimal("0.5")),
    StepData(name="Thẩm định, trình ký", name_en="Examine and submit for signature",
             responsible_role="specialist", duration=Decimal("1.5")),
    StepData(name="Ký giấy khai sinh", name_en="Sign the birth certificate",
             responsible_role="leader", duration=Decimal("1")),
)


def admin_user():
    return UserFactory(admin=True)


def publish(
    code: str,
    name: str,
    *,
    admin=None,
    name_en: str = "",
    field=None,
    agency=None,
    level: str = ProcedureVersion.Level.COMMUNE,
    online_level: str = ProcedureVersion.OnlineLevel.PARTIAL,
    processing_time: Decimal = Decimal("3"),
    centres: tuple = (),
    components: tuple = BIRTH_COMPONENTS,
    steps: tuple = BIRTH_STEPS,
    fees: tuple = (),
    effective_from: dt.date = dt.date(2025, 7, 1),
    **extra,
) -> ProcedureVersion:
    """Draft and publish one procedure; returns the version in force."""
    admin = admin or admin_user()
    data = VersionData(
        name=name, name_en=name_en,
        field=field or FieldFactory(code="ho-tich", name="Hộ tịch", name_en="Civil status"),
        level=level, agency=agency or AgencyFactory(), processing_time=processing_time,
        online_level=online_level, centres=tuple(centres), components=components, steps=steps, fees=fees,
        **extra,
    )
    draft = procedure_draft_save(code=code, data=data, actor=admin)
    decision = decision_create(
        number=f"{next(_numbers)}/QĐ-UBND-WEB", signed_on=min(effective_from, dt.date.today()),
        signer="Trần Văn Ký", signer_position="Chủ tịch", actor=admin,
    )
    [version] = procedure_publish(versions=[draft], decision=decision, effective_from=effective_from, actor=admin)
    return version


def publish_many(count: int, *, admin=None, name: str = "Thủ tục thử nghiệm số {n}", start: int = 100000,
                 effective_from: dt.date = dt.date(2025, 7, 1), **common) -> list[ProcedureVersion]:
    """``count`` procedures published together under one decision (codes 1.100000, 1.100001, ...);
    ``common`` goes to every VersionData (field, agency, centres, ...)."""
    admin = admin or admin_user()
    common.setdefault("field", FieldFactory(code="ho-tich", name="Hộ tịch", name_en="Civil status"))
    common.setdefault("agency", AgencyFactory())
    common.setdefault("level", ProcedureVersion.Level.PROVINCE)
    common.setdefault("processing_time", Decimal("3"))
    common.setdefault("components", BIRTH_COMPONENTS)
    common.setdefault("steps", BIRTH_STEPS)
    drafts = [
        procedure_draft_save(
            code=f"1.{start + n:06d}", data=VersionData(name=name.format(n=n + 1), **common), actor=admin
        )
        for n in range(count)
    ]
    decision = decision_create(
        number=f"{next(_numbers)}/QĐ-UBND-WEB", signed_on=min(effective_from, dt.date.today()),
        signer="Trần Văn Ký", signer_position="Chủ tịch", actor=admin,
    )
    return procedure_publish(versions=drafts, decision=decision, effective_from=effective_from, actor=admin)


def birth_registration(**overrides) -> ProcedureVersion:
    """Đăng ký khai sinh, with components, steps and a free fee."""
    values = {
        "name_en": "Birth registration",
        "result_type": "Giấy khai sinh",
        "result_type_en": "Birth certificate",
        "legal_basis": "Luật Hộ tịch 2014\nNghị định 123/2015/NĐ-CP",
        "fees": (FeeData(description="Lệ phí đăng ký khai sinh đúng hạn", description_en="Registration fee", amount=0),),
        **overrides,
    }
    return publish("1.001193", "Đăng ký khai sinh", **values)


def province_with_hotline(number: str = "18001096") -> Hotline:
    ProvinceFactory()
    return Hotline.objects.create(number=number, label="Đường dây nóng của tỉnh", label_en="Province hotline")
