"""The catalogue's rules: the one place that says whether a procedure version's content is acceptable.

``procedure_data_errors`` returns every problem at once, keyed by field name, so a form can show them
next to the fields, the API can return them in ``extra["errors"]`` and the Excel import can list them per
row. Messages are English msgids; the Vietnamese catalogue translates them."""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from portal.text import nfc
from portal.timeunits import TimeUnit
from procedures.data import ComponentData, FeeData, StepData, VersionData
from procedures.models import InternalProcessStep, ProcedureVersion
from procedures.validators import validate_procedure_code
from units.models import ServiceCentre

# Units counted on the working-day calendar: only they have a daily cut-off hour.
CUTOFF_UNITS = (TimeUnit.WORKING_DAYS, TimeUnit.WORKING_HOURS)
# Calendar time counts whole days and months (Civil Code art. 147–148); fractions have no meaning there.
WHOLE_UNITS = (TimeUnit.DAYS, TimeUnit.MONTHS)
# Mirrors the DecimalField(max_digits=7, decimal_places=2) of processing_time and step duration.
MAX_DURATION = Decimal("99999.99")


def amount_text(value: Decimal, unit: str) -> str:
    """ "12 working days", "1 working day", "0.5 working days"."""
    number = _number(value)
    # ngettext needs an integer; fractional amounts read as plural in English.
    count = int(value) if value == value.to_integral_value() else 2
    forms = {
        TimeUnit.WORKING_DAYS: ngettext("%(n)s working day", "%(n)s working days", count),
        TimeUnit.WORKING_HOURS: ngettext("%(n)s working hour", "%(n)s working hours", count),
        TimeUnit.DAYS: ngettext("%(n)s day", "%(n)s days", count),
        TimeUnit.MONTHS: ngettext("%(n)s month", "%(n)s months", count),
    }
    return forms.get(unit, f"%(n)s {unit}") % {"n": number}


def procedure_data_errors(*, code: str, data: VersionData) -> dict[str, list[str]]:
    """Every rule problem, keyed by field name; an empty dict when the content is valid.

    Keys: code, name, name_en, result_type, result_type_en, field, agency, level, processing_time,
    processing_time_unit, cutoff_hour, online_level, channels, centres, components, fees, steps."""
    errors: dict[str, list[str]] = defaultdict(list)
    try:
        validate_procedure_code((code or "").strip())
    except ValidationError as exc:
        errors["code"].extend(exc.messages)

    if not nfc(data.name).strip():
        errors["name"].append(_("Enter the name of the procedure."))
    for name in ("name", "name_en", "result_type", "result_type_en"):
        limit = ProcedureVersion._meta.get_field(name).max_length
        if len(nfc(getattr(data, name)).strip()) > limit:
            errors[name].append(_("Use at most %(limit)d characters.") % {"limit": limit})
    if data.field is None or data.field.pk is None:
        errors["field"].append(_("Choose the field of the procedure."))
    if data.agency is None or data.agency.pk is None:
        errors["agency"].append(_("Choose the implementing agency."))
    if data.level not in ProcedureVersion.Level.values:
        errors["level"].append(_("Choose the level: provincial or commune."))

    unit_ok = data.processing_time_unit in TimeUnit.values
    if not unit_ok:
        errors["processing_time_unit"].append(_("Choose the unit of the processing time."))
    legal = _duration(data.processing_time)
    if legal is None:
        errors["processing_time"].append(
            _("The processing time must be a number greater than 0 with at most two decimals.")
        )
    elif unit_ok and data.processing_time_unit in WHOLE_UNITS and legal != legal.to_integral_value():
        errors["processing_time"].append(
            _("A time counted in calendar days or months must be a whole number; use working days or hours "
              "for fractions."))
    if data.cutoff_hour is not None and unit_ok and data.processing_time_unit not in CUTOFF_UNITS:
        errors["cutoff_hour"].append(
            _("A daily cut-off hour only applies to times counted in working days or working hours; "
              "remove it or change the unit.")
        )

    if data.online_level not in ProcedureVersion.OnlineLevel.values:
        errors["online_level"].append(_("Choose the online service level."))
    elif data.online_level != ProcedureVersion.OnlineLevel.NONE and not data.channel_online:
        errors["online_level"].append(
            _("A procedure with partial or full-process online service must accept dossiers online.")
        )
    if not (data.channel_online or data.channel_counter or data.channel_post):
        errors["channels"].append(
            _("Choose at least one way to submit a dossier: online, at the counter or by post.")
        )

    errors["centres"].extend(centre_errors(data.centres))
    errors["components"].extend(component_errors(data.components))
    errors["fees"].extend(fee_errors(data.fees))
    errors["steps"].extend(
        step_errors(data.steps, legal=legal, unit=data.processing_time_unit if unit_ok else None)
    )
    return {key: messages for key, messages in errors.items() if messages}


