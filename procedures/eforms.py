"""Tờ khai điện tử: a procedure version's e-form (its FormField rows, or FormFieldData) as Django form
fields, the checking and normalising of answers, and the answers as people read them.

One set of fields serves every way in: the citizen's online form and the officer's counter form add them
to their own form (``EFormFieldsMixin``, so every error shows in the same round), and the API and the
services check a plain mapping of answers with ``answers_clean``, which runs the same fields.

Answers are stored as JSON keyed by the fields' keys, normalised: text in NFC with single spaces, dates as
ISO ``YYYY-MM-DD``, numbers as JSON numbers, yes/no as booleans, a choice as its (Vietnamese) option, CCCD
and phone numbers as digits. An unanswered optional field is left out."""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils import timezone
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from accounts.cccd import normalize_cccd, validate_cccd_structure
from portal.dates import date_text
from portal.phones import normalize_phone
from portal.text import nfc
from procedures.models import FormField
from procedures.rules import MAX_FORM_NUMBER, TEXT_LIMITS

PREFIX = "form_data."
T = FormField.Type
# Radio buttons read better than a drop-down for a short list (sex, yes/no); longer lists drop down.
RADIO_UP_TO = 4


def field_name(key: str) -> str:
    """The name of an answer's input in the web forms, and of its errors in the services' messages."""
    return f"{PREFIX}{key}"


def _localized(spec, name: str) -> str:
    if (get_language() or "vi").startswith("en"):
        english = getattr(spec, f"{name}_en", "")
        if english:
            return english
    return getattr(spec, name) or ""


def question_label(spec) -> str:
    """The question as a list of problems names it: "The mother: Full name" ("Full name" alone could be
    the child's or a parent's)."""
    section, label = _localized(spec, "section"), _localized(spec, "label")
    return f"{section}: {label}" if section else label


def option_label(spec, option: str) -> str:
    """A choice's option in the reader's language (the stored answer is always the Vietnamese one)."""
    options = list(spec.options or ())
    english = list(spec.options_en or ())
    if (get_language() or "vi").startswith("en") and option in options and len(english) == len(options):
        return english[options.index(option)] or option
    return option


# ---- The fields ------------------------------------------------------------------------------------------

REQUIRED = gettext_lazy("This information is required.")


class _TextField(forms.CharField):
    """One line: NFC, runs of spaces made one. ``long`` keeps line breaks (normalised to \\n)."""

    def __init__(self, *, limit: int, long: bool = False, **kwargs):
        self.limit, self.long = limit, long
        widget = forms.Textarea(attrs={"rows": 3}) if long else forms.TextInput()
        super().__init__(widget=widget, **kwargs)
        self.widget.attrs["maxlength"] = str(limit)

    def to_python(self, value):
        text = nfc(super().to_python(value))
        if self.long:
            return "\n".join(" ".join(line.split()) for line in text.replace("\r\n", "\n").split("\n")).strip()
        return " ".join(text.split())

    def validate(self, value):
        super().validate(value)
        if value and len(value) > self.limit:
            raise ValidationError(_("Use at most %(limit)d characters (you wrote %(length)d).")
                                  % {"limit": self.limit, "length": len(value)}, code="max_length")


class _DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self):
        super().__init__(format="%Y-%m-%d")


class _DateField(forms.DateField):
    def __init__(self, *, not_future: bool = False, **kwargs):
        self.not_future = not_future
        # The language's DATE_INPUT_FORMATS (portal/formats): ISO, as the date input sends it, or day first.
        super().__init__(widget=_DateInput(), **kwargs)
        self.error_messages["invalid"] = _("Enter a date as dd/mm/yyyy, e.g. 25/12/2024.")

    def to_python(self, value):
        if isinstance(value, str):
            value = value.strip()
        try:
            date = super().to_python(value)
        except (OverflowError, ValueError):
            raise ValidationError(self.error_messages["invalid"], code="invalid") from None
        if date is not None and date.year < 1900:
            raise ValidationError(_("Enter a date from 1900 onwards."), code="too_early")
        return date

    def validate(self, value):
        super().validate(value)
        if value and self.not_future and value > timezone.localdate():
            raise ValidationError(_("The date cannot be after today."), code="future")


