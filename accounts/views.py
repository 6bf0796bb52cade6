"""Accounts pages: register, log in and out, change or reset a forgotten password, and the user's own page."""

import math

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from accounts.errors import AccountExists, AccountInvalid
from accounts.forms import LoginForm, PasswordResetRequestForm, PasswordResetSetForm, RegistrationForm
from accounts.models import User
from accounts.password_reset import reset_account_key, reset_account_rate
from accounts.ratelimits import (
    limit_posts_per_ip,
    login_failed,
    login_rate,
    register_number_key,
    register_number_rate,
    register_rate,
    reset_rate,
    submission_went_through,
)
from accounts.services import citizen_register, citizen_registration_collided
from accounts.web_two_factor import account_card

# The catalogue's back office (procedures/manage_views.py) mounts its pages here.
CATALOGUE_BACK_OFFICE_URL = "/procedures/manage/"


# The login form is filled with the number just registered (kept in the session, never in the URL).
_REGISTERED = "accounts.registered_username"


@limit_posts_per_ip(group="accounts.register", rate=register_rate, counts=submission_went_through)
@limit_posts_per_ip(group="accounts.register_number", rate=register_number_rate, counts=submission_went_through,
                    key=register_number_key)
@require_http_methods(["GET", "POST"])
def register(request: HttpRequest) -> HttpResponse:
    """Đăng ký tài khoản. A new account and a number that already has one are answered alike (the login
    page, the same words), so nobody learns from this form whether a CCCD number has an account; the
    existing account's owner is told by e-mail."""
    if request.user.is_authenticated:
        return redirect("accounts:home")
    form = RegistrationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            citizen_register(**form.service_arguments())
        except AccountInvalid as error:
            form.add_service_errors(error)
        except AccountExists:
            citizen_registration_collided(cccd=form.cleaned_data["cccd"])
            return _registered(request, form.cleaned_data["cccd"])
        else:
            return _registered(request, form.cleaned_data["cccd"])
    return render(request, "accounts/register.html", {"form": form})


def _registered(request: HttpRequest, username: str) -> HttpResponse:
    request.session[_REGISTERED] = username
    messages.success(request, _(
        "Your registration has been received. Log in with your CCCD number and the password you chose. If this "
        "number already had an account, that account is unchanged: log in with its password, or call the "
        "hotline or ask at a public administration service centre."))
    return redirect("accounts:login")


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True

    def get_initial(self):
        return {**super().get_initial(), "username": self.request.session.pop(_REGISTERED, "")}

    def get_default_redirect_url(self):
        # The hotline officers spend the day at the desk: it is their home (no "next" given).
        if self.request.user.role == User.Role.HOTLINE:
            return reverse("feedback:hotline")
        return super().get_default_redirect_url()

    def get_context_data(self, **kwargs):
        # Django's LoginView puts its "site" (the Sites framework's) in the context, over the portal's own
        # (hotlines.context_processors.site: the province and its hotlines in the header and footer).
        context = super().get_context_data(**kwargs)
        context.pop("site", None)
        context.pop("site_name", None)
        return context


# Failed logins per address only (see accounts/ratelimits.py for why not per account across addresses).
login_view = limit_posts_per_ip(group="accounts.login", rate=login_rate, counts=login_failed)(LoginView.as_view())

# Logging out: accounts.identity.views.logout (POST only, and at VNeID too when the session came from it).

password_change = auth_views.PasswordChangeView.as_view(
    template_name="accounts/password_change.html",
    success_url=reverse_lazy("accounts:password_change_done"),
)
password_change_done = auth_views.PasswordChangeDoneView.as_view(
    template_name="accounts/password_change_done.html",
)


def _link_lifetime() -> dict[str, int | None]:
    """How long a reset link works (settings.PASSWORD_RESET_TIMEOUT), in hours when it is whole hours, for
    the email and the page that says one was sent."""
    minutes = max(math.ceil(settings.PASSWORD_RESET_TIMEOUT / 60), 1)
    hours, rest = divmod(minutes, 60)
    return {"valid_hours": hours if hours and not rest else None, "valid_minutes": minutes}


