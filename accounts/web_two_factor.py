"""Pages of the second factor (accounts.two_factor): the code asked after the password, setting up an
authenticator app, the backup codes (shown once), turning it off (officials who need not have it)."""

from __future__ import annotations

from base64 import b32encode
from urllib.parse import urlencode

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render, resolve_url
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.errors import SecondFactorError
from accounts.ratelimits import limit_posts_per_ip
from accounts.two_factor import (
    BACKUP_CODE_COUNT,
    app_enrolment_confirm,
    app_enrolment_start,
    backup_codes_left,
    backup_codes_regenerate,
    has_app_device,
    second_factor_check,
    second_factor_offered,
    second_factor_required,
    second_factor_turn_off,
    session_mark_verified,
    session_pending,
)
from portal.qrcodes import qr_data_uri

# The backup codes just made, shown once by the next page.
_NEW_CODES = "accounts.second_factor_new_codes"


class CodeForm(forms.Form):
    code = forms.CharField(
        label=gettext_lazy("Code"), max_length=32,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "autofocus": True, "autocapitalize": "off",
                                      "spellcheck": "false", "class": "code-input"}))

    def __init__(self, *args, help_text: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["code"].help_text = help_text


def second_factor_rate(group: str, request: HttpRequest) -> str:
    return settings.ACCOUNTS_SECOND_FACTOR_RATE


def _account_key(group: str, request: HttpRequest) -> str:
    return f"user-{request.user.pk}"


def _code_refused(request: HttpRequest, response: HttpResponse) -> bool:
    return response.status_code == 200


def _next_url(request: HttpRequest) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()},
                                                  require_https=request.is_secure()):
        return target
    return resolve_url(settings.LOGIN_REDIRECT_URL)


def _with_next(name: str, request: HttpRequest) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    return reverse(name) + ("?" + urlencode({"next": target}) if target else "")


@never_cache
@login_required
@limit_posts_per_ip(group="accounts.second_factor", rate=second_factor_rate, counts=_code_refused, key=_account_key)
@require_http_methods(["GET", "POST"])
def verify(request: HttpRequest) -> HttpResponse:
    """Mã xác thực: the second step of logging in."""
    if not session_pending(request):
        return redirect(_next_url(request))
    if not has_app_device(request.user):
        return redirect(_with_next("accounts:second_factor_enrol", request))
    form = CodeForm(request.POST or None, help_text=_(
        "The 6 digits your authenticator app shows for Cổng Một Cửa, or one of your backup codes."))
    if request.method == "POST" and form.is_valid():
        try:
            device = second_factor_check(user=request.user, token=form.cleaned_data["code"])
        except SecondFactorError as error:
            form.add_error("code", error.message)
        else:
            session_mark_verified(request, device)
            if isinstance(device, StaticDevice):
                left = backup_codes_left(request.user)
                messages.warning(request, _(
                    "You logged in with a backup code; it cannot be used again. Backup codes left: %(left)s. "
                    "Make new ones on your page when few are left.") % {"left": left})
            return redirect(_next_url(request))
    return render(request, "accounts/two_factor/verify.html", {"form": form, "next": request.GET.get("next", ""),
                                                               "second_factor_pending": True})


@never_cache
@login_required
@limit_posts_per_ip(group="accounts.second_factor", rate=second_factor_rate, counts=_code_refused, key=_account_key)
@require_http_methods(["GET", "POST"])
def enrol(request: HttpRequest) -> HttpResponse:
    """Cài đặt ứng dụng xác thực: a QR code and the secret typed by hand, confirmed by a first code."""
    user = request.user
    if not second_factor_offered(user):
        raise Http404
    if session_pending(request) and has_app_device(user):
        # Whoever only knows the password must not replace the device that guards the account.
        return redirect(_with_next("accounts:second_factor_verify", request))
    device: TOTPDevice = app_enrolment_start(user=user)
    form = CodeForm(request.POST or None, help_text=_("The 6 digits the app shows after you added the account."))
    if request.method == "POST" and form.is_valid():
        try:
            codes = app_enrolment_confirm(user=user, token=form.cleaned_data["code"])
        except SecondFactorError as error:
            form.add_error("code", error.message)
        else:
            session_mark_verified(request, TOTPDevice.objects.get(user=user, confirmed=True))
            request.session[_NEW_CODES] = codes
            return redirect(_with_next("accounts:second_factor_backup_codes", request))
    secret = b32encode(device.bin_key).decode("ascii").rstrip("=")
    return render(request, "accounts/two_factor/enrol.html", {
        "form": form, "next": request.GET.get("next", ""), "required": second_factor_required(user),
        "replacing": has_app_device(user), "qr": qr_data_uri(device.config_url, scale=5),
        "secret_groups": [secret[i:i + 4] for i in range(0, len(secret), 4)],
        "second_factor_pending": session_pending(request),
    })


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def backup_codes(request: HttpRequest) -> HttpResponse:
    """The ten backup codes, shown once after they are made; a POST makes ten new ones (the old stop working)."""
    if session_pending(request) or not has_app_device(request.user):
        raise Http404
    if request.method == "POST":
        request.session[_NEW_CODES] = backup_codes_regenerate(user=request.user)
        return redirect("accounts:second_factor_backup_codes")
    codes = request.session.pop(_NEW_CODES, None)
    if not codes:
        return redirect("accounts:home")
    return render(request, "accounts/two_factor/backup_codes.html", {
        "codes": codes, "count": BACKUP_CODE_COUNT, "next": _next_url(request)})


@login_required
@require_POST
def turn_off(request: HttpRequest) -> HttpResponse:
    if session_pending(request) or not has_app_device(request.user):
        raise Http404
    try:
        second_factor_turn_off(user=request.user)
    except SecondFactorError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("The second factor is off. You log in with your password only."))
    return redirect("accounts:home")


def account_card(user) -> dict | None:
    """What the user's page says of their second factor (officials only)."""
    if not second_factor_offered(user):
        return None
    on = has_app_device(user)
    return {"required": second_factor_required(user), "on": on, "backup_left": backup_codes_left(user) if on else 0}
