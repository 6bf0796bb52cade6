"""The leader signs the result at the approval step with their certificate and PIN: on the page and by
API. The signed file is what the citizen downloads, and it verifies."""

import pytest
from cryptography.hazmat.primitives import serialization
from django.test import Client
from django.urls import reverse

from dossiers.models import DossierEvent, DossierStep
from dossiers.services import step_complete
from signatures import services as signature_services
from signatures.models import SoftwareToken
from signatures.selectors import verification_trust
from signatures.verification import verify_pdf
from tests.dossiers.api_helpers import error, ok, send
from tests.dossiers.factories import pdf_upload, received

pytestmark = pytest.mark.django_db
PIN = "482915"


@pytest.fixture
def world(world, settings):
    settings.SIGNATURES_CA_KEY_BITS = settings.SIGNATURES_KEY_BITS = 2048
    signature_services.ca_init()
    return world


def _certify(world, user):
    request = signature_services.certificate_request_create(admin=world.admin, official=user)
    request = signature_services.certificate_request_approve(request=request, admin=world.admin)
    return signature_services.certificate_issue(request=request, official=user, pin=PIN, pin_confirm=PIN)


def _at_leader(world):
    dossier = received(world)
    step_complete(dossier=dossier, position=2, user=world.specialist)
    return dossier


def _login(user) -> Client:
    client = Client()
    client.cookies["django_language"] = "en"
    client.force_login(user)
    return client


def _complete(client, dossier, data):
    url = reverse("dossiers:step_act", kwargs={"uuid": dossier.uuid, "position": 3, "action": "complete"})
    return client.post(url, data)


def _verified(dossier):
    dossier.refresh_from_db()
    with dossier.result_file.open("rb") as handle:
        content = handle.read()
    trust, revoked = verification_trust()
    return verify_pdf(content, trust=trust, revocations=revoked)


def test_a_leader_with_a_certificate_signs_the_generated_result_on_the_page(world):
    certificate = _certify(world, world.leader)
    dossier = _at_leader(world)
    client = _login(world.leader)
    draft = reverse("dossiers:step_act", kwargs={"uuid": dossier.uuid, "position": 3, "action": "draft_result"})
    assert client.post(draft, {"draft_result-generate": "on"}).status_code == 302
    html = client.get(reverse("dossiers:detail", kwargs={"uuid": dossier.uuid})).content.decode()
    assert 'name="complete-pin"' in html and "PIN of your signing certificate" in html

    response = _complete(client, dossier, {"complete-pin": PIN})
    assert response.status_code == 302
    step_complete(dossier=dossier, position=4, user=world.clerk)  # numbered by the ward's clerk
    report = _verified(dossier)
    assert report.ok and report.signatures[0].signer_name == "Hoàng Văn Em"
    assert dossier.result_signed_by == certificate.serial
    event = DossierEvent.objects.get(dossier=dossier, kind=DossierEvent.Kind.STEP_COMPLETED, step__position=3)
    assert event.data["signed_by"] == certificate.serial


def test_a_wrong_pin_changes_nothing_but_is_counted(world):
    _certify(world, world.leader)
    dossier = _at_leader(world)
    response = _complete(_login(world.leader), dossier, {"complete-generate_result": "on", "complete-pin": "000999"})
    assert response.status_code == 400
    assert "Wrong PIN. 4 attempts left before the token locks." in response.content.decode()
    dossier.refresh_from_db()
    assert not dossier.result_file
    assert DossierStep.objects.get(dossier=dossier, position=3).state != DossierStep.State.DONE
    assert SoftwareToken.objects.get(certificate__holder=world.leader).failed_attempts == 1


def test_a_leader_with_a_certificate_must_enter_the_pin(world):
    _certify(world, world.leader)
    dossier = _at_leader(world)
    response = _complete(_login(world.leader), dossier, {"complete-result": pdf_upload("ket-qua.pdf")})
    assert response.status_code == 400
    assert "Enter the PIN of your certificate: the result is signed before it is returned." in response.content.decode()


def test_without_a_certificate_the_result_is_attached_unsigned_unless_signing_is_required(world, settings):
    dossier = _at_leader(world)
    html = _login(world.leader).get(reverse("dossiers:detail", kwargs={"uuid": dossier.uuid})).content.decode()
    assert 'name="complete-pin"' not in html
    settings.SIGNATURES_RESULT_REQUIRED = True
    refused = _complete(_login(world.leader), dossier, {"complete-result": pdf_upload("ket-qua.pdf")})
    assert refused.status_code == 400
    settings.SIGNATURES_RESULT_REQUIRED = False
    assert _complete(_login(world.leader), dossier, {"complete-result": pdf_upload("ket-qua.pdf")}).status_code == 302
    step_complete(dossier=dossier, position=4, user=world.clerk)
    dossier.refresh_from_db()
    assert dossier.result_file and not dossier.result_signed_by


def test_no_private_key_reaches_the_stored_files(world, settings):
    _certify(world, world.leader)
    dossier = _at_leader(world)
    holder = signature_services.signer_open(user=world.leader, pin=PIN)
    step_complete(dossier=dossier, position=3, user=world.leader, generate_result=True, signer=holder)
    der = holder.key.private_bytes(serialization.Encoding.DER, serialization.PrivateFormat.PKCS8,
                                   serialization.NoEncryption())
    stored = [path.read_bytes() for path in settings.MEDIA_ROOT.rglob("*") if path.is_file()]
    assert stored and not any(der[-48:] in content or b"PRIVATE KEY" in content for content in stored)


def test_the_api_signs_the_uploaded_result_and_the_citizen_downloads_the_signed_file(world):
    _certify(world, world.leader)
    dossier = _at_leader(world)
    assert error(send(world.leader, dossier, "steps/3/complete", {"result": pdf_upload(), "pin": "111000"},
                      multipart=True)) == (400, "signatures.wrong_pin")
    ok(send(world.leader, dossier, "steps/3/complete", {"result": pdf_upload(), "pin": PIN}, multipart=True))
    ok(send(world.clerk, dossier, "steps/4/complete", {"note": ""}, multipart=True))
    assert _verified(dossier).ok
    ok(send(world.citizen, dossier, "return"))  # the applicant receives the electronic result
    citizen = _login(world.citizen)
    downloaded = citizen.get(reverse("dossiers:result", kwargs={"uuid": dossier.uuid}))
    assert downloaded.status_code == 200
    content = b"".join(downloaded.streaming_content) if downloaded.streaming else downloaded.content
    trust, revoked = verification_trust()
    assert verify_pdf(content, trust=trust, revocations=revoked).ok


def test_a_leader_without_a_certificate_is_warned_on_the_approval_step_before_anything_happens(world, settings):
    dossier = _at_leader(world)
    url = reverse("dossiers:detail", kwargs={"uuid": dossier.uuid})
    html = _login(world.leader).get(url).content.decode()
    assert "You hold no valid signing certificate: the result will be returned without a digital signature." in html
    settings.SIGNATURES_RESULT_REQUIRED = True
    html = _login(world.leader).get(url).content.decode()
    required = ("You hold no valid signing certificate, and the province requires signed results: this step "
                "cannot be completed until the provincial admin issues you one (Digital signatures).")
    assert required in html
    refused = _complete(_login(world.leader), dossier, {"complete-result": pdf_upload("ket-qua.pdf")})
    assert refused.status_code == 400 and required in refused.content.decode()
    dossier.refresh_from_db()
    assert not dossier.result_file
