"""The signature pages as their users see them: the public verification page and API, the official's
certificate page, and the provincial admin's requests, certificates and readiness."""

import io

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from openpyxl import Workbook

from signatures import services, tasks
from signatures.imports import COLUMNS
from signatures.models import Certificate, CertificateAuthority, CertificateRequest, SoftwareToken
from tests.factories import UserFactory
from tests.signatures.helpers import PIN, two_page_pdf

pytestmark = pytest.mark.django_db


def login(user, *, lang: str = "en") -> Client:
    client = Client()
    client.cookies["django_language"] = lang
    client.force_login(user)
    return client


def upload(content: bytes, name: str = "ket-qua.pdf") -> io.BytesIO:
    handle = io.BytesIO(content)
    handle.name = name
    return handle


# --- public verification ---------------------------------------------------------------------------------

def test_the_verify_page_speaks_vietnamese_by_default(signing, client):
    html = client.get(reverse("signatures:verify")).content.decode()
    assert "Xác thực văn bản đã ký số" in html


def test_verifying_a_signed_result_on_the_page(signing):
    signing.issue()
    signed = signing.sign(two_page_pdf())
    client = Client()
    client.cookies["django_language"] = "en"
    response = client.post(reverse("signatures:verify"), {"file": upload(signed)})
    html = response.content.decode()
    assert response.status_code == 200
    assert "The document is intact and every signature is valid." in html
    assert "Signature 1: Nguyễn Thị Hồng Nhung" in html and "trusted timestamp" in html

    tampered = signed.replace(b"Trang 1", b"Trang 7", 1) if b"Trang 1" in signed else signed[:-10] + b"X" + signed[-9:]
    index = signed.index(b"stream", 200) + 20
    tampered = signed[:index] + bytes([signed[index] ^ 0x01]) + signed[index + 1:]
    html = client.post(reverse("signatures:verify"), {"file": upload(tampered)}).content.decode()
    assert "The document cannot be trusted" in html or "cannot be read" in html


def test_the_verify_page_refuses_what_is_not_a_pdf(signing):
    client = Client()
    client.cookies["django_language"] = "en"
    response = client.post(reverse("signatures:verify"), {"file": upload(b"GIF89a...", "anh.pdf")})
    assert response.status_code == 400 and "This file is not a PDF document." in response.content.decode()
    response = client.post(reverse("signatures:verify"), {})
    assert response.status_code == 400 and "Choose the PDF document to verify." in response.content.decode()


def test_the_verify_api(signing):
    signing.issue()
    signed = signing.sign(two_page_pdf())
    response = Client().post(reverse("api-signatures-verify") + "?lang=en", {"file": upload(signed)})
    body = response.json()
    assert response.status_code == 200 and body["ok"] is True
    assert body["signatures"][0]["signer_name"] == "Nguyễn Thị Hồng Nhung"
    assert body["signatures"][0]["timestamped"] is True
    refused = Client().post(reverse("api-signatures-verify") + "?lang=en", {"file": upload(b"nope", "x.pdf")})
    assert refused.status_code == 400 and refused.json()["extra"]["errors"]["file"] == ["This file is not a PDF document."]


def test_verification_is_rate_limited(signing, settings):
    settings.SIGNATURES_VERIFY_RATE = "2/d"  # (a window of a minute may end between the posts: each takes a while)
    client = Client()
    for _attempt in range(2):
        client.post(reverse("signatures:verify"), {"file": upload(two_page_pdf())})
    response = client.post(reverse("signatures:verify"), {"file": upload(two_page_pdf())})
    assert response.status_code == 429 and response["Retry-After"]


# --- the provincial admin ------------------------------------------------------------------------------

def test_only_provincial_admins_manage_certificates(signing):
    assert login(signing.leader).get(reverse("signatures:manage")).status_code == 403
    assert Client().get(reverse("signatures:manage")).status_code == 302


def test_an_admin_registers_approves_and_the_official_issues_with_a_pin(signing):
    admin = login(signing.admin)
    response = admin.post(reverse("signatures:request_new"), {
        "kind": "personal", "official": signing.leader.pk, "position": "", "department": "Văn phòng",
        "email": "", "validity_days": 365})
    assert response.status_code == 302
    request = CertificateRequest.objects.get(official=signing.leader)
    assert request.state == "pending" and request.position == "Chủ tịch Ủy ban nhân dân"
    listing = admin.get(reverse("signatures:manage")).content.decode()
    assert "Nguyễn Thị Hồng Nhung" in listing and "Awaiting review" in listing

    again = admin.post(reverse("signatures:request_new"), {"kind": "personal", "official": signing.leader.pk,
                                                           "validity_days": 365})
    assert again.status_code == 400 and "already has a request awaiting review" in again.content.decode()

    admin.post(reverse("signatures:request_act", kwargs={"uuid": request.uuid, "action": "approve"}))
    official = login(signing.leader)
    page = official.get(reverse("signatures:mine")).content.decode()
    assert "Your certificate request is approved: choose your PIN" in page
    url = reverse("signatures:issue", kwargs={"uuid": request.uuid})
    mismatch = official.post(url, {"pin": "482915", "pin_confirm": "482916"})
    assert mismatch.status_code == 400 and "The two PINs differ." in mismatch.content.decode()
    assert official.post(url, {"pin": PIN, "pin_confirm": PIN}).status_code == 302
    certificate = Certificate.objects.get(holder=signing.leader)
    page = official.get(reverse("signatures:mine")).content.decode()
    assert certificate.serial in page and "Valid" in page
    download = official.get(reverse("signatures:download", kwargs={"uuid": certificate.uuid}) + "?format=pem")
    assert download.content.decode() == certificate.certificate_pem
    assert login(signing.clerk).get(reverse("signatures:download", kwargs={"uuid": certificate.uuid})).status_code == 404


