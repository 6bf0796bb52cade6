"""Forms of the citizen's pages. They only translate the request into the services' arguments and the
services' errors (``DossierError.extra["errors"]``, keyed by field name) back onto their fields."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from dossiers.errors import DossierError
from dossiers.models import Dossier, Rating
from dossiers.services import ApplicantData
from dossiers.uploads import check_upload
from dossiers.web.form_pieces import ComponentFilesMixin, ServiceErrorsMixin, component_field_name
from dossiers.web.registry_forms import RegistryPrefillMixin
from portal.collation import vietnamese_key
from procedures.eforms import EFormFieldsMixin
from procedures.models import ProcedureVersion


class CentreLabels:
    """The centres' names in the select, the distinguishing part first: a phone shows only the start of an
    option, and every centre's name starts "Trung tâm Phục vụ hành chính công…". A centre is named by its
    administrative unit ("Phường Hạ Long — Trung tâm PVHCC"), or by its own name when it shares the unit
    with another centre of the list."""

    def __init__(self, centres):
        units = [c.unit_id for c in centres]
        self.shared = {unit for unit in units if units.count(unit) > 1}

    def __call__(self, centre) -> str:
        if centre.unit_id in self.shared:
            return centre.display_name
        if centre.level == centre.Level.PROVINCE:
            return _("%(unit)s — Provincial Public Administration Service Centre") % {
                "unit": centre.unit.display_name}
        return _("%(unit)s — Public Administration Service Centre") % {"unit": centre.unit.display_name}


class DossierForm(ServiceErrorsMixin, ComponentFilesMixin, RegistryPrefillMixin, EFormFieldsMixin, forms.Form):
    """Tờ khai nộp hồ sơ trực tuyến: the receiving centre, the applicant, the request, the answers to the
    procedure's e-form and the files."""

    centre = forms.ModelChoiceField(label=_("Receiving centre"), queryset=None, empty_label=_("Choose a centre"),
                                    error_messages={"required": _("Choose the centre that receives your dossier.")})
    applicant_name = forms.CharField(label=_("Full name"), max_length=150, required=False)
    applicant_cccd = forms.CharField(label=_("CCCD number"), max_length=20, required=False,
                                     widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}))
    applicant_phone = forms.CharField(label=_("Mobile phone"), max_length=20, required=False,
                                      widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}))
    applicant_email = forms.CharField(label=_("Email"), max_length=254, required=False,
                                      widget=forms.TextInput(attrs={"type": "email", "autocomplete": "email"}))
    applicant_address = forms.CharField(label=_("Address"), max_length=255, required=False)
    description = forms.CharField(
        label=_("Your request"), required=False, widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("What you ask the agency to do, and anything the officer should know."),
    )

    def __init__(self, *args, version: ProcedureVersion, centres, submitting: bool = False,
                 attached: frozenset[int] = frozenset(), home=None, **kwargs):
        """``submitting``: the citizen pressed "Submit", so every paper the submission needs is checked
        in this same round; ``attached``: the components the draft already has a file for; ``home``: the
        centre chosen for the citizen (dossiers.selectors.home_centre), said under the select."""
        super().__init__(*args, **kwargs)
        self.version = version
        self.submitting = submitting
        self.attached = attached
        self.fields["centre"].queryset = centres
        # The options in Vietnamese alphabetical order of what they show (the provincial centre first), the
        # same on every database; the queryset still decides what may be chosen.
        labels = CentreLabels(centres)
        ordered = sorted(centres, key=lambda c: (c.level != c.Level.PROVINCE, vietnamese_key(labels(c))))
        self.fields["centre"].choices = [("", self.fields["centre"].empty_label),
                                         *((centre.pk, labels(centre)) for centre in ordered)]
        if home is not None and home.level == home.Level.COMMUNE:
            self.fields["centre"].help_text = _(
                "Chosen for you: the centre of %(unit)s, where your address is. You may choose another one.") % {
                "unit": home.unit.display_name}
        # The e-form's questions: required ones are enforced when submitting, not when saving a draft. The
        # paper the e-form stands for is printed from the answers, so it has no file input.
        self.add_form_fields(version.form_fields.all(), required=submitting)
        self.add_component_fields(c for c in version.components.all() if not c.filled_by_form)
        self.form_component = next((c for c in version.components.all() if c.filled_by_form), None)
        self.add_registry_fields(consent_label=_(
            "I agree to let the portal look up my identity (full name, permanent address) by my CCCD number in "
            "the national population database to fill in this form."))
        # The service treats a missing name or CCCD as an error; say so before the citizen tries.
        for name in ("applicant_name", "applicant_cccd"):
            self.fields[name].widget.attrs["aria-required"] = "true"

    @classmethod
    def initial_for(cls, *, user=None, dossier: Dossier | None = None) -> dict:
        if dossier is not None:
            return {"centre": dossier.centre_id, "applicant_name": dossier.applicant_name,
                    "applicant_cccd": dossier.applicant_cccd, "applicant_phone": dossier.applicant_phone,
                    "applicant_email": dossier.applicant_email, "applicant_address": dossier.applicant_address,
                    "description": dossier.description,
                    **cls.form_initial(dossier.procedure_version.form_fields.all(), dossier.form_data)}
        return {"applicant_name": user.full_name, "applicant_cccd": user.cccd, "applicant_phone": user.phone,
                "applicant_email": user.email, "applicant_address": user.address}

    def clean(self):
        """Check the applicant and every file now, so the page shows all problems at once (the service
        checks them again when it writes)."""
        data = super().clean()
        try:
            self.applicant().cleaned()
        except DossierError as error:
            self.add_service_errors(error, summary=False)
        for component in self.components:
            upload = data.get(component_field_name(component))
            if not upload:
                if self.submitting and component.must_attach and component.pk not in self.attached:
                    self.add_error(component_field_name(component),
                                   _("Attach this paper: the dossier cannot be submitted without it."))
                continue
            try:
                check_upload(upload, label=component.display_name)
            except DossierError as error:
                self.add_error(component_field_name(component), error.message)
            finally:
                upload.seek(0)
        return data

    def applicant(self) -> ApplicantData:
        data = self.cleaned_data
        return ApplicantData(name=data.get("applicant_name", ""), cccd=data.get("applicant_cccd", ""),
                             phone=data.get("applicant_phone", ""), email=data.get("applicant_email", ""),
                             address=data.get("applicant_address", ""),
                             registry_token=data.get("registry_token", ""))

    def service_arguments(self) -> dict:
        return {"centre": self.cleaned_data["centre"], "applicant": self.applicant(),
                "description": self.cleaned_data.get("description", ""), "uploads": self.uploads(),
                "form_data": self.form_answers()}

    def problems(self) -> list[tuple[str, str, str]]:
        """Every error on the page as (field id or "", field label, message), in the form's order: the
        summary at the top links to each."""
        rows = [("", "", message) for message in self.non_field_errors()]
        for name, field in self.fields.items():
            for message in self.errors.get(name, ()):
                # A group of radio buttons has no single input: its legend carries the field's id.
                rows.append((self[name].id_for_label or self[name].auto_id,
                             str(getattr(field, "summary_label", field.label)), message))
        return rows

    def had_files(self) -> bool:
        """Files were chosen but the page comes back with errors: browsers never refill file inputs."""
        return self.is_bound and bool(self.files) and bool(self.errors)


