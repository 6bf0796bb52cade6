"""Forms of the outgoing pages: the draft (create and revise) and each action on a document. They translate
the request into the services' arguments; the services judge the values, and their ``DocumentError``'s
field errors are put back on the fields (``add_service_errors``)."""

from __future__ import annotations

import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from documents.errors import DocumentError
from documents.models import Document, DocumentType, OrgUnit, Register
from documents.selectors import outgoing as selectors
from documents.services.outgoing import RecipientSpec
from units.models import Agency
from units.validators import agency_code_printed


class ServiceErrorsMixin:
    # The services' names of fields this form shows under another name.
    aliases: dict[str, str] = {}

    def add_service_errors(self, error: DocumentError) -> None:
        """The service's field errors on the form's fields (the others above the form)."""
        for field, messages in ((error.extra or {}).get("errors") or {}).items():
            field = self.aliases.get(field, field)
            name = field if field in self.fields else None
            for message in messages if isinstance(messages, list) else [messages]:
                self.add_error(name, str(message))


class _DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self):
        super().__init__(format="%Y-%m-%d")


class DraftForm(ServiceErrorsMixin, forms.Form):
    """Dự thảo văn bản đi: the details, the recipients, and the body — a PDF or Word file, or the text."""

    aliases = {"recipients": "agencies"}

    document_type = forms.ModelChoiceField(label=_("Kind of document"), queryset=DocumentType.objects.none())
    subject = forms.CharField(label=_("Subject (trích yếu)"), max_length=500,
                              widget=forms.Textarea(attrs={"rows": 2}),
                              help_text=_("For a công văn, what follows “V/v”; for a decision, “Về việc …”."))
    urgency = forms.TypedChoiceField(label=_("Urgency"), choices=Document.Urgency.choices, coerce=int, initial=0)
    secrecy = forms.TypedChoiceField(label=_("Secrecy"), choices=Document.Secrecy.choices, coerce=int, initial=0)
    due_date = forms.DateField(label=_("Reply due by"), required=False, widget=_DateInput())
    drafting_unit = forms.ModelChoiceField(label=_("Drafting unit"), queryset=OrgUnit.objects.none())
    signer = forms.ModelChoiceField(label=_("Signing leader"), queryset=User.objects.none())
    authority_line = forms.CharField(
        label=_("Authority and position above the signature"), required=False, max_length=200,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("One line each, e.g. TM. ỦY BAN NHÂN DÂN / KT. CHỦ TỊCH / PHÓ CHỦ TỊCH. Empty: from the "
                    "signer's position."))
    agencies = forms.ModelMultipleChoiceField(label=_("Agencies in the portal"), required=False,
                                              queryset=Agency.objects.none(),
                                              widget=forms.SelectMultiple(attrs={"size": 6}))
    units = forms.ModelMultipleChoiceField(label=_("Units of your agency"), required=False,
                                           queryset=OrgUnit.objects.none(), widget=forms.CheckboxSelectMultiple)
    outside = forms.CharField(
        label=_("Organisations outside the portal"), required=False, widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("One a line: its electronic code (000.00.00.G09 — its name is taken from the national "
                    "document axis's directory), or its code, a vertical bar and its name (000.00.00.G22 | Văn "
                    "phòng Chính phủ): sent over the axis; or its name alone: sent on paper."))
    body = forms.CharField(label=_("Text of the document"), required=False,
                           widget=forms.Textarea(attrs={"rows": 12}),
                           help_text=_("One paragraph a line; the portal lays it out as Decree 30/2020 "
                                       "Appendix I sets it, with the agency's letterhead."))
    file = forms.FileField(label=_("Or upload the draft (PDF or Word .docx)"), required=False)
    note = forms.CharField(label=_("What changed"), required=False, max_length=2000,
                           widget=forms.Textarea(attrs={"rows": 2}))
    reply_to = forms.UUIDField(required=False, widget=forms.HiddenInput)
    replaces = forms.UUIDField(required=False, widget=forms.HiddenInput)
    corrects = forms.UUIDField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, user: User, revising: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["document_type"].queryset = DocumentType.objects.filter(is_active=True)
        self.fields["drafting_unit"].queryset = selectors.units_for(user)
        self.fields["signer"].queryset = selectors.signers_for(user)
        self.fields["signer"].label_from_instance = lambda u: f"{u.full_name}" + (f" — {u.position}" if u.position
                                                                                  else "")
        self.fields["agencies"].queryset = Agency.objects.exclude(pk=user.agency_id).order_by("name")
        self.fields["agencies"].label_from_instance = lambda a: a.display_name
        self.fields["units"].queryset = OrgUnit.objects.filter(agency_id=user.agency_id, is_active=True)
        self.fields["units"].label_from_instance = lambda u: u.display_name
        if not revising:
            del self.fields["note"]
        else:
            for name in ("reply_to", "replaces", "corrects"):
                del self.fields[name]

    def recipients(self) -> list[RecipientSpec]:
        data = self.cleaned_data
        specs = [RecipientSpec(agency=agency) for agency in data.get("agencies") or []]
        specs += [RecipientSpec(unit=unit) for unit in data.get("units") or []]
        for line in (data.get("outside") or "").splitlines():
            code, _bar, name = line.partition("|") if "|" in line else ("", "", line)
            if not code.strip() and _CODE.match(name.strip()):  # a code alone: its name from the axis directory
                code, name = name, ""
            if name.strip() or code.strip():
                specs.append(RecipientSpec(external_name=name.strip(), external_organ_id=code.strip()))
        return specs

    def details(self) -> dict:
        data = self.cleaned_data
        return {"document_type": data["document_type"], "subject": data["subject"], "signer": data["signer"],
                "drafting_unit": data["drafting_unit"], "urgency": data["urgency"], "secrecy": data["secrecy"],
                "due_date": data.get("due_date"), "authority_line": data.get("authority_line") or "",
                "recipients": self.recipients()}


