"""HTML forms of accounts: they parse what people type; the rules live in the model and services."""

from django import forms
from django.conf import settings
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm, SetPasswordForm
from django.utils.translation import gettext_lazy as _

from accounts.cccd import looks_like_cccd, normalize_cccd
from accounts.errors import AccountInvalid
from accounts.models import User
from accounts.services import user_password_reset

_PASSWORD_HELP = _("At least 8 characters, not only digits, and not a common password.")
_PASSWORD_MISMATCH = _("The two passwords are different. Type the same password twice.")

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
        label=_("Date of birth"),  # typed day first or ISO: portal/formats/<language>/formats.py
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
        help_text=_PASSWORD_HELP,
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
            self.add_error("password2", _PASSWORD_MISMATCH)
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


class PasswordResetRequestForm(PasswordResetForm):
    """Quên mật khẩu: the account is found by its email address, the one thing a link can be sent to. Django's
    form sends the link to each active account with that address and says nothing about the others."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        email = self.fields["email"]
        email.label = _("Email address of your account")
        email.help_text = _("The address you gave when you registered, or that the service centre recorded.")
        email.widget.attrs["autofocus"] = True


class PasswordResetSetForm(SetPasswordForm):
    """The new password, checked against AUTH_PASSWORD_VALIDATORS (as at registration) and saved by the
    service, which also lifts the account's login lockout."""

    error_messages = {**SetPasswordForm.error_messages, "password_mismatch": _PASSWORD_MISMATCH}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["new_password1"].help_text = _PASSWORD_HELP
        self.fields["new_password1"].widget.attrs["autofocus"] = True
        self.fields["new_password2"].label = _("New password again")

    def clean(self):
        # The validators' messages go under the new password, beside its help text, as at registration
        # (Django's form puts them under the confirmation).
        self.validate_passwords("new_password1", "new_password2")
        self.validate_password_for_user(self.user, "new_password1")
        return super(SetPasswordForm, self).clean()

    def save(self, commit: bool = True) -> User:
        # The password is always saved: a reset that did not save would leave the link used for nothing.
        return user_password_reset(user=self.user, password=self.cleaned_data["new_password1"])
