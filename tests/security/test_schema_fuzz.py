"""Schemathesis over the whole committed OpenAPI schema, as an anonymous visitor, a citizen and a one-stop
officer: generated requests, valid and deliberately invalid (NUL bytes, huge numbers, wrong types, odd
Unicode), against every operation through the real WSGI application and PostgreSQL. None may answer 5xx.

Bounded for CI: ``FUZZ_EXAMPLES`` examples per operation and role (default 25; raise it locally for a
longer hunt). Path parameters named ``uuid`` point at real dossiers of the visitor's, and the ``code`` of the
petition API at a petition about that dossier, so commands reach the services instead of stopping at 404."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
import schemathesis
from django.middleware.csrf import _get_new_csrf_string
from django.test import Client
from hypothesis import HealthCheck, Phase, settings

from feedback.services import PetitionInput, petition_submit
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
    """(headers, cookies, a dossier the visitor may see, a petition about it): a session cookie and a CSRF pair,
    as a browser sends them. The cookies go as cookies, not as a Cookie header: the WSGI test client (werkzeug)
    replaces that header with its own cookie jar, so the visitor arrived logged out."""
    settings.RATELIMIT_ENABLE = False  # the fuzzer is one address asking thousands of times
    role = request.param
    dossier = received(world) if role != "citizen" else submitted(world)
    petition = petition_submit(
        data=PetitionInput(title="Hồ sơ chậm", content="Chưa có kết quả", name="Nguyễn Văn An", address="Tổ 1",
                           phone="0912345678", dossier_code=dossier.code),
        channel="online", citizen=world.citizen if role == "citizen" else None)
    if role == "anonymous":
        return {}, {}, dossier, petition
    client = Client()
    client.force_login(world.citizen if role == "citizen" else world.officer)
    token = _get_new_csrf_string()
    cookies = {"sessionid": client.cookies["sessionid"].value, "csrftoken": token}
    return {"X-CSRFToken": token}, cookies, dossier, petition


@schema.parametrize()
@settings(max_examples=EXAMPLES, deadline=None, phases=[Phase.explicit, Phase.generate],
          suppress_health_check=list(HealthCheck))
def test_no_operation_answers_a_server_error(case, visitor):
    headers, cookies, dossier, petition = visitor
    if "uuid" in (case.path_parameters or {}):
        case.path_parameters["uuid"] = str(dossier.uuid)
    if "code" in (case.path_parameters or {}) and case.path.startswith("/api/v1/feedback/"):
        case.path_parameters["code"] = petition.code
    response = case.call(headers=headers, cookies=cookies)
    assert response.status_code < 500, f"{case.method} {case.formatted_path} -> {response.status_code}\n" \
                                       f"{case.as_curl_command()}\n{response.text[:2000]}"