class PasswordResetView(auth_views.PasswordResetView):
    """Quên mật khẩu: ask for a link by email. Known and unknown addresses get the same answer (the next
    page), so the form tells nobody which addresses have an account."""

    template_name = "accounts/password_reset.html"
    form_class = PasswordResetRequestForm
    subject_template_name = "accounts/email/password_reset_subject.txt"
    email_template_name = "accounts/email/password_reset.txt"
    success_url = reverse_lazy("accounts:password_reset_done")

    def form_valid(self, form):
        # The link starts with the portal's public address, as in every email of the portal, never with the
        # Host a request claims. The email goes out in the request's language (Vietnamese by default).
        self.extra_email_context = {"site_url": settings.SITE_URL.rstrip("/"), **_link_lifetime()}
        return super().form_valid(form)


# Per address and, whatever the connection, per mailbox named (accounts.password_reset.reset_account_key).
password_reset = limit_posts_per_ip(group="accounts.password_reset", rate=reset_rate)(
    limit_posts_per_ip(group="accounts.password_reset_account", rate=reset_account_rate, key=reset_account_key,
                       counts=submission_went_through)(PasswordResetView.as_view()))


class PasswordResetDoneView(auth_views.PasswordResetDoneView):
    template_name = "accounts/password_reset_done.html"

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), **_link_lifetime()}


password_reset_done = PasswordResetDoneView.as_view()

# Django checks the link (and moves its token out of the URL into the session before showing the form, so the
# token cannot leak through the Referer of the page); the form saves through accounts.services.
password_reset_confirm = auth_views.PasswordResetConfirmView.as_view(
    template_name="accounts/password_reset_confirm.html",
    form_class=PasswordResetSetForm,
    success_url=reverse_lazy("accounts:password_reset_complete"),
)
password_reset_complete = auth_views.PasswordResetCompleteView.as_view(
    template_name="accounts/password_reset_complete.html",
)


@login_required
def home(request: HttpRequest) -> HttpResponse:
    user: User = request.user
    if user.agency_id or user.centre_id:
        # One query for the page's own facts instead of one per relation.
        user = User.objects.select_related("agency", "centre").get(pk=user.pk)
    return render(request, "accounts/home.html", {"account": user, "links": _links_for(user),
                                                  "second_factor": account_card(user)})


def _links_for(user: User) -> list[tuple[str, str]]:
    """What this user would come to do, by role: (label, url)."""
    links: list[tuple[str, str]] = []
    if user.is_provincial_admin:
        links.append((gettext_lazy("Procedure catalogue back office"), CATALOGUE_BACK_OFFICE_URL))
        links.append((gettext_lazy("Sync with the National Public Service Portal"), reverse("nationalportal:outbox")))
        links.append((gettext_lazy("Digital signature certificates"), reverse("signatures:manage")))
    if user.is_staff:
        links.append((gettext_lazy("Reference data (Django admin)"), reverse("admin:index")))
    if not user.is_official:
        links.append((gettext_lazy("My dossiers"), reverse("dossiers:mine")))
        links.append((gettext_lazy("My petitions"), reverse("feedback:mine")))
    links.append((gettext_lazy("Notifications by SMS, Zalo and e-mail"), reverse("notifications:preferences")))
    if user.role == User.Role.HOTLINE or user.is_provincial_admin:
        links.append((gettext_lazy("Hotline desk"), reverse("feedback:hotline")))
        links.append((gettext_lazy("Call log"), reverse("feedback:calls")))
    if user.is_official:
        links.append((gettext_lazy("Feedback and petitions"), reverse("feedback:worklist")))
    if user.is_provincial_admin or (user.role == User.Role.LEADER and user.agency_id):
        links.append((gettext_lazy("Figures of feedback and petitions"), reverse("feedback:figures")))
    if user.role == User.Role.OFFICER and user.centre_id:
        links.append((gettext_lazy("Dossiers awaiting check"), reverse("dossiers:desk")))
        links.append((gettext_lazy("File a dossier at the counter"), reverse("dossiers:counter")))
    # The hotline officers neither work nor see dossiers (their desk looks them up) and sign nothing.
    works_dossiers = user.is_official and user.role != User.Role.HOTLINE
    if works_dossiers and user.agency_id:
        links.append((gettext_lazy("My work"), reverse("dossiers:work")))
    if works_dossiers:
        links.append((gettext_lazy("Search dossiers"), reverse("dossiers:search")))
        links.append((gettext_lazy("My signing certificate"), reverse("signatures:mine")))
    links.append((gettext_lazy("Browse administrative procedures"), reverse("procedures:catalogue")))
    links.append((gettext_lazy("Service centres"), reverse("centres:centre_list")))
    links.append((gettext_lazy("Change my password"), reverse("accounts:password_change")))
    return links
