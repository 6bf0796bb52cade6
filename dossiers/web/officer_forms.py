"""Forms of the officials' pages: the search filters, the counter intake and each action on a dossier.

The forms only translate the request into the services' arguments; the services judge the values and
their ``DossierError.extra["errors"]`` are put back on the fields (``add_service_errors``)."""

from __future__ import annotations

import datetime

from django import forms
from django.conf import settings
from django.http import QueryDict
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from documents.services.files import main_file
from dossiers.errors import DossierError
from dossiers.models import Dossier
from dossiers.selectors import DossierFilters
from dossiers.services import ApplicantData
from dossiers.slips.result import template_for
from dossiers.uploads import check_upload
from dossiers.web import form_pieces
from dossiers.web.registry_forms import RegistryPrefillMixin
from portal.collation import vietnamese
from procedures.eforms import EFormFieldsMixin
from procedures.models import Procedure
from signatures import selectors as signature_selectors
from units.models import Agency


class _DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self):
        super().__init__(format="%Y-%m-%d")


def _text(label, *, required_attr=True, rows=3, **kwargs):
    # The services say precisely what is missing, so the fields are optional for Django; the browser
    # still asks first (``required`` attribute) to save a round trip.
    attrs = {"rows": rows, **({"required": True} if required_attr else {})}
    return forms.CharField(label=label, required=False, widget=forms.Textarea(attrs=attrs), **kwargs)


class ServiceErrorsMixin(form_pieces.ServiceErrorsMixin):
    def add_service_errors(self, error: DossierError, *, summary: bool = False) -> None:
        """The officials' pages show the service's message above the actions themselves."""
        super().add_service_errors(error, summary=summary)


class SearchForm(forms.Form):
    """Tra cứu hồ sơ: every value optional; a bad one is reported and ignored."""

    q = forms.CharField(
        label=_("Code, applicant's name or CCCD"), required=False, max_length=100,
        widget=forms.SearchInput(attrs={"placeholder": _("e.g. H49-250701-0001 or nguyen van an")}),
    )
    state = forms.ChoiceField(label=_("State"), required=False)
    procedure = forms.ChoiceField(label=_("Procedure"), required=False)
    received_from = forms.DateField(label=_("Received from"), required=False, widget=_DateInput())
    received_to = forms.DateField(label=_("Received until"), required=False, widget=_DateInput())
    due = forms.ChoiceField(label=_("Deadline"), required=False, choices=[
        ("", _("Any deadline")), ("overdue", _("Overdue")), ("soon", _("Due within one working day")),
    ])

    def __init__(self, data: QueryDict, *, procedures):
        super().__init__(data)
        self.fields["state"].choices = [("", _("All states")), *(
            (value, label) for value, label in Dossier.State.choices if value != Dossier.State.DRAFT)]
        self.fields["procedure"].choices = [("", _("All procedures")), *(
            (code, f"{code} · {name}") for code, name in procedures)]

    def filters(self) -> DossierFilters:
        self.is_valid()
        data = self.cleaned_data
        return DossierFilters(
            query=(data.get("q") or "").strip(), state=data.get("state") or "",
            procedure=data.get("procedure") or "", received_from=data.get("received_from"),
            received_to=data.get("received_to"), due=data.get("due") or "",
        )

    def as_querydict(self) -> QueryDict:
        """The valid, non-empty values, for the pagination links."""
        self.is_valid()
        query = QueryDict(mutable=True)
        for name, value in self.cleaned_data.items():
            if value:
                query[name] = value.isoformat() if isinstance(value, datetime.date) else value
        return query


class ProcedurePickForm(forms.Form):
    q = forms.CharField(
        label=_("Name or code of the procedure"), required=False, max_length=200,
        widget=forms.SearchInput(attrs={"placeholder": _("e.g. khai sinh or 1.001193"), "autofocus": True}),
    )