def test_rejecting_needs_a_reason(signing):
    request = signing.request_for(signing.leader)
    admin = login(signing.admin)
    url = reverse("signatures:request_act", kwargs={"uuid": request.uuid, "action": "reject"})
    refused = admin.post(url, {"reason": ""})
    assert refused.status_code == 400 and "Say why the request is rejected." in refused.content.decode()
    assert admin.post(url, {"reason": "Sai chức vụ"}).status_code == 302
    request.refresh_from_db()
    assert (request.state, request.rejection_reason) == ("rejected", "Sai chức vụ")


def test_an_agency_certificate_is_issued_at_approval(signing):
    admin = login(signing.admin)
    admin.post(reverse("signatures:request_new"), {"kind": "organisation", "agency": signing.agency.pk,
                                                   "validity_days": 730})
    request = CertificateRequest.objects.get(kind="organisation")
    admin.post(reverse("signatures:request_act", kwargs={"uuid": request.uuid, "action": "approve"}))
    request.refresh_from_db()
    assert request.state == "issued" and request.certificate.token.protection == SoftwareToken.Protection.SERVER


def _workbook(rows) -> io.BytesIO:
    book = Workbook()
    book.active.append(COLUMNS)
    for row in rows:
        book.active.append(row)
    handle = io.BytesIO()
    book.save(handle)
    handle.seek(0)
    handle.name = "danh-sach.xlsx"
    return handle


def test_bulk_registration_from_excel_is_all_or_nothing(signing):
    admin = login(signing.admin)
    response = admin.post(reverse("signatures:request_import"), {"file": _workbook([
        ["lanhdao", "Chủ tịch", "", "", 365], ["khong.co.ai", "", "", "", ""], ["vanthu", "", "", "sai-email", "x"]])})
    html = response.content.decode()
    assert response.status_code == 400
    assert "No account has the username “khong.co.ai”." in html
    assert "“sai-email” is not an email address." in html and "Enter a number of days between 1 and 1825." in html
    assert not CertificateRequest.objects.exists()

    response = admin.post(reverse("signatures:request_import"), {"file": _workbook([
        ["lanhdao", "Chủ tịch", "Lãnh đạo", "", 365], ["vanthu", "", "", "vanthu@halong.example.vn", ""]])})
    assert response.status_code == 302
    assert set(CertificateRequest.objects.values_list("official__username", flat=True)) == {"lanhdao", "vanthu"}
    template = admin.get(reverse("signatures:import_template"))
    assert template.status_code == 200 and template["Content-Type"].startswith("application/vnd.openxml")


def test_revoking_on_the_page_updates_the_crl_and_unlocking_a_token(signing):
    certificate = signing.issue()
    SoftwareToken.objects.filter(certificate=certificate).update(failed_attempts=5, locked_at="2026-01-01T00:00Z")
    admin = login(signing.admin)
    listing = admin.get(reverse("signatures:certificates")).content.decode()
    assert "Token locked" in listing and "Unlock the token" in listing
    admin.post(reverse("signatures:certificate_act", kwargs={"uuid": certificate.uuid, "action": "unlock"}))
    assert not SoftwareToken.objects.get(certificate=certificate).is_locked

    number = CertificateAuthority.objects.get(kind="issuing").crl_number
    url = reverse("signatures:certificate_act", kwargs={"uuid": certificate.uuid, "action": "revoke"})
    refused = admin.post(url, {"reason": ""})
    assert refused.status_code == 400 and "Choose the reason for the revocation." in refused.content.decode()
    assert admin.post(url, {"reason": "affiliation_changed"}).status_code == 302
    certificate.refresh_from_db()
    assert certificate.revocation_reason == "affiliation_changed"
    assert CertificateAuthority.objects.get(kind="issuing").crl_number == number + 1


def test_readiness_counts_leaders_with_a_valid_certificate(signing, django_assert_max_num_queries):
    UserFactory(username="lanhdao2", role="leader", agency=signing.agency, full_name="Trần Văn Bình")
    signing.issue()
    admin = login(signing.admin)
    with django_assert_max_num_queries(12):
        html = admin.get(reverse("signatures:readiness")).content.decode()
    assert "1 of 2 officials who sign hold a valid certificate." in html
    assert "1 / 2 (50%)" in html and "Missing" in html


def test_expiry_reminders_go_once_to_the_holder_and_the_admins(signing, django_capture_on_commit_callbacks):
    signing.admin.email = "quantri@quangninh.example.vn"
    signing.admin.save()
    signing.issue()  # two years: not due
    certificate = signing.issue(official=signing.clerk, validity_days=20, email="vanthu@halong.example.vn")
    with django_capture_on_commit_callbacks(execute=True):
        assert tasks.remind_expiring() == 1
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert set(message.to) == {"vanthu@halong.example.vn", "quantri@quangninh.example.vn"}
    assert certificate.serial in message.subject and "sắp hết hạn" in message.subject
    assert tasks.remind_expiring() == 0 and len(mail.outbox) == 1


def test_the_beat_task_publishes_crls_only_when_due(signing):
    assert tasks.crl_publish() == 0
    CertificateAuthority.objects.update(crl_next_update="2020-01-01T00:00Z")
    assert tasks.crl_publish() == 2


def test_the_account_page_links_to_the_certificate_pages(signing):
    assert reverse("signatures:manage") in login(signing.admin).get(reverse("accounts:home")).content.decode()
    assert reverse("signatures:mine") in login(signing.leader).get(reverse("accounts:home")).content.decode()


def test_services_refuse_non_admins(signing):
    with pytest.raises(services.requests.SignatureForbidden):
        services.certificate_request_create(admin=signing.leader, official=signing.clerk)
