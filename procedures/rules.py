"""The catalogue's rules: the one place that says whether a procedure version's content is acceptable.

``procedure_data_errors`` returns every problem at once, keyed by field name, so a form can show them
next to the fields, the API can return them in ``extra["errors"]`` and the Excel import can list them per
row. Messages are English msgids; the Vietnamese catalogue translates them."""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from portal.text import fold, nfc
from portal.timeunits import TimeUnit
from procedures.data import ComponentData, FeeData, FormFieldData, StepData, VersionData
from procedures.models import FormField, InternalProcessStep, ProcedureVersion
from procedures.validators import validate_procedure_code
from units.models import ServiceCentre

# Units counted on the working-day calendar: only they have a daily cut-off hour.
CUTOFF_UNITS = (TimeUnit.WORKING_DAYS, TimeUnit.WORKING_HOURS)
# Calendar time counts whole days and months (Civil Code art. 147–148); fractions have no meaning there.
WHOLE_UNITS = (TimeUnit.DAYS, TimeUnit.MONTHS)
# Mirrors the DecimalField(max_digits=7, decimal_places=2) of processing_time and step duration.
MAX_DURATION = Decimal("99999.99")
# An e-form field's key names its answer in the dossier's data and the API: ASCII, stable, short.
FORM_KEY = re.compile(r"^[a-z][a-z0-9_]{0,39}$")
MAX_FORM_FIELDS = 100
# The longest answer a text field may allow (and the limit when the definition sets none).
TEXT_LIMITS = {FormField.Type.TEXT: 255, FormField.Type.LONG_TEXT: 2000}
MAX_TEXT_LIMIT = 5000
# Mirrors FormField.min_value/max_value: DecimalField(max_digits=15, decimal_places=2).
MAX_FORM_NUMBER = Decimal("9999999999999.99")


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
    processing_time_unit, cutoff_hour, online_level, payment_timing, channels, centres, components, fees, steps,
    form_fields."""
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
    if data.payment_timing not in ProcedureVersion.PaymentTiming.values:
        errors["payment_timing"].append(_("Choose when the fees are paid online."))
    elif data.payment_timing != ProcedureVersion.PaymentTiming.NONE and not any(f.amount for f in data.fees):
        # Under "fees": the back office's version form checks the fees with their inline, not with the version.
        errors["fees"].append(_("A procedure paid online must have a fee or charge with an amount."))
    if not (data.channel_online or data.channel_counter or data.channel_post):
        errors["channels"].append(
            _("Choose at least one way to submit a dossier: online, at the counter or by post.")
        )

    errors["centres"].extend(centre_errors(data.centres))
    errors["components"].extend(component_errors(data.components))
    errors["components"].extend(form_component_errors(data.components, has_form=bool(data.form_fields)))
    errors["fees"].extend(fee_errors(data.fees))
    errors["steps"].extend(
        step_errors(data.steps, legal=legal, unit=data.processing_time_unit if unit_ok else None)
    )
    errors["form_fields"].extend(form_field_errors(data.form_fields))
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


def form_component_errors(components: tuple[ComponentData, ...], *, has_form: bool) -> list[str]:
    """At most one component is the e-form's declaration, and only when the procedure has an e-form."""
    messages = []
    first = None
    for position, component in enumerate(components, start=1):
        if not component.filled_by_form:
            continue
        if not has_form:
            messages.append(
                _("Component %(position)d is filled in with the e-form, but the procedure has no e-form fields.")
                % {"position": position}
            )
        elif first is not None:
            messages.append(
                _("Component %(position)d: only one component can be filled in with the e-form (already "
                  "component %(first)d).") % {"position": position, "first": first}
            )
        else:
            first = position
    return messages


def form_key_from_label(label: str) -> str:
    """A key for a field whose author gave none: the label without diacritics, words joined by "_"
    ("Họ, chữ đệm, tên" -> "ho_chu_dem_ten"), cut to the key's length."""
    words = re.findall(r"[a-z0-9]+", fold(label))
    key = "_".join(words)[:40].strip("_")
    if key and not key[0].isalpha():
        key = f"f_{key}"[:40]
    return key


@dataclass(frozen=True)
class FormFieldProblem:
    """A problem of an e-form definition: the field's position (None: the form as a whole), the
    attribute it is about (so the Excel import can name the cell) and the message."""

    position: int | None
    attribute: str
    message: str


def form_field_errors(fields: tuple[FormFieldData, ...]) -> list[str]:
    """Every problem of an e-form definition, as messages (see ``form_field_problems``)."""
    return [problem.message for problem in form_field_problems(fields)]