_THOUSANDS = re.compile(r"^-?\d{1,3}(\.\d{3})+$")


def _plain_number(text: str) -> str:
    """Vietnamese habits to a plain decimal: "12,5" -> "12.5", "1.500.000" and "1.500" -> thousands,
    "1.500,25" -> "1500.25"; "12.5" stays (a single dot followed by other than three digits)."""
    if "," in text and "." in text:
        if text.rfind(",") > text.rfind("."):
            return text.replace(".", "").replace(",", ".")
        return text.replace(",", "")
    if "," in text:
        return text.replace(",", ".") if text.count(",") == 1 else text.replace(",", "")
    if _THOUSANDS.match(text):
        return text.replace(".", "")
    return text


class _NumberField(forms.Field):
    """A number as people type it: "12", "12,5" or "12.5", "1.500" (thousands); at most two decimals."""

    def __init__(self, *, min_value=None, max_value=None, **kwargs):
        self.min_value, self.max_value = min_value, max_value
        super().__init__(widget=forms.TextInput(attrs={"inputmode": "decimal", "maxlength": "40"}), **kwargs)

    def to_python(self, value):
        text = "" if value is None else str(value).replace("\u00a0", "").replace(" ", "").strip()
        if not text:
            return None
        if len(text) > 40:
            raise ValidationError(_("Enter a number, e.g. 12 or 12,5."), code="invalid")
        text = _plain_number(text)
        try:
            number = Decimal(text)
        except InvalidOperation:
            raise ValidationError(_("Enter a number, e.g. 12 or 12,5."), code="invalid") from None
        if not number.is_finite() or abs(number) > MAX_FORM_NUMBER:
            raise ValidationError(_("Enter a number, e.g. 12 or 12,5."), code="invalid")
        if number != number.quantize(Decimal("0.01")):
            raise ValidationError(_("Use at most two decimals."), code="decimals")
        return number

    def validate(self, value):
        if value is None and self.required:
            raise ValidationError(self.error_messages["required"], code="required")
        if value is None:
            return
        if self.min_value is not None and value < self.min_value:
            raise ValidationError(_("Enter a number of at least %(limit)s.") % {"limit": _number_text(self.min_value)},
                                  code="min_value")
        if self.max_value is not None and value > self.max_value:
            raise ValidationError(_("Enter a number of at most %(limit)s.") % {"limit": _number_text(self.max_value)},
                                  code="max_value")


class _CodeField(forms.CharField):
    """A CCCD number, a phone number or an email address, normalised by ``normalise``."""

    def __init__(self, *, normalise, **kwargs):
        self.normalise = normalise
        super().__init__(max_length=254, **kwargs)

    def to_python(self, value):
        text = super().to_python(value).strip()
        return self.normalise(text) if text else ""


def _cccd(text: str) -> str:
    number = normalize_cccd(text)
    validate_cccd_structure(number)
    return number


def _email(text: str) -> str:
    try:
        validate_email(text)
    except ValidationError:
        raise ValidationError(_("Enter a valid email address."), code="invalid") from None
    return text