class DeskSearchForm(forms.Form):
    """The search box of the desk's queues: code, applicant's name (diacritics and i/y ignored) or CCCD."""

    q = forms.CharField(label=_("Code, applicant's name or CCCD"), required=False, max_length=100,
                        widget=forms.SearchInput(attrs={"placeholder": _("e.g. H49-250701-0001 or nguyen van an")}))


class CounterForm(ServiceErrorsMixin, form_pieces.ComponentFilesMixin, RegistryPrefillMixin, EFormFieldsMixin,
                  forms.Form):
    """Tiếp nhận hồ sơ trực tiếp: the walk-in applicant, the answers to the procedure's e-form (typed from
    the applicant's paper or dictation) and one scanned file per component."""

    applicant_cccd = forms.CharField(label=_("CCCD number"), max_length=20, required=False, widget=forms.TextInput(
        attrs={"inputmode": "numeric", "autocomplete": "off", "required": True}))
    applicant_name = forms.CharField(label=_("Applicant's full name"), max_length=150, required=False,
                                     widget=forms.TextInput(attrs={"required": True}))
    applicant_phone = forms.CharField(label=_("Mobile phone"), max_length=20, required=False,
                                      widget=forms.TextInput(attrs={"inputmode": "tel"}))
    applicant_email = forms.CharField(label=_("Email"), max_length=254, required=False, widget=forms.EmailInput)
    applicant_address = forms.CharField(label=_("Address"), max_length=255, required=False)
    description = forms.CharField(label=_("Request"), required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, components, definition=(), **kwargs):
        super().__init__(*args, **kwargs)
        components = list(components)
        self.add_form_fields(definition)
        # The paper the e-form stands for is printed from the answers: no scan of it.
        self.add_component_fields(c for c in components if not c.filled_by_form)
        self.form_component = next((c for c in components if c.filled_by_form), None)
        self.add_registry_fields(consent_label=_(
            "The applicant agrees to have their identity looked up by CCCD number in the national population "
            "database."))

    def component_fields(self):
        return [(c, self[form_pieces.component_field_name(c)]) for c in self.components]

    def clean(self):
        """The applicant and the scans are checked in the same round as the e-form's answers, so every
        problem shows at once (the service checks them again when it writes)."""
        data = super().clean()
        try:
            self.applicant().cleaned()
        except DossierError as error:
            self.add_service_errors(error, summary=True)
        for component in self.components:
            upload = data.get(form_pieces.component_field_name(component))
            if not upload:
                continue
            try:
                check_upload(upload, label=component.display_name)
            except DossierError as error:
                self.add_error(form_pieces.component_field_name(component), error.message)
            finally:
                upload.seek(0)
        return data

    def applicant(self) -> ApplicantData:
        data = self.cleaned_data
        return ApplicantData(name=data.get("applicant_name", ""), cccd=data.get("applicant_cccd", ""),
                             phone=data.get("applicant_phone", ""), email=data.get("applicant_email", ""),
                             address=data.get("applicant_address", ""), registry_token=data.get("registry_token", ""))


# --- Actions on a dossier ---------------------------------------------------------------------------

class ActionForm(ServiceErrorsMixin, forms.Form):
    """The form of an action on the dossier page (dossiers.actions): every one is built from the same
    arguments, and ``values()`` gives the service's keyword arguments."""

    def __init__(self, data=None, files=None, *, dossier: Dossier | None = None, current=None, user=None,
                 **kwargs):
        super().__init__(data, files, **kwargs)

    def values(self) -> dict:
        return dict(self.cleaned_data)


class NoteForm(ActionForm):
    note = _text(_("Note"), required_attr=False)


class ReasonForm(ActionForm):
    reason = _text(_("Reason"))