def initial_from(document: Document) -> dict:
    """A form's starting values from a document (to revise it, or to replace or correct it)."""
    recipients = list(document.recipients.all())
    return {
        "document_type": document.document_type_id, "subject": document.subject, "urgency": document.urgency,
        "secrecy": document.secrecy, "due_date": document.due_date, "drafting_unit": document.drafting_unit_id,
        "signer": document.signer_id, "authority_line": document.authority_line, "body": document.body,
        "agencies": [r.agency_id for r in recipients if r.agency_id],
        "units": [r.unit_id for r in recipients if r.unit_id],
        "outside": "\n".join(f"{_printed(r.external_organ_id)} | {r.external_name}" if r.external_organ_id
                             else r.external_name for r in recipients if r.external_name),
    }


class NoteForm(ServiceErrorsMixin, forms.Form):
    note = forms.CharField(label=_("Comment"), required=False, max_length=2000,
                           widget=forms.Textarea(attrs={"rows": 2}))


class SendBackForm(ServiceErrorsMixin, forms.Form):
    note = forms.CharField(label=_("What is to be changed"), max_length=2000, required=False,
                           widget=forms.Textarea(attrs={"rows": 3, "required": True}))


class SignForm(ServiceErrorsMixin, forms.Form):
    pin = forms.CharField(label=_("PIN of your signing certificate"), required=False, max_length=64,
                          widget=forms.PasswordInput(attrs={"autocomplete": "off", "inputmode": "numeric",
                                                            "required": True}))
    expected_sha256 = forms.CharField(required=False, max_length=64, widget=forms.HiddenInput)


class NumberForm(ServiceErrorsMixin, forms.Form):
    register = forms.ModelChoiceField(label=_("Outgoing register (sổ đăng ký)"), queryset=Register.objects.none(),
                                      required=False, empty_label=None)
    number = forms.IntegerField(label=_("Number"), required=False, min_value=1, max_value=99_999_999,
                                help_text=_("Empty: the register's next number. Type one only to use a number "
                                            "set aside."))
    issue = forms.BooleanField(label=_("Issue it now to every recipient"), required=False, initial=True)

    def __init__(self, *args, document: Document, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["register"].queryset = selectors.outgoing_registers(document.agency_id)
        self.fields["register"].label_from_instance = lambda register: register.name
        suitable = [r.pk for r in _registers_for(document)]
        if suitable and not self.is_bound:
            self.fields["register"].initial = suitable[0]


def _registers_for(document: Document):
    from documents.services.outgoing import registers_for

    return registers_for(document)


class RecallForm(ServiceErrorsMixin, forms.Form):
    reason = forms.CharField(label=_("Reason for the recall"), max_length=2000, required=False,
                             widget=forms.Textarea(attrs={"rows": 2, "required": True}))


_CODE = re.compile(r"^(\d{3}\.\d{2}\.\d{2}\.[A-Za-z]\d{2}|[A-Za-z]\d{2}(\.\d{2}){0,2}(\.\d{3})?)$")


def _printed(code: str) -> str:
    """An outside organisation's code as the drafter knows it (000.00.00.G09), not the stored short form."""
    try:
        return agency_code_printed(code)
    except ValidationError:
        return code