def step_errors(steps: tuple[StepData, ...], *, legal: Decimal | None, unit: str | None) -> list[str]:
    """Per-step problems, then the total against the legal processing time (naming the excess)."""
    messages = []
    total = Decimal(0)
    for position, step in enumerate(steps, start=1):
        if not nfc(step.name).strip():
            messages.append(_("Step %(position)d: enter its name.") % {"position": position})
        if step.responsible_role not in InternalProcessStep.Role.values:
            messages.append(_("Step %(position)d: choose who is responsible.") % {"position": position})
        duration = _duration(step.duration)
        if duration is None:
            messages.append(
                _("Step %(position)d: the duration must be a number greater than 0 with at most two decimals.")
                % {"position": position}
            )
        elif unit in WHOLE_UNITS and duration != duration.to_integral_value():
            messages.append(
                _("Step %(position)d: a duration in calendar days or months must be a whole number.")
                % {"position": position}
            )
        else:
            total += duration
    if not messages and legal is not None and unit is not None and total > legal:
        messages.append(
            _("The steps take %(total)s in total, %(excess)s more than the legal processing time of "
              "%(legal)s.")
            % {
                "total": amount_text(total, unit),
                "excess": amount_text(total - legal, unit),
                "legal": amount_text(legal, unit),
            }
        )
    return messages


def component_errors(components: tuple[ComponentData, ...]) -> list[str]:
    messages = []
    seen: dict[str, int] = {}
    for position, component in enumerate(components, start=1):
        name = nfc(component.name).strip()
        if not name:
            messages.append(_("Component %(position)d: enter its name.") % {"position": position})
            continue
        # Diacritics matter in Vietnamese ("bản" and "bàn" differ), so compare case- and space-insensitively only.
        key = " ".join(name.casefold().split())
        if key in seen:
            messages.append(
                _('Component %(position)d repeats "%(name)s" (already component %(first)d).')
                % {"position": position, "name": name, "first": seen[key]}
            )
        else:
            seen[key] = position
        if not (0 <= component.originals <= 100 and 0 <= component.copies <= 100):
            messages.append(
                _("Component %(position)d: the number of originals and copies must be between 0 and 100.")
                % {"position": position}
            )
    return messages


def fee_errors(fees: tuple[FeeData, ...]) -> list[str]:
    messages = []
    for position, fee in enumerate(fees, start=1):
        if not nfc(fee.description).strip():
            messages.append(_("Fee %(position)d: describe what it is for.") % {"position": position})
        if not isinstance(fee.amount, int) or fee.amount < 0:
            messages.append(
                _("Fee %(position)d: the amount must be a whole number of đồng, 0 or more.")
                % {"position": position}
            )
    return messages


def centre_errors(centres: tuple[ServiceCentre, ...]) -> list[str]:
    ids = {centre.pk for centre in centres}
    if not ids:
        return []
    # Read the flag from the database: the objects handed in may be stale.
    published = set(ServiceCentre.objects.filter(pk__in=ids, is_published=True).values_list("pk", flat=True))
    return [
        _("%(centre)s is not a published service centre.") % {"centre": centre.name}
        for centre in centres
        if centre.pk not in published
    ]


def _duration(value) -> Decimal | None:
    """The value as a positive Decimal with at most two decimals that fits the column, else None."""
    try:
        number = Decimal(str(value))
    except (InvalidOperation, TypeError, ValueError):
        return None
    if not number.is_finite() or number <= 0 or number > MAX_DURATION or number != number.quantize(Decimal("0.01")):
        return None
    return number


def _number(value: Decimal) -> str:
    """12 rather than 12.00; 0.5 rather than 5E-1."""
    return format(value.normalize(), "f")
