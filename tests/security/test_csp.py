"""A Content-Security-Policy on every HTML page, with nothing inline that it would block; uploaded files
sandboxed and sent as attachments unless the portal's viewer shows them; violations reported and logged."""

from __future__ import annotations

import json
import logging
from html.parser import HTMLParser

import pytest
from django.test import Client
from django.urls import reverse

from tests.dossiers.factories import pdf_upload, received, result_ready
from tests.security.routes import ROUTES, clients, concrete, route_values

pytestmark = pytest.mark.django_db


class InlineFinder(HTMLParser):
    """What a strict CSP blocks in a page: inline scripts without the nonce, style attributes, handlers."""

    def __init__(self, nonce: str):
        super().__init__()
        self.nonce, self.problems = nonce, []

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        if tag in ("script", "style") and "src" not in values and values.get("nonce") != self.nonce:
            self.problems.append(f"<{tag}> without the nonce")
        if "style" in values:
            self.problems.append(f"<{tag} style=...>")
        self.problems.extend(f"<{tag} {name}=...>" for name in values if name.startswith("on"))
        if values.get("href", "").strip().lower().startswith("javascript:"):
            self.problems.append(f"<{tag} href=javascript:>")


def policy(response) -> dict[str, list[str]]:
    header = response["Content-Security-Policy"]
    return {part.split()[0]: part.split()[1:] for part in header.split(";") if part.strip()}


def test_every_html_page_has_the_policy_and_nothing_inline_it_would_block(world):
    values = route_values(world, received(world))
    checked, problems = 0, []
    for role, client in clients(world).items():
        for route, _name in ROUTES:
            path = concrete(route, values)
            response = client.get(path)
            if not response["Content-Type"].startswith("text/html"):
                continue
            checked += 1
            if "Content-Security-Policy" not in response:
                problems.append(f"{role} {path}: no Content-Security-Policy")
                continue
            directives = policy(response)
            nonce = next((v[7:-1] for v in directives["script-src"] if v.startswith("'nonce-")), "")
            if "'unsafe-inline'" in response["Content-Security-Policy"] or directives["script-src"][0] != "'self'":
                problems.append(f"{role} {path}: {response['Content-Security-Policy']}")
            if response.status_code == 200 and not getattr(response, "streaming", False):
                finder = InlineFinder(nonce)
                finder.feed(response.content.decode())
                problems.extend(f"{role} {path}: {p}" for p in sorted(set(finder.problems)))
    assert checked > 150
    assert not problems, "\n".join(problems)


def test_the_policy_allows_only_the_portal_itself(client):
    directives = policy(client.get("/"))
    assert directives["default-src"] == ["'self'"] and directives["object-src"] == ["'none'"]
    assert directives["frame-ancestors"] == ["'none'"] and directives["report-uri"] == ["/csp-report/"]
    assert directives["style-src"][0] == "'self'" and directives["img-src"] == ["'self'", "data:"]


# ---- Uploaded files ---------------------------------------------------------------------------------------

def _login(user) -> Client:
    client = Client()
    client.cookies["django_language"] = "en"
    client.force_login(user)
    return client


def test_an_uploaded_file_is_a_sandboxed_attachment_unless_the_viewer_frames_it(world):
    dossier = received(world)
    row = dossier.files.first()
    url = reverse("dossiers:file", kwargs={"uuid": dossier.uuid, "file_id": row.pk})
    officer = _login(world.officer)

    followed = officer.get(url, HTTP_SEC_FETCH_DEST="document")
    assert followed["Content-Disposition"].startswith("attachment;")
    assert followed["Content-Security-Policy"].startswith("sandbox;")
    assert followed["X-Content-Type-Options"] == "nosniff" and followed["X-Frame-Options"] == "DENY"
    # A link to the viewer's own address, followed by someone, still downloads.
    lured = officer.get(url, {"view": "1"}, HTTP_SEC_FETCH_DEST="document")
    assert lured["Content-Disposition"].startswith("attachment;")

    framed = officer.get(url, {"view": "1"}, HTTP_SEC_FETCH_DEST="iframe")
    assert framed["Content-Disposition"].startswith("inline;")
    assert framed["Content-Security-Policy"] == "sandbox; default-src 'none'; img-src 'self' data:; frame-ancestors 'self'"
    assert framed["X-Frame-Options"] == "SAMEORIGIN"


