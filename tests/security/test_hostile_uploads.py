"""Every way a file enters the portal refuses a decompression bomb and a PDF that carries script or hidden
files, with a message that names the file and what to do, and saves nothing. Before, a 390-byte PNG
claiming 40,000 × 40,000 pixels answered 500 on every dossier upload path."""

from __future__ import annotations

import html

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from dossiers.models import DossierFile
from dossiers.services import dossier_request_supplement, step_complete
from tests import hostile
from tests.dossiers.factories import CCCD_B, pdf_upload, received

pytestmark = pytest.mark.django_db

BOMBS = {
    "png 40000×40000": ("scan.png", hostile.png_bomb, "image/png"),
    "png past our limit, under Pillow's": ("scan.png", lambda: hostile.png_bomb(9_000, 9_000), "image/png"),
    "jpeg 60000×60000": ("anh.jpg", hostile.jpeg_bomb, "image/jpeg"),
}
ACTIVE_PDFS = {
    "javascript": (hostile.pdf_with_javascript, "JavaScript"),
    "embedded file": (hostile.pdf_with_attachment, "embedded files"),
    "launch action": (hostile.pdf_with_launch_action, "actions that open programs"),
}


def login(user) -> Client:
    client = Client()
    client.cookies["django_language"] = "en"
    client.force_login(user)
    return client


def api(user) -> Client:
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(user)
    return client


def _applicant() -> dict:
    return {"applicant_name": "Trần Thị Bích", "applicant_cccd": CCCD_B, "applicant_phone": "0987654321",
            "applicant_address": "Số 5, phố Hạ Long", "description": "Khai sinh cho con"}


def online_form(world, upload):
    first, second, _ = world.components
    return login(world.citizen).post(reverse("dossiers:start", args=["1.001193"]), {
        **_applicant(), "applicant_cccd": world.citizen.cccd, "centre": world.centre.pk, "action": "save",
        f"component_{first.pk}": pdf_upload(), f"component_{second.pk}": upload})


def counter_form(world, upload):
    first, second, _ = world.components
    return login(world.officer).post(reverse("dossiers:counter"), {
        **_applicant(), "procedure": "1.001193", f"component_{first.pk}": pdf_upload(),
        f"component_{second.pk}": upload})


def supplement_form(world, upload):
    dossier = received(world)
    dossier_request_supplement(dossier=dossier, user=world.officer, reason="Mờ", items=["Giấy chứng sinh"])
    return login(world.citizen).post(reverse("dossiers:supplement", kwargs={"uuid": dossier.uuid}), {
        "note": "Đã scan lại", f"component_{world.components[1].pk}": upload})


def result_form(world, upload):
    dossier = received(world)
    step_complete(dossier=dossier, position=2, user=world.specialist)
    url = reverse("dossiers:step_act", kwargs={"uuid": dossier.uuid, "position": 3, "action": "complete"})
    return login(world.leader).post(url, {"complete-result": upload})


def api_draft(world, upload):
    return api(world.citizen).post("/api/v1/dossiers/", {
        **_applicant(), "applicant_cccd": world.citizen.cccd, "procedure": "1.001193", "centre": world.centre.slug,
        "component_1": pdf_upload(), "component_2": upload})


def api_counter(world, upload):
    return api(world.officer).post("/api/v1/dossiers/counter/", {
        **_applicant(), "procedure": "1.001193", "component_1": pdf_upload(), "component_2": upload})


def api_supplement(world, upload):
    dossier = received(world)
    dossier_request_supplement(dossier=dossier, user=world.officer, reason="Mờ", items=["Giấy chứng sinh"])
    return api(world.citizen).post(f"/api/v1/dossiers/{dossier.uuid}/supplement/",
                                   {"note": "Đã scan lại", "component_2": upload})


def api_result(world, upload):
    dossier = received(world)
    step_complete(dossier=dossier, position=2, user=world.specialist)
    return api(world.leader).post(f"/api/v1/dossiers/{dossier.uuid}/steps/3/complete/", {"result": upload})


ENTRY_POINTS = {"online form": online_form, "counter form": counter_form, "supplement form": supplement_form,
                "result at the approval step": result_form, "API draft": api_draft, "API counter": api_counter,
                "API supplement": api_supplement, "API result": api_result}


def _message(response) -> str:
    if response["Content-Type"].startswith("application/json"):
        return str(response.json())
    return html.unescape(response.content.decode())


@pytest.mark.parametrize("entry", ENTRY_POINTS)
@pytest.mark.parametrize("bomb", BOMBS)
def test_a_decompression_bomb_is_refused_everywhere_with_its_name(world, entry, bomb):
    name, content, content_type = BOMBS[bomb]
    response = ENTRY_POINTS[entry](world, SimpleUploadedFile(name, content(), content_type=content_type))
    assert response.status_code == 400
    message = _message(response)
    assert f"The image “{name}”" in message and "at most 60 megapixels are accepted" in message
    assert not DossierFile.objects.filter(original_name=name).exists()


@pytest.mark.parametrize("entry", ENTRY_POINTS)
@pytest.mark.parametrize("kind", ACTIVE_PDFS)
def test_a_pdf_with_script_or_hidden_files_is_refused_everywhere(world, entry, kind):
    content, what = ACTIVE_PDFS[kind]
    response = ENTRY_POINTS[entry](world, SimpleUploadedFile("to-khai.pdf", content(), content_type="application/pdf"))
    assert response.status_code == 400
    message = _message(response)
    assert "“to-khai.pdf”" in message and f"contains {what}" in message and "Save as PDF" in message
    assert not DossierFile.objects.filter(original_name="to-khai.pdf").exists()


def test_the_pixel_limit_is_a_setting_and_images_within_it_pass(world, settings):
    settings.DOSSIER_IMAGE_MAX_MEGAPIXELS = 100
    response = online_form(world, SimpleUploadedFile("scan.png", hostile.png_bomb(9_000, 9_000), "image/png"))
    assert response.status_code == 302  # 81 megapixels: a big scan, accepted under a raised limit
    assert DossierFile.objects.filter(original_name="scan.png").exists()


# ---- The public verification of signed PDFs -------------------------------------------------------------

@pytest.fixture
def with_ca(world):
    from signatures import services as signature_services

    signature_services.ca_init()
    return world


@pytest.mark.parametrize("url", ["/signatures/verify/", "/api/v1/signatures/verify/"])
@pytest.mark.parametrize("hostile_file", [
    ("bomb.pdf", lambda: hostile.pdf_with_inflating_stream(200)),
    ("script.pdf", hostile.pdf_with_javascript),
    ("scan.png", hostile.png_bomb),
    ("truncated.pdf", lambda: hostile.pdf_with_javascript()[:300]),
])
def test_the_public_verification_answers_hostile_files_plainly(with_ca, url, hostile_file):
    name, content = hostile_file
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.cookies["django_language"] = "en"
    response = client.post(url, {"file": SimpleUploadedFile(name, content(), content_type="application/pdf")})
    assert response.status_code in (200, 400), response.status_code
    text = _message(response)
    assert ("This PDF document carries no digital signature." in text
            or "This file is not a PDF document that can be read." in text
            or "This file is not a PDF document." in text), text[:500]
