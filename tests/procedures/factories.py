"""Helpers for catalogue tests: valid VersionData and a published procedure in one call."""

import datetime as dt
from dataclasses import replace
from decimal import Decimal

from procedures.services import (
    ComponentData,
    FeeData,
    StepData,
    VersionData,
    decision_create,
    procedure_draft_save,
    procedure_publish,
)
from tests.factories import AgencyFactory, FieldFactory, ServiceCentreFactory


def make_data(**overrides) -> VersionData:
    """A valid version: 10 working days, three steps totalling 9.5, two components, one fee."""
    if "field" not in overrides:
        overrides["field"] = FieldFactory(code="ho-tich", name="Hộ tịch", name_en="Civil status")
    if "agency" not in overrides:
        overrides["agency"] = AgencyFactory()
    if "centres" not in overrides:
        overrides["centres"] = (ServiceCentreFactory(),)
    base = VersionData(
        name="Đăng ký khai sinh",
        name_en="Birth registration",
        field=overrides["field"],
        level="commune",
        agency=overrides["agency"],
        processing_time=Decimal("10"),
        result_type="Giấy khai sinh",
        components=(
            ComponentData(name="Tờ khai đăng ký khai sinh"),
            ComponentData(name="Giấy chứng sinh", copies=1),
        ),
        fees=(FeeData(description="Lệ phí đăng ký khai sinh", amount=0),),
        steps=(
            StepData(name="Tiếp nhận hồ sơ", responsible_role="officer", duration=Decimal("0.5")),
            StepData(name="Thẩm định", responsible_role="specialist", duration=Decimal("7")),
            StepData(name="Phê duyệt", responsible_role="leader", duration=Decimal("2")),
        ),
    )
    return replace(base, **overrides)


_decisions = iter(range(1, 10**6))


def publish_new(code: str, admin, *, effective_from=dt.date(2025, 7, 1), **overrides):
    """Save a draft of ``code`` and publish it; returns the published version."""
    draft = procedure_draft_save(code=code, data=make_data(**overrides), actor=admin)
    decision = decision_create(
        number=f"{next(_decisions)}/QĐ-UBND-T", signed_on=min(effective_from, dt.date.today()),
        signer="Trần Văn Ký", signer_position="Chủ tịch", actor=admin,
    )
    [version] = procedure_publish(versions=[draft], decision=decision, effective_from=effective_from, actor=admin)
    return version