def test_the_viewer_page_frames_the_file_and_offers_the_download(world):
    dossier = received(world)
    row = dossier.files.first()
    page = _login(world.officer).get(reverse("dossiers:file_view", kwargs={"uuid": dossier.uuid, "file_id": row.pk}))
    html = page.content.decode()
    file_url = reverse("dossiers:file", kwargs={"uuid": dossier.uuid, "file_id": row.pk})
    assert page.status_code == 200
    assert f'<iframe class="viewer__frame" src="{file_url}?view=1"' in html
    assert f'href="{file_url}" download' in html and row.original_name in html
    officer_page = _login(world.officer).get(reverse("dossiers:detail", kwargs={"uuid": dossier.uuid})).content.decode()
    assert reverse("dossiers:file_view", kwargs={"uuid": dossier.uuid, "file_id": row.pk}) in officer_page
    # Someone else's dossier: the same 404 as a missing one.
    other = _login(world.other_citizen).get(reverse("dossiers:file_view", kwargs={"uuid": dossier.uuid,
                                                                                    "file_id": row.pk}))
    assert other.status_code == 404


def test_the_result_is_sandboxed_too_and_has_its_viewer(world):
    from dossiers.services import result_receive_online

    dossier = result_receive_online(dossier=result_ready(world), citizen=world.citizen)
    citizen = _login(world.citizen)
    download = citizen.get(reverse("dossiers:result", kwargs={"uuid": dossier.uuid}))
    assert download["Content-Disposition"].startswith("attachment;")
    assert download["Content-Security-Policy"].startswith("sandbox;")
    viewer = citizen.get(reverse("dossiers:result_view", kwargs={"uuid": dossier.uuid}))
    assert viewer.status_code == 200 and "viewer__frame" in viewer.content.decode()


def test_an_image_is_shown_as_an_image_in_the_viewer(world):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from dossiers.services import dossier_draft_save
    from tests.dossiers.factories import png_bytes

    first, second, _ = world.components
    draft = dossier_draft_save(citizen=world.citizen, version=world.version, centre=world.centre,
                               applicant=world.applicant(), uploads={
                                   first.pk: pdf_upload(), second.pk: SimpleUploadedFile("anh.png", png_bytes())})
    image = draft.files.get(component=second)
    html = _login(world.citizen).get(reverse("dossiers:file_view", kwargs={"uuid": draft.uuid,
                                                                           "file_id": image.pk})).content.decode()
    assert '<img class="viewer__image"' in html and "viewer__frame" not in html


# ---- Violation reports ------------------------------------------------------------------------------------

def test_a_violation_report_is_logged_as_a_warning(client, caplog):
    report = {"csp-report": {"document-uri": "https://motcua.example.gov.vn/procedures/",
                             "violated-directive": "script-src-elem", "blocked-uri": "inline", "line-number": 12}}
    with caplog.at_level(logging.WARNING, logger="portal.csp"):
        response = client.post("/csp-report/", json.dumps(report), content_type="application/csp-report")
    assert response.status_code == 204
    [record] = [r for r in caplog.records if r.name == "portal.csp"]
    assert "script-src-elem" in record.getMessage() and "/procedures/" in record.getMessage()
    assert record.levelno == logging.WARNING


def test_reports_that_are_not_json_or_too_large_are_refused_quietly(client):
    assert client.post("/csp-report/", "not json", content_type="application/csp-report").status_code == 400
    big = json.dumps({"csp-report": {"blocked-uri": "x" * 20_000}})
    assert client.post("/csp-report/", big, content_type="application/csp-report").status_code == 413
    assert client.get("/csp-report/").status_code == 405
