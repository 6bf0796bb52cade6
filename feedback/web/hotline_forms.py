"""Forms of the hotline desk: the call, filled while on the phone (the petition's fields too, when one is
opened), and the call log's filters. The service (feedback.services.hotline_call_record) judges the values;
its errors go back on the fields."""

from __future__ import annotations

from django import forms
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from accounts.models import User
from feedback import worklists
from feedback.errors import FeedbackError
from feedback.models import HotlineCall, Petition
from feedback.services import CallInput, PetitionInput
from hotlines.models import Hotline
from portal.forms import ServiceErrorsMixin

Outcome = HotlineCall.Outcome
# The petition service names the caller's number and name as a petition's; the form has them once.
_SERVICE_FIELDS = {"phone": "caller_phone", "name": "caller_name"}


def _long(label, *, rows=3, required_attr=False, help_text=""):
    attrs = {"rows": rows, **({"required": True} if required_attr else {})}
    return forms.CharField(label=label, required=False, widget=forms.Textarea(attrs=attrs), max_length=10000,
                           help_text=help_text)


class HotlineChoice(forms.ModelChoiceField):
    def label_from_instance(self, hotline: Hotline) -> str:
        return f"{hotline.display_label} · {hotline.display_number}"


class CallForm(ServiceErrorsMixin, forms.Form):
    """Ghi cuộc gọi. The service says precisely what is missing, so Django requires nothing; the browser still
    asks for the number and what was said (``required``) to save a round trip."""

    hotline = HotlineChoice(label=_("Hotline line"), required=False, empty_label=_("— not recorded —"),
                            queryset=Hotline.objects.none())
    caller_phone = forms.CharField(label=_("Caller's number"), required=False, max_length=30, widget=forms.TextInput(
        attrs={"inputmode": "tel", "autocomplete": "off", "required": True}))
    caller_name = forms.CharField(label=_("Caller's name"), required=False, max_length=150,
                                  widget=forms.TextInput(attrs={"autocomplete": "off"}))
    summary = _long(_("What the caller said"), rows=4, required_attr=True,
                    help_text=_("Write it down truthfully, as the caller said it (Decree 20/2008, Art. 7)."))
    dossier_code = forms.CharField(label=_("Dossier code (if the call is about one)"), required=False, max_length=40,
                                   widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false",
                                                                 "placeholder": _("e.g. 000.00.01.H49-250701-0001")}))
    outcome = forms.ChoiceField(label=_("Outcome"), required=False, choices=Outcome.choices, widget=forms.RadioSelect)
    response = _long(_("What you answered"), help_text=_("Needed when you answered at once; say where you "
                                                          "referred the caller, if you did."))
    kind = forms.ChoiceField(label=_("Kind"), required=False, choices=Petition.Kind.choices, widget=forms.RadioSelect,
                             initial=Petition.Kind.FEEDBACK)
    title = forms.CharField(label=_("Subject of the petition"), required=False, max_length=200)
    content = _long(_("Content of the petition"), rows=4,
                    help_text=_("Leave it empty to use what the caller said."))
    address = forms.CharField(label=_("Caller's address"), required=False, max_length=255)
    email = forms.EmailField(label=_("Caller's e-mail"), required=False,
                             help_text=_("The receipt with the petition's code goes there."))
    about = forms.ChoiceField(label=_("About"), required=False, choices=Petition.About.choices,
                              initial=Petition.About.OTHER)

    CALL_FIELDS = ("hotline", "caller_phone", "caller_name", "summary")
    PETITION_FIELDS = ("kind", "title", "content", "address", "email", "about")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        hotlines = Hotline.objects.filter(is_active=True).select_related("centre").order_by("position", "id")
        self.fields["hotline"].queryset = hotlines
        if not self.is_bound and "hotline" not in self.initial:
            first = hotlines.first()  # the desk answers the province's line most of the time
            self.initial["hotline"] = first.pk if first else None

    def clean(self):
        data = super().clean()
        if data.get("outcome") == Outcome.PETITION:
            if not (data.get("title") or "").strip():
                self.add_error("title", _("Say in a few words what the petition is about."))
            if not (data.get("address") or "").strip():
                self.add_error("address", _("Ask for the caller's address: a petition needs it."))
            if not (data.get("caller_name") or "").strip():
                self.add_error("caller_name", _("Ask for the caller's name: a petition needs it."))
        return data

    def call_input(self) -> CallInput:
        d = self.cleaned_data
        return CallInput(caller_phone=d["caller_phone"], summary=d["summary"], outcome=d["outcome"],
                         caller_name=d["caller_name"], response=d["response"], dossier_code=d["dossier_code"],
                         hotline=d["hotline"])

    def petition_input(self) -> PetitionInput | None:
        d = self.cleaned_data
        if d["outcome"] != Outcome.PETITION:
            return None
        return PetitionInput(title=d["title"], content=(d["content"] or "").strip() or d["summary"],
                             name=d["caller_name"], address=d["address"], email=d["email"],
                             kind=d["kind"] or Petition.Kind.FEEDBACK, about=d["about"] or Petition.About.OTHER)

    def add_call_errors(self, error: FeedbackError) -> None:
        errors = error.extra.get("errors") or {}
        error.extra["errors"] = {_SERVICE_FIELDS.get(name, name): messages for name, messages in errors.items()}
        self.add_service_errors(error, summary=False)


class CallFilterForm(forms.Form):
    """The call log's filters; every value optional, a bad one ignored."""

    date_from = forms.DateField(label=pgettext_lazy("date", "From"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    date_to = forms.DateField(label=_("Until"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    outcome = forms.ChoiceField(label=_("Outcome"), required=False, choices=[("", _("All outcomes")), *Outcome.choices])
    officer = forms.ModelChoiceField(label=_("Hotline officer"), required=False, queryset=User.objects.none(),
                                     empty_label=_("All officers"))
    number = forms.CharField(label=_("Caller's number"), required=False, max_length=30,
                             widget=forms.TextInput(attrs={"inputmode": "tel"}))

    def __init__(self, data: QueryDict):
        super().__init__(data)
        self.fields["officer"].queryset = worklists.call_officers()
        self.fields["officer"].label_from_instance = lambda user: user.full_name or user.username

    def filters(self) -> worklists.CallFilters:
        self.is_valid()
        d = self.cleaned_data
        return worklists.CallFilters(date_from=d.get("date_from"), date_to=d.get("date_to"),
                                     outcome=d.get("outcome") or "",
                                     officer=d["officer"].pk if d.get("officer") else None,
                                     number=(d.get("number") or "").strip())

    def as_querydict(self) -> QueryDict:
        query = QueryDict(mutable=True)
        for name, value in (self.cleaned_data or {}).items():
            if value:
                query[name] = value.isoformat() if hasattr(value, "isoformat") else str(getattr(value, "pk", value))
        return query
