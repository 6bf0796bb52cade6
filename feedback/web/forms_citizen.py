"""Forms of the citizen's pages: the online petition, the phone number that proves who sent one, and the
citizen's actions on it, built from their fields in the action registry (feedback.actions). They only
translate the request into the services' arguments and the services' errors (``FeedbackError.extra["errors"]``)
back onto their fields."""

from __future__ import annotations

import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from accounts.models import User
from dossiers.web.citizen_forms import CentreLabels
from feedback import selectors
from feedback.actions import Action, Input
from feedback.errors import FeedbackError
from feedback.models import Petition
from feedback.services import PetitionInput
from feedback.services.intake import check_files, find_dossier
from portal.collation import vietnamese_key
from portal.forms import ServiceErrorsMixin
from portal.phones import normalize_phone

About = Petition.About
ACCEPT = ".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png"


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class FilesField(forms.FileField):
    """Several files in one input; each goes through FileField's own checks, the service checks their content."""

    def __init__(self, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": ACCEPT}))
        super().__init__(**kwargs)

    def clean(self, data, initial=None):
        uploads = data if isinstance(data, (list, tuple)) else ([data] if data else [])
        return [super(FilesField, self).clean(upload, initial) for upload in uploads]


def _required(message):
    return {"required": message}


class PetitionForm(ServiceErrorsMixin, forms.Form):
    """Gửi phản ánh, kiến nghị trực tuyến (Decree 20/2008/NĐ-CP, Art. 6-7): what it is, what it is about, the
    photos or PDFs that show it, and who sends it — never anonymously."""

    kind = forms.ChoiceField(label=_("Kind"), choices=Petition.Kind.choices, initial=Petition.Kind.FEEDBACK,
                             widget=forms.RadioSelect)
    title = forms.CharField(label=pgettext_lazy("petition", "Subject"), max_length=200, error_messages=_required(
        _("Say in a few words what the petition is about.")))
    content = forms.CharField(
        label=_("What happened"), widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Where and when it happened, who was involved, what went wrong."),
        error_messages=_required(_("Describe what happened (where, when, who, what).")))
    proposal = forms.CharField(
        label=_("Your proposed solution"), required=False, widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Needed for a petition (kiến nghị): how you propose to solve the problem, or the new "
                    "regulation you suggest."))
    about = forms.ChoiceField(label=_("What is it about?"), choices=About.choices, initial=About.OTHER,
                              widget=forms.RadioSelect)
    procedure = forms.ChoiceField(label=_("Administrative procedure"), required=False)
    centre = forms.ModelChoiceField(label=_("Public administration service centre"), queryset=None, required=False)
    official_name = forms.CharField(label=_("Name of the official"), max_length=150, required=False,
                                    help_text=_("If you know it; say in the content where and when you met them."))
    files = FilesField(label=_("Photos or PDF files"), required=False)
    name = forms.CharField(label=_("Full name (or your organisation's name)"), max_length=150,
                           error_messages=_required(_("Enter your full name (or your organisation's name).")),
                           widget=forms.TextInput(attrs={"autocomplete": "name"}))
    address = forms.CharField(label=_("Address"), max_length=255,
                              error_messages=_required(_("Enter your address.")),
                              widget=forms.TextInput(attrs={"autocomplete": "street-address"}))
    phone = forms.CharField(label=_("Phone number"), max_length=20,
                            error_messages=_required(_("Enter a phone number we can call you back on.")),
                            widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel",
                                                          "inputmode": "tel"}))
    email = forms.EmailField(label=_("E-mail"), required=False, max_length=254,
                             help_text=_("To receive the receipt with the petition's code, and the answer."),
                             widget=forms.TextInput(attrs={"type": "email", "autocomplete": "email"}))

    def __init__(self, *args, citizen: User | None, **kwargs):
        """``citizen``: the logged-in citizen, who chooses one of their dossiers; a visitor types a code."""
        super().__init__(*args, **kwargs)
        self.citizen = citizen
        if citizen is not None:
            dossiers = selectors.dossiers_for_petition(user=citizen)
            self.fields["dossier_code"] = forms.ChoiceField(
                label=_("Your dossier"), required=False,
                choices=[("", _("Choose one of your dossiers")),
                         *((d.code, f"{d.code} — {d.procedure_name}") for d in dossiers)])
        else:
            self.fields["dossier_code"] = forms.CharField(
                label=_("Dossier code"), required=False, max_length=40,
                help_text=_("As printed on the receipt, e.g. 000.00.01.H49-250701-0001."),
                widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}))
            self.fields["about"].choices = [(About.DOSSIER, _("A dossier (by its code)")),
                                            *(c for c in About.choices if c[0] != About.DOSSIER)]
        self.versions = {str(v.procedure_id): v for v in selectors.procedures_in_force()}
        groups: dict[str, list] = {}
        for version in self.versions.values():
            groups.setdefault(version.field.display_name, []).append((str(version.procedure_id),
                                                                      version.display_name))
        self.fields["procedure"].choices = [("", _("Choose the procedure")), *(
            (field, sorted(options, key=lambda o: vietnamese_key(o[1])))
            for field, options in sorted(groups.items(), key=lambda g: vietnamese_key(g[0])))]
        centres = selectors.centres_for_petition()
        self.fields["centre"].queryset = centres
        labels = CentreLabels(list(centres))
        ordered = sorted(centres, key=lambda c: (c.level != c.Level.PROVINCE, vietnamese_key(labels(c))))
        self.fields["centre"].choices = [("", _("Choose the centre")), *((c.pk, labels(c)) for c in ordered)]
        for name in ("title", "content", "name", "address", "phone"):
            self.fields[name].widget.attrs["aria-required"] = "true"

    @staticmethod
    def initial_for(citizen: User | None, *, dossier_code: str = "") -> dict:
        """What the account knows of its holder, and the dossier the form was opened from (the "Feedback about
        this dossier" link of the dossier's page: ``?dossier=<code>``). Only a suggestion: the form checks the
        code as if it had been typed."""
        initial = {}
        code = re.sub(r"[^A-Z0-9.-]", "", dossier_code.upper())[:40]  # a code's characters, nothing else
        if code:
            initial.update(about=About.DOSSIER, dossier_code=code)
        if citizen is not None:
            initial.update(name=citizen.full_name, address=citizen.address, phone=citizen.phone,
                           email=citizen.email)
        return initial

    def clean_phone(self):
        try:
            return normalize_phone(self.cleaned_data["phone"])
        except ValidationError as error:
            raise ValidationError(error.messages) from None

    def clean(self):
        """Every problem at once, as far as the form can tell (the service checks all of it again)."""
        data = super().clean()
        about = data.get("about")
        if data.get("kind") == Petition.Kind.PROPOSAL and not (data.get("proposal") or "").strip():
            self.add_error("proposal", _("Write the solution you propose: a petition (kiến nghị) comes with one."))
        if about == About.DOSSIER:
            if not (data.get("dossier_code") or "").strip():
                self.add_error("dossier_code", _("Choose the dossier the petition is about.")
                               if self.citizen else _("Enter the code of the dossier the petition is about."))
            else:
                self._check(lambda: find_dossier(data["dossier_code"], citizen=self.citizen))
        if about == About.PROCEDURE and not data.get("procedure"):
            self.add_error("procedure", _("Choose the procedure the petition is about."))
        if about == About.CENTRE and not data.get("centre"):
            self.add_error("centre", _("Choose the centre the petition is about."))
        uploads = data.get("files") or []
        if uploads:
            self._check(lambda: check_files(uploads))
            for upload in uploads:
                upload.seek(0)
        return data

    def _check(self, check) -> None:
        try:
            check()
        except FeedbackError as error:
            self.add_service_errors(error, summary=False)

    def petition_input(self) -> PetitionInput:
        """The service's input: only what belongs to the chosen subject (a field filled, then left for another
        choice, does not come along)."""
        data, about = self.cleaned_data, self.cleaned_data["about"]
        version = self.versions.get(data.get("procedure") or "")
        return PetitionInput(
            title=data["title"], content=data["content"], proposal=data.get("proposal", ""), kind=data["kind"],
            about=about, name=data["name"], address=data["address"], phone=data["phone"],
            email=data.get("email") or "",
            dossier_code=data.get("dossier_code", "") if about == About.DOSSIER else "",
            procedure=version.procedure if version and about == About.PROCEDURE else None,
            centre=data.get("centre") if about in (About.CENTRE, About.OFFICIAL) else None,
            official_name=data.get("official_name", "") if about == About.OFFICIAL else "",
            files=list(data.get("files") or []),
        )

    @property
    def problems(self) -> list[tuple[str, str, str]]:
        """(field id, label, message) of every error, for the summary at the top."""
        rows = [("", "", message) for message in self.non_field_errors()]
        for name, errors in self.errors.items():
            if name == "__all__":
                continue
            field = self[name]
            rows += [(field.id_for_label if name != "about" else "id_about_0", str(field.label), message)
                     for message in errors]
        return rows

    @property
    def had_files(self) -> bool:
        return bool(self.files)