class SupplementRequestForm(ActionForm):
    """Phiếu yêu cầu bổ sung (form 02): a checklist of the procedure's papers, other papers typed one per
    line, and the reason; the service wants at least one paper, ticked or typed."""

    components = forms.TypedMultipleChoiceField(
        label=_("Papers of the dossier to add or correct"), required=False, coerce=int,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": _("Choose the papers from the procedure's list."),
                        "invalid_list": _("Choose the papers from the procedure's list.")})
    items = _text(_("Other papers or corrections, one per line"), required_attr=False, rows=3, max_length=5000,
                  help_text=_("At least one paper: ticked above, written here, or both."))
    reason = _text(_("Reason"))

    def __init__(self, *args, dossier: Dossier | None = None, **kwargs):
        super().__init__(*args, dossier=dossier, **kwargs)
        components = dossier.procedure_version.components.all() if dossier is not None else []
        self.fields["components"].choices = [(c.position, c.display_name) for c in components]

    def item_list(self) -> list[str]:
        return [line for line in (self.cleaned_data.get("items") or "").splitlines() if line.strip()]

    def values(self) -> dict:
        return {"reason": self.cleaned_data["reason"], "components": self.cleaned_data.get("components") or [],
                "items": self.item_list()}


class SendBackForm(ActionForm):
    note = _text(_("Why it goes back"))


class CompleteForm(ActionForm):
    """Completing a step; at the approval step, approving the result: the version shown in the page (its
    SHA-256 sent back, so a draft changed meanwhile is not signed unseen), or a PDF uploaded instead, signed
    with the PIN when the leader holds a certificate."""

    note = _text(_("Note"), required_attr=False)
    result = forms.FileField(label=_("Result (PDF)"), required=False,
                             widget=forms.ClearableFileInput(attrs={"accept": ".pdf,application/pdf"}))
    pin = forms.CharField(label=_("PIN of your signing certificate"), required=False, strip=False, max_length=32,
                          help_text=_("The result is signed with your certificate before it is returned."),
                          widget=forms.PasswordInput(attrs={"autocomplete": "off"}))
    expected_sha256 = forms.CharField(required=False, max_length=64, widget=forms.HiddenInput)

    def __init__(self, *args, user=None, dossier: Dossier | None = None, **kwargs):
        super().__init__(*args, user=user, dossier=dossier, **kwargs)
        document = dossier.result_document if dossier is not None else None
        self.draft = document if document is not None else (
            dossier.result_drafts.filter(is_current=True).first() if dossier is not None else None)
        if self.draft is not None:  # approving the draft is the default: no file to upload again
            self.fields["result"].label = _("Or upload a different result (PDF)")
            self.fields["result"].help_text = _("Leave empty to issue the draft result shown on this page.")
        shown = main_file(document) if document is not None else None
        if shown is not None and not self.is_bound:
            self.fields["expected_sha256"].initial = shown.sha256
        self.signing_warning = ""
        if user is not None and signature_selectors.signing_certificate_for(user) is not None:
            # a leader who holds a certificate signs every result
            self.fields["pin"].required = True
            self.fields["pin"].error_messages["required"] = _("Enter the PIN of your certificate: the result is "
                                                              "signed before it is returned.")
        else:  # the official holds no certificate: nothing to sign with, said before anything happens
            del self.fields["pin"]
            self.signing_warning = (
                _("You hold no valid signing certificate, and the province requires signed results: this step "
                  "cannot be completed until the provincial admin issues you one (Digital signatures).")
                if settings.SIGNATURES_RESULT_REQUIRED else
                _("You hold no valid signing certificate: the result will be returned without a digital "
                  "signature. Ask the provincial admin for a certificate."))


class DraftResultForm(ActionForm):
    """Dự thảo kết quả: the draft PDF, or the procedure's template filled from the dossier."""

    draft = forms.FileField(label=_("Draft result (PDF)"), required=False,
                            widget=forms.ClearableFileInput(attrs={"accept": ".pdf,application/pdf"}))
    generate = forms.BooleanField(label=_("Generate the draft from the procedure's template"), required=False)
    note = _text(_("Note to the leader"), required_attr=False, rows=2)

    def __init__(self, *args, dossier: Dossier | None = None, **kwargs):
        super().__init__(*args, dossier=dossier, **kwargs)
        if dossier is not None:
            template = Procedure.ResultTemplate(template_for(dossier)).label
            self.fields["generate"].label = _("Generate the draft from the procedure's template: %(template)s") % {
                "template": template}


