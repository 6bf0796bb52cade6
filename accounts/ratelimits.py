"""Per-address limits on the POSTs that attackers script: logging in, registering and asking for a password
reset link (django-ratelimit).

The rates are read at request time so a deployment (or a test) can change them in settings:
ACCOUNTS_LOGIN_RATE, ACCOUNTS_REGISTER_RATE and ACCOUNTS_RESET_RATE, in django-ratelimit's "count/period" form. Login is
generous because a service centre's officers all reach us from one public address; the per-account
lockout (django-axes) is what stops guessing one account's password."""

import math
from collections.abc import Callable
from functools import wraps

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from portal.ratelimit import usage as rate_usage

DEFAULT_LOGIN_RATE = "30/m"
DEFAULT_REGISTER_RATE = "10/h"
DEFAULT_RESET_RATE = "5/h"


def login_rate(group: str, request: HttpRequest) -> str:
    return getattr(settings, "ACCOUNTS_LOGIN_RATE", DEFAULT_LOGIN_RATE)


def register_rate(group: str, request: HttpRequest) -> str:
    return getattr(settings, "ACCOUNTS_REGISTER_RATE", DEFAULT_REGISTER_RATE)


def reset_rate(group: str, request: HttpRequest) -> str:
    return getattr(settings, "ACCOUNTS_RESET_RATE", DEFAULT_RESET_RATE)


def limit_posts_per_ip(*, group: str, rate: Callable[[str, HttpRequest], str]):
    """Count each POST from the client's address; past the rate, answer 429 with a page that says
    when to try again, instead of running the view. Off when settings.RATELIMIT_ENABLE is false."""

    def decorator(view):
        @wraps(view)
        def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
            usage = rate_usage(request, group=group, key="ip", rate=rate, method="POST", increment=True)
            if usage is not None and usage["should_limit"]:
                return rate_limited_response(request, seconds_left=usage["time_left"])
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


def rate_limited_response(request: HttpRequest, *, seconds_left: int) -> HttpResponse:
    seconds = max(int(seconds_left), 1)
    minutes = max(math.ceil(seconds / 60), 1)
    response = render(request, "accounts/rate_limited.html", {"minutes": minutes}, status=429)
    response["Retry-After"] = str(seconds)
    return response