def form_field_problems(fields: tuple[FormFieldData, ...]) -> list[FormFieldProblem]:
    """Keys (format, unique), labels, types and, per type, what may be set: options for choices, a length
    for text, bounds for numbers, "not after today" for dates."""
    problems: list[FormFieldProblem] = []
    if len(fields) > MAX_FORM_FIELDS:
        problems.append(FormFieldProblem(None, "key", _("An e-form may have at most %(limit)d fields.")
                                         % {"limit": MAX_FORM_FIELDS}))
    seen: dict[str, int] = {}
    types = FormField.Type
    for position, field in enumerate(fields, start=1):
        where = {"position": position}

        def add(attribute: str, message: str, position=position) -> None:
            problems.append(FormFieldProblem(position, attribute, message))

        key = (field.key or "").strip()
        label = nfc(field.label).strip()
        if not label:
            add("label", _("Form field %(position)d: enter its label.") % where)
        if not key:
            if label:
                add("key", _("Form field %(position)d: enter its key.") % where)
        elif not FORM_KEY.match(key):
            add("key", _("Form field %(position)d: the key “%(key)s” must start with a letter and use only "
                         "lower-case letters without diacritics, digits and underscores, at most 40 (e.g. "
                         "ho_ten_tre).") % {**where, "key": key})
        elif key in seen:
            add("key", _("Form field %(position)d repeats the key “%(key)s” (already form field %(first)d).")
                % {**where, "key": key, "first": seen[key]})
        else:
            seen[key] = position
        for name in ("label", "label_en", "section", "section_en", "help_text", "help_text_en"):
            limit = FormField._meta.get_field(name).max_length
            if len(nfc(getattr(field, name) or "").strip()) > limit:
                add(name, _("Form field %(position)d: the %(what)s is longer than %(limit)d characters.")
                    % {**where, "what": FormField._meta.get_field(name).verbose_name, "limit": limit})
        if field.type not in types.values:
            add("type", _("Form field %(position)d: choose its type (%(types)s).")
                % {**where, "types": ", ".join(str(label) for label in types.labels)})
            continue
        for attribute, message in _option_errors(field, where):
            add(attribute, message)
        if field.max_length is not None and field.type not in TEXT_LIMITS:
            add("max_length", _("Form field %(position)d: only text fields have a maximum length.") % where)
        elif field.max_length is not None and not (isinstance(field.max_length, int)
                                                    and 1 <= field.max_length <= MAX_TEXT_LIMIT):
            add("max_length", _("Form field %(position)d: the maximum length must be a whole number from 1 to "
                                "%(limit)d.") % {**where, "limit": MAX_TEXT_LIMIT})
        bounds = (field.min_value, field.max_value)
        bound_attribute = "min_value" if field.min_value is not None else "max_value"
        if any(bound is not None for bound in bounds) and field.type != types.NUMBER:
            add(bound_attribute, _("Form field %(position)d: only number fields have a minimum or a maximum.")
                % where)
        elif any(bound is not None and _form_number(bound) is None for bound in bounds):
            add(bound_attribute, _("Form field %(position)d: the minimum and maximum must be numbers with at most "
                                   "two decimals.") % where)
        elif None not in bounds and _form_number(field.min_value) > _form_number(field.max_value):
            add("max_value", _("Form field %(position)d: the minimum is greater than the maximum.") % where)
        if field.not_future and field.type != types.DATE:
            add("not_future", _("Form field %(position)d: only date fields can be limited to dates not after "
                                "today.") % where)
    return problems


def _option_errors(field: FormFieldData, where: dict) -> list[tuple[str, str]]:
    options = [nfc(option or "").strip() for option in field.options]
    if field.type != FormField.Type.CHOICE:
        if options or field.options_en:
            return [("options", _("Form field %(position)d: only choice fields have options.") % where)]
        return []
    messages = []
    if len([option for option in options if option]) < 2:
        messages.append(("options", _("Form field %(position)d: a choice needs at least two options.") % where))
    if any(not option for option in options):
        messages.append(("options", _("Form field %(position)d: an option is empty.") % where))
    folded = [" ".join(option.casefold().split()) for option in options if option]
    if len(set(folded)) != len(folded):
        messages.append(("options", _("Form field %(position)d: an option is listed twice.") % where))
    if any(len(option) > 200 for option in options):
        messages.append(("options", _("Form field %(position)d: an option is longer than 200 characters.") % where))
    if any(len(option) > 200 for option in field.options_en):
        messages.append(("options_en", _("Form field %(position)d: an option is longer than 200 characters.")
                         % where))
    if field.options_en and len(field.options_en) != len(options):
        messages.append((
            "options_en",
            _("Form field %(position)d: give an English label for each of the %(count)d options, or none.")
            % {**where, "count": len(options)},
        ))
    return messages


def _form_number(value) -> Decimal | None:
    try:
        number = Decimal(str(value))
    except (InvalidOperation, TypeError, ValueError):
        return None
    if not number.is_finite() or abs(number) > MAX_FORM_NUMBER or number != number.quantize(Decimal("0.01")):
        return None
    return number


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