class HandOverForm(ActionForm):
    """Trả kết quả tại quầy: who received it, and the identity document they showed."""

    recipient_name = forms.CharField(label=_("Received by"), max_length=150, required=False)
    recipient_id = forms.CharField(
        label=_("Number of the identity document shown"), max_length=40, required=False,
        help_text=_("The CCCD (or passport) of whoever collects the result: the applicant, or the person they "
                    "authorised."), widget=forms.TextInput(attrs={"autocomplete": "off"}))
    note = _text(_("Note"), required_attr=False, rows=2)

    def __init__(self, *args, dossier: Dossier | None = None, **kwargs):
        super().__init__(*args, dossier=dossier, **kwargs)
        if dossier is not None:
            self.fields["recipient_name"].initial = dossier.applicant_name
            self.fields["recipient_id"].initial = dossier.applicant_cccd


class PostResultForm(ActionForm):
    """Gửi kết quả qua bưu chính: where the paper original was sent, and the tracking number."""

    address = forms.CharField(label=_("Postal address"), max_length=400, required=False,
                              widget=forms.TextInput(attrs={"autocomplete": "off"}))
    note = _text(_("Postal tracking number or note"), required_attr=False, rows=2)

    def __init__(self, *args, dossier: Dossier | None = None, **kwargs):
        super().__init__(*args, dossier=dossier, **kwargs)
        if dossier is not None:
            self.fields["address"].initial = dossier.post_address or dossier.applicant_address


class TransferForm(ActionForm):
    agency = forms.ModelChoiceField(label=_("Transfer to"), queryset=Agency.objects.none(),
                                    empty_label=_("Choose an agency"),
                                    error_messages={"required": _("Choose the agency that takes over the step."),
                                                    "invalid_choice": _("Choose the agency that takes over the step.")})
    note = _text(_("Note"), required_attr=False)

    def __init__(self, *args, current=None, **kwargs):
        super().__init__(*args, current=current, **kwargs)
        self.fields["agency"].queryset = Agency.objects.exclude(pk=current.agency_id if current else None
                                                                ).order_by(vietnamese("name"))
        self.fields["agency"].label_from_instance = lambda agency: agency.display_name


class ExtendForm(ActionForm):
    """Phiếu xin lỗi và hẹn lại ngày trả kết quả (form 04)."""

    new_due_date = forms.DateField(label=_("New due date"), widget=_DateInput(),
                                   error_messages={"required": _("Enter the new due date.")})
    new_due_time = forms.TimeField(label=_("Time"), initial=datetime.time(17, 0),
                                   widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
                                   error_messages={"required": _("Enter the time on the new due date.")})
    reason = _text(_("Reason for the delay"))

    def new_due_at(self) -> datetime.datetime:
        data = self.cleaned_data
        return timezone.make_aware(datetime.datetime.combine(data["new_due_date"], data["new_due_time"]))

    def values(self) -> dict:
        return {"new_due_at": self.new_due_at(), "reason": self.cleaned_data["reason"]}

    def add_service_errors(self, error: DossierError) -> None:
        errors = dict(error.extra.get("errors") or {})
        if "new_due_at" in errors:
            errors["new_due_date"] = errors.pop("new_due_at")
        for name, messages in errors.items():
            for message in messages:
                self.add_error(name if name in self.fields else None, message)


class CounterSupplementForm(form_pieces.ComponentFilesMixin, ActionForm):
    """Bổ sung hồ sơ tại quầy: the papers the applicant brought, scanned, and a note."""

    note = _text(_("Note"), required_attr=False)

    def __init__(self, *args, dossier: Dossier, **kwargs):
        super().__init__(*args, dossier=dossier, **kwargs)
        self.add_component_fields(dossier.procedure_version.components.all())

    def values(self) -> dict:
        return {"uploads": self.uploads(), "note": self.cleaned_data["note"]}
