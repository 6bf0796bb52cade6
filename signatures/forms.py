"""Forms of the signature pages: they check the input's shape; the services check the rules."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from portal import forms as portal_forms
from portal.collation import vietnamese
from signatures.models import Certificate, CertificateRequest
from units.models import Agency

PDF_MAGIC = b"%PDF-"


class ServiceErrorsMixin(portal_forms.ServiceErrorsMixin):
    def add_service_errors(self, error, *, summary: bool | None = None) -> None:
        """The message at the top only when no field carries it (the pages show field errors in place)."""
        super().add_service_errors(error, summary=not error.extra.get("errors") if summary is None else summary)


class VerifyForm(forms.Form):
    file = forms.FileField(label=_("Signed PDF document"),
                           widget=forms.ClearableFileInput(attrs={"accept": ".pdf,application/pdf"}),
                           error_messages={"required": _("Choose the PDF document to verify.")})

    def clean_file(self):
        upload = self.cleaned_data["file"]
        limit = settings.SIGNATURES_VERIFY_MAX_MB
        if upload.size > limit * 1024 * 1024:
            raise forms.ValidationError(_("The file is larger than %(mb)s MB.") % {"mb": limit})
        head = upload.read(1024)
        upload.seek(0)
        if PDF_MAGIC not in head:
            raise forms.ValidationError(_("This file is not a PDF document."))
        return upload

    def content(self) -> bytes:
        upload = self.cleaned_data["file"]
        upload.seek(0)
        return upload.read()


class PinForm(ServiceErrorsMixin, forms.Form):
    pin = forms.CharField(label=_("PIN"), strip=False, max_length=32,
                          widget=forms.PasswordInput(attrs={"autocomplete": "off", "inputmode": "numeric"}),
                          error_messages={"required": _("Enter your PIN.")})


class IssueForm(PinForm):
    """The official chooses the PIN that will protect their key; it is never stored."""

    pin = forms.CharField(label=_("Choose a PIN (6 to 32 characters)"), strip=False, max_length=32,
                          widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
                          error_messages={"required": _("Choose a PIN.")})
    pin_confirm = forms.CharField(label=_("Repeat the PIN"), strip=False, max_length=32,
                                  widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
                                  error_messages={"required": _("Repeat the PIN.")})


class RequestForm(ServiceErrorsMixin, forms.Form):
    kind = forms.ChoiceField(label=_("For"), choices=CertificateRequest.Kind.choices,
                             initial=CertificateRequest.Kind.PERSONAL, widget=forms.RadioSelect)
    official = forms.ModelChoiceField(label=_("Official who will hold the certificate"), required=False, queryset=User.objects.none(),
                                      empty_label=_("Choose the official"))
    agency = forms.ModelChoiceField(label=_("Agency (for an agency certificate)"), required=False,
                                    queryset=Agency.objects.none(), empty_label=_("Choose the agency"))
    position = forms.CharField(label=_("Position"), required=False, max_length=150,
                               help_text=_("Left empty, the official's position in their account."))
    department = forms.CharField(label=_("Unit"), required=False, max_length=255)
    email = forms.EmailField(label=_("Email"), required=False,
                             help_text=_("Left empty, the official's email in their account."))
    validity_days = forms.IntegerField(label=_("Validity (days)"), min_value=1, max_value=5 * 365,
                                       initial=settings.SIGNATURES_CERT_VALIDITY_DAYS)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["official"].queryset = (User.objects.filter(is_active=True, agency__isnull=False)
                                            .exclude(role__in=(User.Role.CITIZEN, User.Role.ADMIN))
                                            .select_related("agency").order_by(vietnamese("full_name"), "username"))
        self.fields["official"].label_from_instance = lambda u: f"{u.full_name or u.username} — {u.get_role_display()}" \
            f", {u.agency.display_name}"
        self.fields["agency"].queryset = Agency.objects.order_by(vietnamese("name"))
        self.fields["agency"].label_from_instance = lambda a: a.display_name

    def clean(self):
        data = super().clean()
        if data.get("kind") == CertificateRequest.Kind.PERSONAL and not data.get("official"):
            self.add_error("official", _("Choose the official."))
        if data.get("kind") == CertificateRequest.Kind.ORGANISATION and not data.get("agency"):
            self.add_error("agency", _("Choose the agency."))
        return data


class ImportForm(forms.Form):
    file = forms.FileField(label=_("List of officials (Excel .xlsx)"),
                           widget=forms.ClearableFileInput(attrs={"accept": ".xlsx"}),
                           error_messages={"required": _("Choose the Excel file.")})

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > settings.IMPORT_MAX_MB * 1024 * 1024:
            raise forms.ValidationError(_("The file is larger than %(mb)s MB.") % {"mb": settings.IMPORT_MAX_MB})
        return upload


class RejectForm(ServiceErrorsMixin, forms.Form):
    reason = forms.CharField(label=_("Reason for rejection"), max_length=1000,
                             widget=forms.Textarea(attrs={"rows": 2}),
                             error_messages={"required": _("Say why the request is rejected.")})


class RevokeForm(ServiceErrorsMixin, forms.Form):
    reason = forms.ChoiceField(label=_("Reason"), choices=Certificate.Reason.choices,
                               error_messages={"required": _("Choose the reason for the revocation."),
                                               "invalid_choice": _("Choose the reason for the revocation.")})
