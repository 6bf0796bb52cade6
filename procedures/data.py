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
    filled_by_form: bool = False


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
class FormFieldData:
    """One field of the electronic form (tờ khai điện tử); see procedures.models.FormField. ``options``
    (choice fields) are the Vietnamese answers, ``options_en`` their English labels in the same order."""

    key: str
    label: str
    type: str = "text"
    label_en: str = ""
    section: str = ""
    section_en: str = ""
    required: bool = True
    options: tuple[str, ...] = ()
    options_en: tuple[str, ...] = ()
    help_text: str = ""
    help_text_en: str = ""
    max_length: int | None = None
    min_value: Decimal | None = None
    max_value: Decimal | None = None
    not_future: bool = False


FORM_FIELD_ATTRIBUTES = (
    "key", "label", "type", "label_en", "section", "section_en", "required", "options", "options_en", "help_text",
    "help_text_en", "max_length", "min_value", "max_value", "not_future",
)


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
    payment_timing: str = "none"
    channel_online: bool = True
    channel_counter: bool = True
    channel_post: bool = False
    regardless_of_residence: bool = True
    issues_paper_original: bool = True
    centres: tuple[ServiceCentre, ...] = ()
    components: tuple[ComponentData, ...] = ()
    fees: tuple[FeeData, ...] = ()
    steps: tuple[StepData, ...] = ()
    form_fields: tuple[FormFieldData, ...] = ()


# Scalar attributes copied 1:1 between VersionData and ProcedureVersion.
SCALAR_FIELDS = (
    "name", "name_en", "field", "level", "agency", "processing_time", "processing_time_unit",
    "result_type", "result_type_en", "legal_basis", "conditions", "cutoff_hour", "online_level",
    "payment_timing", "channel_online", "channel_counter", "channel_post", "regardless_of_residence", "issues_paper_original",
)


def version_data(version: ProcedureVersion) -> VersionData:
    """The content of a stored version (one query per child list unless prefetched)."""
    return VersionData(
        **{name: getattr(version, name) for name in SCALAR_FIELDS},
        centres=tuple(version.centres.all()),
        components=tuple(
            ComponentData(
                name=c.name, name_en=c.name_en, originals=c.originals, copies=c.copies,
                is_mandatory=c.is_mandatory, filled_by_form=c.filled_by_form,
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
        form_fields=tuple(form_field_data(f) for f in version.form_fields.all()),
    )


def form_field_data(field) -> FormFieldData:
    """A stored FormField (or anything with its attributes) as FormFieldData."""
    values = {name: getattr(field, name) for name in FORM_FIELD_ATTRIBUTES}
    values["options"] = tuple(values["options"] or ())
    values["options_en"] = tuple(values["options_en"] or ())
    return FormFieldData(**values)
