"""Limits on the POSTs that attackers script: logging in, registering, asking for a password reset
(django-ratelimit counters, through portal.ratelimit).

Many honest people share one address (a centre helping walk-ins, a school, a mobile carrier's NAT), so a
limit counts only what abuse needs: failed logins (not successful ones), registrations that went through
(not forms sent back for a typo) per address and per identity number, reset requests. Guessing one
account's password is stopped per account and address by django-axes. There is deliberately no ceiling
per account across addresses: whoever knows an official's username could then shut them out of their
own counter with a burst of wrong passwords. Rates are read at request time, in django-ratelimit's
"count/period" form: ACCOUNTS_LOGIN_RATE, ACCOUNTS_REGISTER_RATE, ACCOUNTS_REGISTER_NUMBER_RATE,
ACCOUNTS_RESET_RATE."""

import math
from collections.abc import Callable
from functools import wraps

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from portal.ratelimit import usage as rate_usage

DEFAULT_LOGIN_RATE = "30/m"
DEFAULT_REGISTER_NUMBER_RATE = "3/h"
DEFAULT_REGISTER_RATE = "10/h"
DEFAULT_RESET_RATE = "5/h"


def login_rate(group: str, request: HttpRequest) -> str:
    return getattr(settings, "ACCOUNTS_LOGIN_RATE", DEFAULT_LOGIN_RATE)


def register_number_rate(group: str, request: HttpRequest) -> str:
    return getattr(settings, "ACCOUNTS_REGISTER_NUMBER_RATE", DEFAULT_REGISTER_NUMBER_RATE)


def register_number_key(group: str, request: HttpRequest) -> str:
    """The identity number a registration names (typed with spaces or not)."""
    from accounts.cccd import normalize_cccd

    return normalize_cccd(request.POST.get("cccd") or "")[:20]


def login_failed(request: HttpRequest, response: HttpResponse) -> bool:
    """The form came back: a wrong password or an unknown account (a success redirects; a pause is 429)."""
    return response.status_code == 200


def submission_went_through(request: HttpRequest, response: HttpResponse) -> bool:
    """A valid form, acted on (it redirects); a form sent back with its errors does not count."""
    return response.status_code == 302


def register_rate(group: str, request: HttpRequest) -> str:
    return getattr(settings, "ACCOUNTS_REGISTER_RATE", DEFAULT_REGISTER_RATE)


def reset_rate(group: str, request: HttpRequest) -> str:
    return getattr(settings, "ACCOUNTS_RESET_RATE", DEFAULT_RESET_RATE)


def limit_posts_per_ip(*, group: str, rate: Callable[[str, HttpRequest], str],
                       counts: Callable[[HttpRequest, HttpResponse], bool] | None = None, key="ip"):
    """Past the rate, a POST gets a 429 page that says when to try again, instead of running the view.
    Without ``counts`` every POST counts; with it, only those whose response it says count (checked after
    the view), the limit applying from the next one. ``key``: "ip" or a function (group, request) -> str.
    Off when settings.RATELIMIT_ENABLE is false."""

    def decorator(view):
        @wraps(view)
        def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
            if request.method == "POST":
                usage = rate_usage(request, group=group, key=key, rate=rate, method="POST",
                                   increment=counts is None)
                if usage is not None and (usage["should_limit"] if counts is None
                                          else usage["count"] >= usage["limit"]):
                    return rate_limited_response(request, seconds_left=usage["time_left"])
            response = view(request, *args, **kwargs)
            if counts is not None and request.method == "POST" and counts(request, response):
                rate_usage(request, group=group, key=key, rate=rate, method="POST", increment=True)
            return response

        return wrapped

    return decorator


def rate_limited_response(request: HttpRequest, *, seconds_left: int) -> HttpResponse:
    seconds = max(int(seconds_left), 1)
    minutes = max(math.ceil(seconds / 60), 1)
    response = render(request, "accounts/rate_limited.html", {"minutes": minutes}, status=429)
    response["Retry-After"] = str(seconds)
    return response
