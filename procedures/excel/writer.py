"""Export the catalogue in the template's format, so an export can be edited and imported again."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet

from portal.spreadsheet import append_row, workbook_bytes
from procedures.excel.format import (
    CHANNELS,
    COMPONENTS,
    FEES,
    FIELD_TYPES,
    FORM,
    LEVELS,
    ONLINE_LEVELS,
    PAYMENT_TIMINGS,
    PROCEDURES,
    ROLES,
    STEPS,
    TIME_UNITS,
    YES_NO,
    Sheet,
)
from procedures.excel.template import workbook_skeleton
from procedures.models import InternalProcessStep, ProcedureVersion


def export_versions(*, include_drafts: bool = False) -> QuerySet[ProcedureVersion]:
    """The versions in force today, or, with ``include_drafts``, each procedure's draft where it has
    one and its version in force otherwise; loaded in a fixed number of queries."""
    versions = ProcedureVersion.objects.current()
    if include_drafts:
        draft = ProcedureVersion.objects.filter(procedure=OuterRef("procedure"), status=ProcedureVersion.Status.DRAFT)
        in_force = versions.exclude(Exists(draft)).values("pk")
        versions = ProcedureVersion.objects.filter(Q(status=ProcedureVersion.Status.DRAFT) | Q(pk__in=in_force))
    return (
        versions.select_related("procedure", "field", "agency")
        .prefetch_related(
            "centres", "components", "fees", "form_fields",
            Prefetch("steps", queryset=InternalProcessStep.objects.select_related("responsible_agency")),
        )
        .order_by("procedure__code")
    )


def template_file() -> bytes:
    return workbook_bytes(workbook_skeleton())


def catalogue_file(versions: Iterable[ProcedureVersion]) -> bytes:
    book = workbook_skeleton()

    def add(spec: Sheet, **values) -> None:
        # Rows are keyed by column, so moving a column in format.py moves it here too.
        append_row(book[spec.title], [values.get(column.key) for column in spec.columns])

    for version in versions:
        code = version.procedure.code
        add(PROCEDURES, **_procedure_values(version))
        for c in version.components.all():
            add(COMPONENTS, code=code, order=c.position, name=c.name, name_en=c.name_en, originals=c.originals,
                copies=c.copies, is_mandatory=_yes_no(c.is_mandatory), filled_by_form=_yes_no(c.filled_by_form))
        for f in version.fees.all():
            add(FEES, code=code, order=f.position, description=f.description, description_en=f.description_en,
                amount=f.amount)
        for s in version.steps.all():
            add(STEPS, code=code, order=s.position, name=s.name, name_en=s.name_en,
                responsible_role=ROLES.label(s.responsible_role),
                responsible_agency=s.responsible_agency.code if s.responsible_agency else None,
                duration=_number(s.duration))
        for f in version.form_fields.all():
            add(FORM, code=code, order=f.position, section=f.section, section_en=f.section_en, key=f.key,
                label=f.label, label_en=f.label_en, type=FIELD_TYPES.label(f.type), required=_yes_no(f.required),
                options="; ".join(f.options or ()), options_en="; ".join(f.options_en or ()), help_text=f.help_text,
                help_text_en=f.help_text_en, max_length=f.max_length,
                min_value=None if f.min_value is None else _number(f.min_value),
                max_value=None if f.max_value is None else _number(f.max_value), not_future=_yes_no(f.not_future))
    return workbook_bytes(book)


def _procedure_values(version: ProcedureVersion) -> dict:
    channels = [value for value, on in (("online", version.channel_online), ("counter", version.channel_counter),
                                        ("post", version.channel_post)) if on]
    return {
        "code": version.procedure.code, "name": version.name, "name_en": version.name_en,
        "field": version.field.code, "field_name": version.field.name, "level": LEVELS.label(version.level),
        "agency": version.agency.code, "result_type": version.result_type, "result_type_en": version.result_type_en,
        "legal_basis": version.legal_basis, "conditions": version.conditions,
        "processing_time": _number(version.processing_time),
        "processing_time_unit": TIME_UNITS.label(version.processing_time_unit), "cutoff_hour": version.cutoff_hour,
        "online_level": ONLINE_LEVELS.label(version.online_level),
        "payment_timing": PAYMENT_TIMINGS.label(version.payment_timing),
        "channels": ", ".join(CHANNELS.label(c) for c in channels),
        "regardless_of_residence": _yes_no(version.regardless_of_residence),
        "centres": ", ".join(sorted(centre.slug for centre in version.centres.all())),
    }


def _number(value: Decimal) -> int | float:
    """Whole numbers as integers; Excel has no decimal type and two decimals survive a float exactly."""
    return int(value) if value == value.to_integral_value() else float(value)


def _yes_no(value: bool) -> str:
    return YES_NO.label("yes" if value else "no")