def form_field(spec, *, required: bool | None = None) -> forms.Field:
    """The Django field that asks ``spec`` (a FormField or FormFieldData). ``required`` overrides the
    definition (drafts are saved with questions unanswered)."""
    required = spec.required if required is None else required
    common = {"label": _localized(spec, "label"), "help_text": _localized(spec, "help_text"), "required": required}
    kind = spec.type
    if kind in (T.TEXT, T.LONG_TEXT):
        field = _TextField(limit=spec.max_length or TEXT_LIMITS[kind], long=kind == T.LONG_TEXT, **common)
    elif kind == T.DATE:
        field = _DateField(not_future=spec.not_future, **common)
    elif kind == T.NUMBER:
        field = _NumberField(min_value=spec.min_value, max_value=spec.max_value, **common)
    elif kind == T.CHOICE:
        options = list(spec.options or ())
        widget = forms.RadioSelect if len(options) <= RADIO_UP_TO else forms.Select
        choices = [(option, option_label(spec, option)) for option in options]
        if widget is forms.Select:
            choices = [("", _("Choose…")), *choices]
        field = forms.ChoiceField(choices=choices, widget=widget, **common)
        field.error_messages["invalid_choice"] = _("Choose one of the options offered.")
        field.error_messages["required"] = _("Choose one of the options.")
    elif kind == T.YES_NO:
        field = forms.ChoiceField(choices=[("yes", _("Yes")), ("no", _("No"))], widget=forms.RadioSelect, **common)
        field.error_messages["invalid_choice"] = _("Answer yes or no.")
        field.error_messages["required"] = _("Answer yes or no.")
    elif kind == T.CCCD:
        field = _CodeField(normalise=_cccd, **common)
        field.widget.attrs.update({"inputmode": "numeric", "autocomplete": "off"})
    elif kind == T.PHONE:
        field = _CodeField(normalise=normalize_phone, **common)
        field.widget.attrs.update({"inputmode": "tel", "type": "tel"})
    elif kind == T.EMAIL:
        field = _CodeField(normalise=_email, **common)
        field.widget.attrs.update({"type": "email"})
    else:  # an unknown type in a stored definition: ask for text rather than fail the page
        field = _TextField(limit=TEXT_LIMITS[T.TEXT], **common)
    if kind not in (T.CHOICE, T.YES_NO):
        field.error_messages["required"] = REQUIRED
    if required:
        field.widget.attrs["aria-required"] = "true"
    field.eform_spec = spec
    return field


def _answer(spec, value):
    """A cleaned value as stored in the dossier's JSON, or None for no answer."""
    if value in (None, ""):
        return None
    if spec.type == T.DATE:
        return value.isoformat()
    if spec.type == T.NUMBER:
        return int(value) if value == value.to_integral_value() else float(value)
    if spec.type == T.YES_NO:
        return value == "yes"
    return value


def _initial(spec, value):
    """A stored answer as the web form shows it."""
    if value is None:
        return None
    if spec.type == T.YES_NO and isinstance(value, bool):
        return "yes" if value else "no"
    if spec.type == T.DATE and isinstance(value, str):
        try:
            return datetime.date.fromisoformat(value)
        except ValueError:
            return value
    return value


# ---- In a web form ---------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Section:
    title: str
    items: list  # bound fields (a form) or Answer rows (a display)


class EFormFieldsMixin:
    """Adds the e-form's questions to a Django form, named ``form_data.<key>``, so they are checked in the
    same round as the rest of the form; ``form_answers()`` gives the normalised answers."""

    form_definition: list = []

    def add_form_fields(self, definition: Iterable, *, required: bool = True) -> None:
        self.form_definition = list(definition)
        for spec in self.form_definition:
            field = form_field(spec, required=spec.required and required)
            field.summary_label = question_label(spec)
            self.fields[field_name(spec.key)] = field

    def set_form_requirement(self, required: bool) -> None:
        """Enforce (submitting) or relax (saving a draft) the definition's required flags, before validation."""
        for spec in self.form_definition:
            self.fields[field_name(spec.key)].required = spec.required and required

    @staticmethod
    def form_initial(definition: Iterable, answers: Mapping | None) -> dict:
        answers = answers or {}
        return {field_name(spec.key): _initial(spec, answers.get(spec.key)) for spec in definition
                if answers.get(spec.key) is not None}

    def form_sections(self) -> list[Section]:
        """The bound fields grouped by section, in the definition's order."""
        return _group(self.form_definition, lambda spec: self[field_name(spec.key)])

    def form_answers(self) -> dict:
        answers = {}
        for spec in self.form_definition:
            value = _answer(spec, self.cleaned_data.get(field_name(spec.key)))
            if value is not None:
                answers[spec.key] = value
        return answers


def _group(definition: Iterable, item) -> list[Section]:
    sections: list[Section] = []
    for spec in definition:
        title = _localized(spec, "section")
        if not sections or sections[-1].title != title:
            sections.append(Section(title=title, items=[]))
        sections[-1].items.append(item(spec))
    return sections


# ---- A mapping of answers (the API, the services) --------------------------------------------------------

class AnswersInvalid(ValueError):
    """``errors`` maps ``form_data.<key>`` (or ``form_data`` for the whole) to messages."""

    def __init__(self, errors: dict[str, list[str]]):
        super().__init__(errors)
        self.errors = errors


