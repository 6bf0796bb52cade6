"""The pages of the national identity login: start (to the provider), the callback (back from it, through
mozilla-django-oidc's views) and logging out, at the provider too when the session came from it. Whatever
goes wrong ends on one clear page that offers to try again or to log in with the password."""

from __future__ import annotations

import logging
from functools import wraps
from urllib.parse import urlencode

import requests
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.core.exceptions import SuspiciousOperation
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.utils.translation import gettext as _
from mozilla_django_oidc.views import OIDCAuthenticationCallbackView, OIDCAuthenticationRequestView

from accounts.identity import session
from accounts.identity.errors import IdentityErrorCode, IdentityRefused
from accounts.ratelimits import rate_limited_response
from portal.ratelimit import usage as rate_usage

logger = logging.getLogger("accounts.identity")
_STATUS = {IdentityErrorCode.UNAVAILABLE: 503, IdentityErrorCode.OFFICIAL: 403, IdentityErrorCode.INACTIVE: 403,
           IdentityErrorCode.DISABLED: 404}


def refused(request: HttpRequest, error: IdentityRefused) -> HttpResponse:
    logger.warning("national identity login refused: %s %s", error.code, error.detail)
    return render(request, "accounts/identity_refused.html", {"error": error},
                  status=_STATUS.get(error.code, 400))


def _identity_rate(group: str, request: HttpRequest) -> str:
    return settings.ACCOUNTS_IDENTITY_RATE


def limited_per_ip(view):
    """Each start and callback makes the portal call the provider: so many a minute per address
    (ACCOUNTS_IDENTITY_RATE), then a 429 page that says when to try again."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        usage = rate_usage(request, group="accounts.identity", key="ip", rate=_identity_rate, increment=True)
        if usage is not None and usage["should_limit"]:
            return rate_limited_response(request, seconds_left=usage["time_left"])
        return view(request, *args, **kwargs)

    return wrapped


class StartView(OIDCAuthenticationRequestView):
    """"Đăng nhập bằng VNeID": to the provider's login page, with state, nonce and a PKCE challenge kept in
    the session. A provider that does not answer its discovery address at once is said so here, rather than
    leaving the citizen on a browser error page."""

    def get(self, request):
        if not settings.OIDC_ENABLED:
            return refused(request, IdentityRefused(IdentityErrorCode.DISABLED))
        try:
            requests.get(settings.OIDC_OP_DISCOVERY_URL, timeout=settings.OIDC_CHECK_TIMEOUT,
                         verify=settings.OIDC_VERIFY_SSL).raise_for_status()
        except requests.RequestException as error:
            return refused(request, IdentityRefused(IdentityErrorCode.UNAVAILABLE, f"discovery: {error}"))
        return super().get(request)


class CallbackView(OIDCAuthenticationCallbackView):
    def get(self, request):
        if not settings.OIDC_ENABLED:
            return refused(request, IdentityRefused(IdentityErrorCode.DISABLED))
        if "error" in request.GET:
            # Cancelled or refused at the provider: the state is spent, and (unlike mozilla-django-oidc's own
            # view) nobody already logged in is logged out by a link that merely carries "error".
            states = request.session.get("oidc_states")
            if isinstance(states, dict) and states.pop(request.GET.get("state", ""), None) is not None:
                request.session.modified = True
            return refused(request, IdentityRefused(IdentityErrorCode.CANCELLED, request.GET["error"][:100]))
        if not request.GET.get("state") or not request.GET.get("code"):
            return refused(request, IdentityRefused(IdentityErrorCode.STATE, "no state or no code"))
        try:
            return super().get(request)
        except IdentityRefused as error:
            return refused(request, error)
        except SuspiciousOperation as error:  # a state this session never sent, or one already used
            return refused(request, IdentityRefused(IdentityErrorCode.STATE, str(error)))
        except requests.RequestException as error:  # down, refusing connections, or slower than OIDC_TIMEOUT
            return refused(request, IdentityRefused(IdentityErrorCode.UNAVAILABLE, type(error).__name__))

    def login_failure(self):
        return refused(self.request, IdentityRefused(IdentityErrorCode.STATE, "no login under way in this session"))

    def login_success(self):
        response = super().login_success()
        session.mark(self.request, id_token=getattr(self.request, "national_identity_token", ""))
        messages.success(self.request, _("You are logged in with your national electronic identity (VNeID)."))
        return response


class LogoutView(auth_views.LogoutView):
    """Đăng xuất: as Django's (POST only); a session that came from the national identity is ended at the
    provider too, which then sends the citizen back to the portal's home page."""

    def post(self, request, *args, **kwargs):
        mark = session.marked(request)
        response = super().post(request, *args, **kwargs)
        if mark is None or not settings.OIDC_ENABLED or not settings.OIDC_OP_LOGOUT_ENDPOINT:
            return response
        query = urlencode({"id_token_hint": mark.get("id_token", ""), "client_id": settings.OIDC_RP_CLIENT_ID,
                           "post_logout_redirect_uri": settings.SITE_URL.rstrip("/") + "/"})
        return HttpResponseRedirect(f"{settings.OIDC_OP_LOGOUT_ENDPOINT}?{query}")


start = limited_per_ip(StartView.as_view())
callback = limited_per_ip(CallbackView.as_view())
logout = LogoutView.as_view()
