"""The outgoing flow's cast: the office's leader holds a signing certificate (PIN below), both agencies an
organisation certificate; a draft made through the real services at any stage of the flow."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation
from fpdf import FPDF

from accounts.models import User
from documents.models import Document
from documents.services import outgoing
from signatures import services as signature_services
from tests.factories import UserFactory

PIN = "246813"
BODY = ("Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 02 năm 2025;\n"
        "Ủy ban nhân dân xã Tân Hòa trả lời đề nghị của Quý cơ quan về việc tổ chức ngày hội văn hóa như sau.")


@pytest.fixture
def outgoing_env(settings, monkeypatch):
    """Real keys of a size that keeps a test quick; emails kept in memory, sent by their tasks at once; the
    services' messages read in their English source (pages choose their language per request)."""
    from portal.celery import app as celery_app

    settings.SIGNATURES_CA_KEY_BITS = settings.SIGNATURES_KEY_BITS = 2048
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # Celery read its settings once, when first used: an earlier test may have done so already.
    monkeypatch.setitem(celery_app.conf, "task_always_eager", True)
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    with translation.override("en"):
        yield


@pytest.fixture
def certified(office, other_office):
    """The certificate authority, the office leader's certificate and both agencies' organisation ones."""
    signature_services.ca_init()
    admin = UserFactory(admin=True, username="quantri")
    request = signature_services.certificate_request_create(admin=admin, official=office.leader)
    request = signature_services.certificate_request_approve(request=request, admin=admin)
    signature_services.certificate_issue(request=request, official=office.leader, pin=PIN, pin_confirm=PIN)
    for agency in (office.agency, other_office.agency):
        request = signature_services.certificate_request_create(admin=admin, agency=agency)
        signature_services.certificate_request_approve(request=request, admin=admin)
    return office


def pdf_upload(name: str = "du-thao.pdf", text: str = "Dự thảo công văn trả lời") -> SimpleUploadedFile:
    import font_roboto

    pdf = FPDF()
    pdf.add_page()
    pdf.add_font("Roboto", "", font_roboto.Roboto)
    pdf.set_font("Roboto", size=13)
    pdf.multi_cell(0, 8, text)
    return SimpleUploadedFile(name, bytes(pdf.output()), content_type="application/pdf")


def recipients_to(*agencies, outside: str = "") -> list:
    specs = [outgoing.RecipientSpec(agency=agency) for agency in agencies]
    if outside:
        specs.append(outgoing.RecipientSpec(external_name=outside, external_organ_id="000.00.00.G22"))
    return specs


def draft(office, letter_type, *, to=None, drafter: User | None = None, **extra) -> Document:
    values = {"document_type": letter_type, "subject": "Trả lời về việc tổ chức ngày hội văn hóa",
              "signer": office.leader, "recipients": to if to is not None else [], "body": BODY, **extra}
    return outgoing.outgoing_create(actor=drafter or office.specialist, **values)


def to_sign(office, letter_type, **extra) -> Document:
    document = draft(office, letter_type, **extra)
    document = outgoing.outgoing_submit(document=document, actor=office.specialist)
    return outgoing.outgoing_approve(document=document, actor=office.head)


def signed(office, letter_type, **extra) -> Document:
    document = to_sign(office, letter_type, **extra)
    return outgoing.outgoing_sign_with_pin(document=document, actor=office.leader, pin=PIN)


def content_of(document: Document, kind: str = "main") -> bytes:
    stored = document.files.filter(kind=kind).order_by("-version").first()
    with stored.file.open("rb") as handle:
        return handle.read()


def as_file(content: bytes) -> io.BytesIO:
    return io.BytesIO(content)