class SupplementForm(ServiceErrorsMixin, ComponentFilesMixin, forms.Form):
    """Bổ sung hồ sơ: replacement files per component and a note to the officer."""

    note = forms.CharField(label=_("Note to the officer"), required=False, widget=forms.Textarea(attrs={"rows": 3}),
                           help_text=_("Say what you added or corrected."))

    def __init__(self, *args, dossier: Dossier, **kwargs):
        super().__init__(*args, **kwargs)
        self.add_component_fields(dossier.procedure_version.components.all())


class WithdrawForm(forms.Form):
    """Rút hồ sơ: an optional reason, and a confirmation the citizen must tick."""

    reason = forms.CharField(label=_("Reason (optional)"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    confirm = forms.BooleanField(
        label=_("I understand that a withdrawn dossier is not processed any further."),
        error_messages={"required": _("Tick the box to confirm the withdrawal.")},
    )


class ReceiveResultForm(forms.Form):
    """Nhận kết quả điện tử: a deliberate act the citizen confirms, recorded as the result's delivery."""

    confirm = forms.BooleanField(
        label=_("I confirm that I receive the electronic result of this dossier in my account."),
        error_messages={"required": _("Tick the box to confirm that you receive the electronic result.")},
    )


class PaperDeliveryForm(ServiceErrorsMixin, forms.Form):
    """Nhận bản giấy: at the centre, or by post to an address."""

    method = forms.ChoiceField(label=_("How do you want to receive the paper original?"),
                               choices=Dossier.PaperDelivery.choices, widget=forms.RadioSelect,
                               error_messages={"required": _("Choose whether to collect the paper original at the "
                                                             "centre or receive it by post."),
                                               "invalid_choice": _("Choose whether to collect the paper original at "
                                                                   "the centre or receive it by post.")})
    address = forms.CharField(label=_("Postal address (for post)"), max_length=255, required=False,
                              widget=forms.TextInput(attrs={"autocomplete": "street-address"}))

    def __init__(self, *args, dossier: Dossier, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["method"].initial = dossier.paper_delivery or Dossier.PaperDelivery.COUNTER
        self.fields["address"].initial = dossier.post_address or dossier.applicant_address


class RatingForm(ServiceErrorsMixin, forms.Form):
    """Đánh giá mức độ hài lòng."""

    score = forms.ChoiceField(label=_("How satisfied are you with how your dossier was handled?"),
                              choices=Rating.Score.choices, widget=forms.RadioSelect,
                              error_messages={"required": _("Choose one of the ratings offered.")})
    comment = forms.CharField(label=_("Comment (optional)"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
