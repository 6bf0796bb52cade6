"""A NUL character anywhere a request can carry one — path, query, cookie, form field, JSON — is
refused with a 400 that says so, on every URL pattern the portal routes, for every kind of visitor. Before
portal.middleware.RefuseNulMiddleware, 15 URLs answered 500 (PostgreSQL refuses NUL in a string)."""

from __future__ import annotations

import os

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from tests.dossiers.factories import pdf_bytes, received
from tests.security.routes import ROUTES, clients, concrete, route_values

pytestmark = pytest.mark.django_db

NUL = "\x00"


def test_the_sweep_covers_the_portal():
    paths = {concrete(route, {}) for route, _name in ROUTES}
    assert len(ROUTES) > 150
    for expected in ("/api/v1/dossiers/lookup/", "/dossiers/lookup/", "/procedures/", "/signatures/verify/",
                     "/admin/", "/dossiers/x/files/x/", "/api/v1/procedures/x/"):
        assert expected in paths


def refused(response) -> bool:
    if response.status_code != 400:
        return False
    if response["Content-Type"].startswith("application/json"):
        return response.json()["code"] == "invalid.nul_character"
    return "NUL character" in response.content.decode()


def attempts(client: Client, path: str):
    """(where, response) for a NUL in each place a request carries text."""
    yield "query", client.get(path, {"q": f"a{NUL}b", "code": NUL, "page": f"1{NUL}"})
    yield "path", client.get(path.rstrip("/") + f"/{NUL}/")
    yield "form", client.post(path, {"q": NUL, "reason": f"x{NUL}", "username": f"a{NUL}", "code": NUL})
    yield "multipart", client.post(path, {"note": f"x{NUL}", "file": SimpleUploadedFile(
        "a.pdf", pdf_bytes(), content_type="application/pdf")})
    yield "json", client.post(path, {"note": f"x{NUL}", "items": [NUL]}, content_type="application/json")


def test_nul_anywhere_in_any_request_is_refused_with_400_on_every_route(world):
    values = route_values(world, received(world))
    failures = []
    for role, client in clients(world).items():
        for route, name in ROUTES:
            path = concrete(route, values)
            for where, response in attempts(client, path):
                if not refused(response):
                    failures.append(f"{role} {where} {path} ({name}): {response.status_code}")
    assert not failures, "\n".join(failures)


def test_a_nul_in_a_cookie_is_refused_without_reading_the_session(world, django_assert_max_num_queries):
    client = Client()
    client.cookies["django_language"] = "en"
    client.cookies["sessionid"] = f"abcdefgh{NUL}ijklmnop"
    with django_assert_max_num_queries(2):  # the error page's province and hotlines, never a session lookup
        response = client.get("/procedures/")
    assert refused(response)


def test_the_refusal_speaks_the_visitors_language(world):
    assert "ký tự NUL" in Client().get("/procedures/", {"q": NUL}).content.decode()
    body = Client().get("/api/v1/dossiers/lookup/", {"code": NUL, "lang": "en"}).json()
    assert body == {"code": "invalid.nul_character", "message": body["message"], "extra": {"where": "query"}}
    assert "NUL character" in body["message"]
    vi = Client(HTTP_ACCEPT_LANGUAGE="vi").get("/api/v1/dossiers/lookup/", {"code": NUL}).json()
    assert "ký tự NUL" in vi["message"]


def test_text_without_nul_goes_through(world):
    response = Client().get("/procedures/", {"q": "khai sinh"})
    assert response.status_code == 200


# ---- Any text in any query parameter of any page ----------------------------------------------------------

QUERY_KEYS = ["q", "code", "page", "state", "procedure", "centre", "start", "end", "format", "due", "received_from",
              "received_to", "level", "field", "agency", "online", "lang", "status", "next", "view", "last_digits",
              "download", "page_size", "kind", "check", "script"]


def test_any_text_in_any_query_parameter_of_any_page_gets_no_server_error(world):
    """A property over every route (anonymous and officer): whatever a query carries, no 5xx."""
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    values = route_values(world, received(world))
    visitors = clients(world)
    # The pages each visitor really reaches (200 on a plain GET): the property exercises views, not redirects.
    pages = sorted((role, path) for path in {concrete(route, values) for route, _name in ROUTES}
                   for role in ("anonymous", "officer", "admin", "operator")
                   if visitors[role].get(path).status_code == 200)
    answered = []

    @settings(max_examples=int(os.environ.get("FUZZ_EXAMPLES", "25")) * 12, deadline=None,
              suppress_health_check=list(HealthCheck))
    @given(page=st.sampled_from(pages),
           query=st.dictionaries(st.sampled_from(QUERY_KEYS), st.text(max_size=40), max_size=4))
    def check(page, query):
        role, path = page
        response = visitors[role].get(path, query)
        answered.append(response.status_code)
        assert response.status_code < 500, (role, path, query, response.status_code)

    check()
    assert len(pages) > 100 and len(answered) >= 100


def test_any_text_in_the_fields_a_page_offers_gets_no_server_error(world):
    """A property over every form the portal shows: each page's own field names (read from its HTML), posted
    back by the visitor who sees the page, with any text in any of them: no 5xx."""
    import re

    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    values = route_values(world, received(world))
    visitors = clients(world)
    forms = []
    for path in sorted({concrete(route, values) for route, _name in ROUTES}):
        if path.startswith("/admin/"):
            continue  # Django's own forms
        for role in ("anonymous", "citizen", "officer", "admin"):
            response = visitors[role].get(path)
            if response.status_code == 200 and response["Content-Type"].startswith("text/html"):
                names = sorted(set(re.findall(r'<(?:input|select|textarea)[^>]*\sname="([^"]+)"',
                                              response.content.decode())) - {"csrfmiddlewaretoken"})
                if names:
                    forms.append((role, path, names))

    @settings(max_examples=int(os.environ.get("FUZZ_EXAMPLES", "25")) * 8, deadline=None,
              suppress_health_check=list(HealthCheck))
    @given(form=st.sampled_from(forms), data=st.data())
    def check(form, data):
        role, path, names = form
        posted = data.draw(st.dictionaries(st.sampled_from(names), st.text(max_size=30), max_size=len(names)))
        response = visitors[role].post(path, posted)
        assert response.status_code < 500, (role, path, posted, response.status_code)

    check()
    assert len(forms) > 20