def _raw(spec, value):
    """A JSON value as the form field's input: text for everything, "yes"/"no" for booleans."""
    if value is None:
        return ""
    if isinstance(value, bool):
        if spec.type == T.YES_NO:
            return "yes" if value else "no"
        raise TypeError
    if isinstance(value, int | float | Decimal):
        if spec.type not in (T.NUMBER, T.TEXT, T.LONG_TEXT, T.CCCD, T.PHONE):
            raise TypeError
        return str(value)
    if isinstance(value, str):
        if spec.type == T.YES_NO:
            folded = value.strip().casefold()
            return {"có": "yes", "co": "yes", "true": "yes", "không": "no", "khong": "no", "false": "no"}.get(
                folded, folded)
        return value
    raise TypeError


def answers_clean(definition: Iterable, data, *, partial: bool = False) -> dict:
    """The answers in ``data`` (a mapping of key to JSON value) checked against the definition and
    normalised. ``partial`` (a draft) lets required questions go unanswered. Raises AnswersInvalid with
    every problem, including keys the form does not have."""
    definition = list(definition)
    if data is None:
        data = {}
    if not isinstance(data, Mapping):
        raise AnswersInvalid({"form_data": [_("The answers must be an object mapping each field's key to its "
                                              "answer.")]})
    known = {spec.key: spec for spec in definition}
    errors: dict[str, list[str]] = {}
    for key in data:
        if key not in known:
            errors.setdefault("form_data", []).append(
                _("“%(key)s” is not a field of this procedure's form.") % {"key": str(key)[:60]})
    raw = {}
    for key, spec in known.items():
        try:
            raw[field_name(key)] = _raw(spec, data.get(key))
        except TypeError:
            errors[field_name(key)] = [_("This kind of value is not accepted here.")]

    class _Answers(EFormFieldsMixin, forms.Form):
        pass

    form = _Answers(raw)
    form.add_form_fields(definition, required=not partial)
    if not form.is_valid():
        for name, messages in form.errors.items():
            errors.setdefault(name, []).extend(messages)
    if errors:
        raise AnswersInvalid(errors)
    return form.form_answers()


# ---- As people read them ---------------------------------------------------------------------------------

@dataclass(frozen=True)
class Answer:
    key: str
    label: str
    text: str  # the answer as written on a page or a PDF ("" when unanswered); dates in the reader's format
    spec: object


def answer_text(spec, value) -> str:
    if value is None or value == "":
        return ""
    if spec.type == T.DATE:
        try:
            return date_text(datetime.date.fromisoformat(str(value)))  # 12/10/2025; 12 Oct 2025 in English
        except ValueError:
            return str(value)
    if spec.type == T.YES_NO:
        return _("Yes") if value is True else _("No") if value is False else str(value)
    if spec.type == T.CHOICE:
        return option_label(spec, str(value))
    if spec.type == T.NUMBER:
        return _number_text(value)
    return str(value)


def _number_text(value) -> str:
    """12, 12,5 (Vietnamese) or 12.5 (English)."""
    try:
        number = Decimal(str(value))
    except InvalidOperation:
        return str(value)
    text = format(number.normalize(), "f") if number == number.to_integral_value() else format(number, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    if not (get_language() or "vi").startswith("en"):
        text = text.replace(".", ",")
    return text


def answers_display(definition: Iterable, answers: Mapping | None, *, skip_empty: bool = True) -> list[Section]:
    """The answers by section, labelled in the active language; unanswered questions are left out
    unless ``skip_empty`` is false (a printed declaration shows them as blank)."""
    answers = answers or {}
    definition = [spec for spec in definition if not (skip_empty and answers.get(spec.key) in (None, ""))]
    return [section for section in _group(
        definition,
        lambda spec: Answer(key=spec.key, label=_localized(spec, "label"),
                            text=answer_text(spec, answers.get(spec.key)), spec=spec),
    ) if section.items]


def answers_by_key(definition: Iterable, answers: Mapping | None) -> dict[str, str]:
    """Each answered key's text, for templates that print a few answers by name (the result)."""
    answers = answers or {}
    return {spec.key: answer_text(spec, answers.get(spec.key)) for spec in definition
            if answers.get(spec.key) not in (None, "")}
