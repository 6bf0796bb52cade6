"""Nothing before the second factor: a session that still owes its code (accounts.two_factor.session_pending)
reaches only the code and set-up pages, the logout, the language switch and the CSP reports. Every other page,
the Django admin included, sends it to the code page (or the set-up page when there is no device yet) and back
to where it was going afterwards; the API answers 403 with the portal's JSON error. One check for the whole
site, so that a new page cannot forget it."""

from __future__ import annotations

from urllib.parse import urlencode

from django.http import HttpRequest, JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from accounts.errors import AccountErrorCode
from accounts.two_factor import has_app_device, session_pending

# URL names a pending session may open.
OPEN_WHILE_PENDING = frozenset({
    "accounts:second_factor_verify", "accounts:second_factor_enrol", "accounts:logout", "set_language", "csp_report",
})


class SecondFactorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest):
        return self.get_response(request)

    def process_view(self, request: HttpRequest, view_func, view_args, view_kwargs):
        if not session_pending(request):
            return None
        match = request.resolver_match
        if match is not None and match.view_name in OPEN_WHILE_PENDING:
            return None
        if request.path_info.startswith("/api/"):
            return JsonResponse({
                "code": AccountErrorCode.SECOND_FACTOR_PENDING.value,
                "message": _("Give the code of your second factor (the authenticator app or a backup code) on "
                             "the portal's code page before using the API."),
                "extra": {"verify_url": reverse("accounts:second_factor_verify")},
            }, status=403)
        step = "accounts:second_factor_verify" if has_app_device(request.user) else "accounts:second_factor_enrol"
        target = reverse(step)
        if request.method == "GET":
            target += "?" + urlencode({"next": request.get_full_path()})
        return redirect(target)