class PhoneProofForm(forms.Form):
    phone = forms.CharField(label=_("The phone number written on the petition"), max_length=20,
                            widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel", "inputmode": "tel"}),
                            error_messages=_required(_("Enter the phone number you gave with the petition.")))


class ActionForm(ServiceErrorsMixin, forms.Form):
    """A citizen's action from the registry: one field per ``Field`` of the action (text, paragraph, choice)."""

    def __init__(self, *args, action: Action, **kwargs):
        super().__init__(*args, prefix=action.name, **kwargs)
        self.action = action
        for spec in action.fields:
            self.fields[spec.name] = _field(spec)

    def values(self) -> dict:
        return {spec.name: self.cleaned_data.get(spec.name) or "" for spec in self.action.fields}


def _field(spec) -> forms.Field:
    common = {"label": spec.label, "required": spec.required, "help_text": spec.help}
    if spec.kind == Input.LONG_TEXT:
        return forms.CharField(widget=forms.Textarea(attrs={"rows": 4}), **common)
    if spec.kind == Input.TEXT:
        return forms.CharField(max_length=spec.max_length, **common)
    if spec.kind == Input.CHOICE:
        return forms.ChoiceField(choices=spec.choices, widget=forms.RadioSelect, **common)
    if spec.kind == Input.BOOLEAN:
        return forms.BooleanField(initial=spec.initial, **{**common, "required": False})
    raise ValueError(f"A citizen's action cannot ask for a {spec.kind}.")
