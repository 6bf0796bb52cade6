"""HTML forms of accounts: they parse what people type; the rules live in the model and services."""

from django import forms
from django.conf import settings
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

from accounts.cccd import looks_like_cccd, normalize_cccd
from accounts.errors import AccountInvalid
from accounts.models import User

# Where a service's field names differ from the form's.
_SERVICE_TO_FORM_FIELD = {"password": "password1"}


class RegistrationForm(forms.Form):
    cccd = forms.CharField(
        label=_("Personal identification number (CCCD)"),
        max_length=20,  # room for the spaces people type between groups of digits
        help_text=_("The 12 digits on your citizen identity card. You will log in with this number."),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "username", "autofocus": True}),
    )
    full_name = forms.CharField(
        label=_("Full name"), max_length=150, widget=forms.TextInput(attrs={"autocomplete": "name"})
    )
    date_of_birth = forms.DateField(
        label=_("Date of birth"),
        input_formats=["%Y-%m-%d", "%d/%m/%Y"],
        widget=forms.DateInput(attrs={"type": "date", "autocomplete": "bday"}, format="%Y-%m-%d"),
    )
    gender = forms.ChoiceField(label=_("Gender"), choices=User.Gender.choices, widget=forms.RadioSelect)
    phone = forms.CharField(
        label=_("Mobile phone"),
        max_length=20,
        widget=forms.TextInput(attrs={"type": "tel", "inputmode": "tel", "autocomplete": "tel"}),
    )
    email = forms.EmailField(
        label=_("Email"), required=False, widget=forms.EmailInput(attrs={"autocomplete": "email"})
    )
    password1 = forms.CharField(
        label=_("Password"),
        strip=False,
        help_text=_("At least 8 characters, not only digits, and not a common password."),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    password2 = forms.CharField(
        label=_("Password again"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def clean_cccd(self) -> str:
        return normalize_cccd(self.cleaned_data["cccd"])

    def clean(self):
        cleaned = super().clean()
        first, second = cleaned.get("password1"), cleaned.get("password2")
        if first and second and first != second:
            self.add_error("password2", _("The two passwords are different. Type the same password twice."))
        return cleaned

    def service_arguments(self) -> dict:
        data = self.cleaned_data
        return {
            "cccd": data["cccd"],
            "full_name": data["full_name"],
            "date_of_birth": data["date_of_birth"],
            "gender": data["gender"],
            "phone": data["phone"],
            "email": data.get("email", ""),
            "password": data["password1"],
        }

    def add_service_errors(self, error: AccountInvalid) -> None:
        for field, messages in error.errors.items():
            name = _SERVICE_TO_FORM_FIELD.get(field, field)
            for message in messages:
                self.add_error(name if name in self.fields else None, message)


class LoginForm(AuthenticationForm):
    """Citizens log in with their CCCD number, officials with their username."""

    error_messages = {
        # Same words whether or not the account exists, so the form cannot be used to probe for accounts.
        "invalid_login": _(
            "The number or username and password do not match. Check both and try again; "
            "after %(limit)s failed attempts the account is locked for a while."
        ),
        "inactive": _("This account is disabled. Call the hotline or ask at a service centre."),
    }

    def __init__(self, request=None, *args, **kwargs):
        super().__init__(request, *args, **kwargs)
        self.fields["username"].label = _("CCCD number or username")
        self.fields["username"].help_text = _("Citizens: the 12 digits on your identity card.")

    def clean_username(self) -> str:
        value = self.cleaned_data["username"].strip()
        digits = normalize_cccd(value)
        # "001 099 012 345" is a CCCD number typed with spaces; official usernames are left alone.
        return digits if looks_like_cccd(digits) else value

    def get_invalid_login_error(self):
        return forms.ValidationError(
            self.error_messages["invalid_login"],
            code="invalid_login",
            params={"limit": settings.AXES_FAILURE_LIMIT},
        )
