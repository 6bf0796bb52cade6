"""Schemathesis over the whole committed OpenAPI schema, as an anonymous visitor, a citizen and a one-stop
officer: generated requests, valid and deliberately invalid (NUL bytes, huge numbers, wrong types, odd
Unicode), against every operation through the real WSGI application and PostgreSQL. None may answer 5xx.

Bounded for CI: ``FUZZ_EXAMPLES`` examples per operation and role (default 25; raise it locally for a
longer hunt). Path parameters named ``uuid`` point at real dossiers of the visitor's, so commands reach
the services instead of stopping at 404."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
import schemathesis
from django.middleware.csrf import _get_new_csrf_string
from django.test import Client
from hypothesis import HealthCheck, Phase, settings

from portal.wsgi import application
from tests.dossiers.factories import received, submitted

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "25"))

schema = schemathesis.openapi.from_path(ROOT / "openapi.yaml")
schema.app = application
schema.config.update(base_url="http://localhost")

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _keep_the_test_connection():
    """The WSGI handler closes old connections around each request; the test's transaction lives on one
    (django.test.Client disconnects the same receivers)."""
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture(params=["anonymous", "citizen", "officer"])
def visitor(request, world, settings):
    """(headers, a dossier the visitor may see): a session cookie and a CSRF pair, as a browser sends them."""
    settings.RATELIMIT_ENABLE = False  # the fuzzer is one address asking thousands of times
    role = request.param
    dossier = received(world) if role != "citizen" else submitted(world)
    if role == "anonymous":
        return {}, dossier
    client = Client()
    client.force_login(world.citizen if role == "citizen" else world.officer)
    token = _get_new_csrf_string()
    cookie = f"sessionid={client.cookies['sessionid'].value}; csrftoken={token}"
    return {"Cookie": cookie, "X-CSRFToken": token}, dossier


@schema.parametrize()
@settings(max_examples=EXAMPLES, deadline=None, phases=[Phase.explicit, Phase.generate],
          suppress_health_check=list(HealthCheck))
def test_no_operation_answers_a_server_error(case, visitor):
    headers, dossier = visitor
    if "uuid" in (case.path_parameters or {}):
        case.path_parameters["uuid"] = str(dossier.uuid)
    response = case.call(headers=headers)
    assert response.status_code < 500, f"{case.method} {case.formatted_path} -> {response.status_code}\n" \
                                       f"{case.as_curl_command()}\n{response.text[:2000]}"
