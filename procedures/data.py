"""The content of a procedure version as plain, immutable values.

Forms, the API and the Excel import all build a ``VersionData`` and hand it to the services, so the
catalogue's rules run on one shape whatever the source. Import these from ``procedures.services``."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from portal.text import nfc
from portal.timeunits import TimeUnit

if TYPE_CHECKING:
    from procedures.models import Field, ProcedureVersion
    from units.models import Agency, ServiceCentre


@dataclass(frozen=True)
class ComponentData:
    """Thành phần hồ sơ."""

    name: str
    name_en: str = ""
    originals: int = 1
    copies: int = 0
    is_mandatory: bool = True


@dataclass(frozen=True)
class FeeData:
    """Phí, lệ phí (amount in VND)."""

    description: str
    description_en: str = ""
    amount: int = 0


def names_a_draft(name: str) -> bool:
    """A step called "... dự thảo kết quả" (draft the result) is where the result is drafted."""
    return "dự thảo" in nfc(name).casefold()


@dataclass(frozen=True)
class StepData:
    """One step of the internal process; ``duration`` is in the version's processing-time unit.
    ``drafts_result`` left out (None) follows the step's name (``names_a_draft``), so the Excel import and
    catalogues written before the flag existed mark their drafting steps."""

    name: str
    responsible_role: str
    duration: Decimal
    name_en: str = ""
    responsible_agency: Agency | None = None
    drafts_result: bool | None = None

    def __post_init__(self):
        if self.drafts_result is None:
            object.__setattr__(self, "drafts_result", names_a_draft(self.name or ""))


@dataclass(frozen=True)
class VersionData:
    name: str
    field: Field
    level: str
    agency: Agency
    processing_time: Decimal
    processing_time_unit: str = TimeUnit.WORKING_DAYS
    name_en: str = ""
    result_type: str = ""
    result_type_en: str = ""
    legal_basis: str = ""
    conditions: str = ""
    cutoff_hour: datetime.time | None = None
    online_level: str = "partial"
    channel_online: bool = True
    channel_counter: bool = True
    channel_post: bool = False
    regardless_of_residence: bool = True
    issues_paper_original: bool = True
    centres: tuple[ServiceCentre, ...] = ()
    components: tuple[ComponentData, ...] = ()
    fees: tuple[FeeData, ...] = ()
    steps: tuple[StepData, ...] = ()


# Scalar attributes copied 1:1 between VersionData and ProcedureVersion.
SCALAR_FIELDS = (
    "name", "name_en", "field", "level", "agency", "processing_time", "processing_time_unit",
    "result_type", "result_type_en", "legal_basis", "conditions", "cutoff_hour", "online_level",
    "channel_online", "channel_counter", "channel_post", "regardless_of_residence", "issues_paper_original",
)


def version_data(version: ProcedureVersion) -> VersionData:
    """The content of a stored version (one query per child list unless prefetched)."""
    return VersionData(
        **{name: getattr(version, name) for name in SCALAR_FIELDS},
        centres=tuple(version.centres.all()),
        components=tuple(
            ComponentData(
                name=c.name, name_en=c.name_en, originals=c.originals, copies=c.copies,
                is_mandatory=c.is_mandatory,
            )
            for c in version.components.all()
        ),
        fees=tuple(
            FeeData(description=f.description, description_en=f.description_en, amount=f.amount)
            for f in version.fees.all()
        ),
        steps=tuple(
            StepData(
                name=s.name, name_en=s.name_en, responsible_role=s.responsible_role, duration=s.duration,
                responsible_agency=s.responsible_agency, drafts_result=s.drafts_result,
            )
            for s in version.steps.all()
        ),
    )
