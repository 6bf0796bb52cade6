"""Quên mật khẩu by account (accounts/password_reset.py): name the account, choose e-mail or SMS; by SMS, type
the code, then choose the new password. Every answer is the same whether or not the account exists or has
an address or a phone; the tries left are counted in the session too, so that an account without a code
cannot be told from one with a code by typing wrong codes."""

from __future__ import annotations

import time

from django import forms
from django.conf import settings
from django.contrib.auth.forms import PasswordResetForm
from django.contrib.auth.tokens import default_token_generator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from accounts.errors import AccountInvalid
from accounts.forms import PasswordResetSetForm
from accounts.models import User
from accounts.password_reset import (
    CODE_MINUTES,
    CODE_TRIES,
    password_reset_code_check,
    password_reset_code_send,
    reset_account,
    reset_account_key,
    reset_account_rate,
    reset_code_expired,
    reset_identifier,
)
from accounts.ratelimits import limit_posts_per_ip, reset_rate, submission_went_through
from accounts.views import _link_lifetime

# {"account": identifier, "sent": unix time, "tries": n} while a code is awaited; {"user": pk, "until": unix time}
# once the code was right.
_AWAITED = "accounts.reset_code_awaited"
_PROVEN = "accounts.reset_code_proven"
EMAIL, SMS = "email", "sms"


class AccountResetForm(forms.Form):
    account = forms.CharField(
        label=_("CCCD number or username"), max_length=150,
        help_text=_("Citizens: the 12 digits on your identity card. Officials: your username."),
        widget=forms.TextInput(attrs={"autocomplete": "username", "autofocus": True}))
    channel = forms.ChoiceField(
        label=_("Send me"), initial=EMAIL, widget=forms.RadioSelect,
        choices=[(EMAIL, _("a link by e-mail, to the address of my account")),
                 (SMS, _("a code by SMS, to the mobile phone of my account"))])

    def clean_account(self) -> str:
        return reset_identifier(self.cleaned_data["account"])


class CodeForm(forms.Form):
    code = forms.CharField(
        label=_("Code from the SMS"), max_length=12,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}))


@never_cache
@limit_posts_per_ip(group="accounts.password_reset", rate=reset_rate)
@limit_posts_per_ip(group="accounts.password_reset_account", rate=reset_account_rate, key=reset_account_key,
                    counts=submission_went_through)
@require_http_methods(["GET", "POST"])
def start(request: HttpRequest) -> HttpResponse:
    form = AccountResetForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        identifier = form.cleaned_data["account"]
        if form.cleaned_data["channel"] == SMS:
            password_reset_code_send(identifier=identifier)
            request.session[_AWAITED] = {"account": identifier, "sent": time.time(), "tries": 0}
            request.session.pop(_PROVEN, None)
            return redirect("accounts:password_reset_code")
        _link_send(request, reset_account(identifier))
        return redirect("accounts:password_reset_link_sent")
    return render(request, "accounts/password_reset_account.html", {"form": form})


def _link_send(request: HttpRequest, user: User | None) -> None:
    """The e-mail the address-based form sends, to this account's address if it has one."""
    if user is None or not user.email or not user.has_usable_password():
        return
    context = {
        "email": user.email, "user": user, "uid": urlsafe_base64_encode(force_bytes(user.pk)),
        "token": default_token_generator.make_token(user), "protocol": "https" if request.is_secure() else "http",
        "domain": request.get_host(), "site_name": "Cổng Một Cửa", "site_url": settings.SITE_URL.rstrip("/"),
        **_link_lifetime(),
    }
    PasswordResetForm().send_mail("accounts/email/password_reset_subject.txt", "accounts/email/password_reset.txt",
                                  context, None, user.email)


def link_sent(request: HttpRequest) -> HttpResponse:
    return render(request, "accounts/password_reset_link_sent.html", _link_lifetime())


@never_cache
@require_http_methods(["GET", "POST"])
def code(request: HttpRequest) -> HttpResponse:
    awaited = request.session.get(_AWAITED)
    if not awaited:
        return redirect("accounts:password_reset_account")
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            if awaited["tries"] >= CODE_TRIES or time.time() > awaited["sent"] + CODE_MINUTES * 60:
                raise reset_code_expired()
            awaited["tries"] += 1
            request.session[_AWAITED] = awaited
            user = password_reset_code_check(identifier=awaited["account"], code=form.cleaned_data["code"])
        except AccountInvalid as error:
            form.add_error("code", error.message)
        else:
            request.session.pop(_AWAITED, None)
            request.session.cycle_key()
            request.session[_PROVEN] = {"user": user.pk, "until": time.time() + CODE_MINUTES * 60}
            return redirect("accounts:password_reset_code_password")
    return render(request, "accounts/password_reset_code.html", {"form": form, "minutes": CODE_MINUTES})


@never_cache
@require_http_methods(["GET", "POST"])
def new_password(request: HttpRequest) -> HttpResponse:
    proven = request.session.get(_PROVEN)
    user = None
    if proven and time.time() <= proven["until"]:
        user = User.objects.filter(pk=proven["user"], is_active=True).first()
    if user is None:
        request.session.pop(_PROVEN, None)
        return redirect("accounts:password_reset_account")
    form = PasswordResetSetForm(user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        form.save()
        request.session.pop(_PROVEN, None)
        return redirect("accounts:password_reset_complete")
    return render(request, "accounts/password_reset_confirm.html", {"form": form, "validlink": True})
