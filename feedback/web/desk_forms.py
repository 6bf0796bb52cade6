"""Forms of the officials' petition pages: the worklist's filters, and each action's form, built from the
action registry's Field specs (feedback.actions) so the page offers exactly the inputs the services take.
The services judge the values; their ``FeedbackError.extra["errors"]`` go back on the fields."""

from __future__ import annotations

from typing import Any

from django import forms
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from feedback import worklists
from feedback.actions import Action, Field, Input
from feedback.models import Petition
from portal.forms import ServiceErrorsMixin
from units.models import Agency

# Choices with at most this many options are radio buttons; longer lists are a select.
RADIO_MAX = 3


class HandlerChoice(forms.ModelChoiceField):
    def label_from_instance(self, user: User) -> str:
        return f"{user.full_name or user.username} · {user.get_role_display()}"


class AgencyChoice(forms.ModelChoiceField):
    def label_from_instance(self, agency: Agency) -> str:
        return agency.display_name


def _required_message(spec: Field) -> dict:
    return {"required": _("Fill in “%(label)s”.") % {"label": spec.label}}


def _form_field(spec: Field, petition: Petition, initial: Any) -> forms.Field:
    common = {"label": spec.label, "required": spec.required, "help_text": spec.help,
              "error_messages": _required_message(spec)}
    if spec.kind == Input.TEXT:
        return forms.CharField(max_length=spec.max_length, initial=initial, **common)
    if spec.kind == Input.LONG_TEXT:
        return forms.CharField(widget=forms.Textarea(attrs={"rows": 4}), max_length=spec.max_length or 10000,
                               initial=initial, **common)
    if spec.kind == Input.CHOICE:
        choices = list(spec.choices)
        if len(choices) <= RADIO_MAX:
            return forms.ChoiceField(choices=choices, widget=forms.RadioSelect, initial=initial, **common)
        return forms.ChoiceField(choices=[("", _("— choose —")), *choices], initial=initial, **common)
    if spec.kind == Input.HANDLER:
        return HandlerChoice(queryset=worklists.handlers_for(petition), empty_label=_("— nobody yet —"),
                             initial=initial, **common)
    if spec.kind == Input.AGENCY:
        agencies = Agency.objects.exclude(pk=petition.agency_id).order_by("name")
        return AgencyChoice(queryset=agencies, empty_label=_("— choose —"), initial=initial, **common)
    if spec.kind == Input.BOOLEAN:
        return forms.BooleanField(label=spec.label, required=False, help_text=spec.help,
                                  initial=spec.initial if initial is None else initial)
    raise ValueError(f"no page input for {spec.kind}")


def _initial(spec: Field, petition: Petition) -> Any:
    """What the field shows before anyone types: the spec's own initial, else the petition's value of the same
    name (its kind, the handler now, the drafted answer), never the agency holding it (a forward's target)."""
    if spec.initial is not None or spec.kind == Input.AGENCY:
        return spec.initial
    if spec.kind == Input.HANDLER:
        return petition.handler_id
    value = getattr(petition, spec.name, None)
    return value if isinstance(value, str) and value else None


class ActionForm(ServiceErrorsMixin, forms.Form):
    """One action's inputs, prefixed with its name (several forms share the page)."""

    def __init__(self, data=None, *, action: Action, petition: Petition, initial: dict | None = None):
        super().__init__(data, prefix=action.name)
        self.action = action
        initial = initial or {}
        for spec in action.fields:
            value = initial.get(spec.name, _initial(spec, petition))
            self.fields[spec.name] = _form_field(spec, petition, value)

    def values(self) -> dict[str, Any]:
        """The service's keyword arguments: a user or an agency for HANDLER and AGENCY, text otherwise."""
        values = {}
        for spec in self.action.fields:
            value = self.cleaned_data.get(spec.name)
            if spec.kind in (Input.TEXT, Input.LONG_TEXT, Input.CHOICE):
                value = value or ""
            values[spec.name] = value
        return values


class WorklistFilterForm(forms.Form):
    """Every value optional; a bad one is ignored."""

    q = forms.CharField(label=_("Code or words of the subject"), required=False, max_length=100,
                        widget=forms.SearchInput(attrs={"placeholder": _("e.g. PAKN-250701-0001 or hen di hen lai")}))
    category = forms.ChoiceField(label=_("Category"), required=False,
                                 choices=[("", _("All categories")), *Petition.Category.choices])
    klass = forms.ChoiceField(label=_("Class"), required=False,
                              choices=[("", _("Both classes")), *Petition.Klass.choices])
    channel = forms.ChoiceField(label=_("Channel"), required=False,
                                choices=[("", _("All channels")), *Petition.Channel.choices])

    def __init__(self, data: QueryDict, *, user: User):
        super().__init__(data)
        if user.is_provincial_admin:
            self.fields["agency"] = AgencyChoice(
                label=_("Agency"), required=False, empty_label=_("The whole province"),
                queryset=Agency.objects.filter(pk__in=Petition.objects.values("agency_id")).order_by("name"))

    def filters(self) -> worklists.WorklistFilters:
        self.is_valid()
        data = self.cleaned_data
        agency = data.get("agency")
        return worklists.WorklistFilters(
            query=(data.get("q") or "").strip(), category=data.get("category") or "", klass=data.get("klass") or "",
            channel=data.get("channel") or "", agency=agency.pk if agency else None)

    def as_querydict(self) -> QueryDict:
        query = QueryDict(mutable=True)
        for name, value in (self.cleaned_data or {}).items():
            if value:
                query[name] = str(value.pk if hasattr(value, "pk") else value)
        return query
