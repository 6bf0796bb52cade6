"""Middleware of the whole portal: the language of pages, and the refusal of NUL characters before any
view, form or query sees them."""

from __future__ import annotations

import json
from urllib.parse import unquote

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.middleware.locale import LocaleMiddleware as DjangoLocaleMiddleware
from django.shortcuts import render
from django.utils import translation
from django.utils.translation import gettext as _

from portal.errors import PortalErrorCode

NUL = "\x00"
_FORMS = ("application/x-www-form-urlencoded", "multipart/form-data")


class LocaleMiddleware(DjangoLocaleMiddleware):
    """Pages are in Vietnamese unless the visitor chose English with the switcher (a cookie).

    The browser's Accept-Language is ignored on pages: a citizen's phone set to English must still open
    the official Vietnamese portal. The API honours Accept-Language, as machine clients expect."""

    def process_request(self, request):
        if request.path_info.startswith("/api/"):
            return super().process_request(request)
        translation.activate(page_language(request))
        request.LANGUAGE_CODE = translation.get_language()


def page_language(request: HttpRequest) -> str:
    """The switcher's choice (a cookie), else Vietnamese."""
    language = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
    return language if language in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE


class RefuseNulMiddleware:
    """A NUL character is never part of anything a person types, and PostgreSQL refuses it in a string
    (psycopg raises, the view would answer 500). So a request carrying one in its path, query, cookies,
    form fields or JSON body is refused here with a 400 that says so, for every page and
    endpoint at once, before a view, a form, a serializer or a selector gets to query with it. It sits
    before the session and authentication middleware: a session cookie holding a NUL is never looked up."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        where = nul_in(request)
        if where:
            return refusal(request, where)
        return self.get_response(request)


def nul_in(request: HttpRequest) -> str:
    """Where the request carries a NUL ("path", "query", "cookie", "body"), or "" when nowhere."""
    if NUL in request.path_info:
        return "path"
    if NUL in unquote(request.META.get("QUERY_STRING", ""), errors="replace"):
        return "query"
    if any(NUL in name or NUL in value for name, value in request.COOKIES.items()):
        return "cookie"
    if request.method in ("GET", "HEAD", "OPTIONS"):
        return ""
    content_type = request.content_type or ""
    if content_type in _FORMS:
        fields = request.POST.lists()
        if any(NUL in name or any(NUL in value for value in values) for name, values in fields):
            return "body"
        if any(NUL in name for name in request.FILES):  # file names: Django drops unprintable characters
            return "body"
    elif content_type == "application/json" or content_type.endswith("+json"):
        try:
            data = json.loads(request.body)
        except ValueError:
            return ""  # not JSON: the view's own parser says so
        if _holds_nul(data):
            return "body"
    return ""


def _holds_nul(value) -> bool:
    if isinstance(value, str):
        return NUL in value
    if isinstance(value, dict):
        return any(_holds_nul(k) or _holds_nul(v) for k, v in value.items())
    if isinstance(value, list):
        return any(_holds_nul(item) for item in value)
    return False


def refusal(request: HttpRequest, where: str) -> HttpResponse:
    """The 400 in the shape of the place asked: the API's error body, or the error page (anonymous: the
    session is not read)."""
    api = request.path_info.startswith("/api/")
    with translation.override(_api_language(request) if api else page_language(request)):
        message = _("The request contains a NUL character (\\0), which no address or form field may hold. "
                    "Remove it and try again.")
        if api:
            return JsonResponse({"code": PortalErrorCode.NUL_CHARACTER, "message": message,
                                 "extra": {"where": where}},
                                status=400, json_dumps_params={"ensure_ascii": False})
        return render(request, "400.html", {"message": message}, status=400)


def _api_language(request: HttpRequest) -> str:
    """``?lang=`` when it names a language the portal speaks, else Accept-Language's (as the API reads them)."""
    lang = (request.GET.get("lang") or "").lower()
    if lang in dict(settings.LANGUAGES):
        return lang
    return translation.get_language_from_request(request)
