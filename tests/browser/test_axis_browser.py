"""The national document axis in real Chromium, as its two users meet it: the provincial admin finds on the
readiness board the ward's organ code and a letter the axis would not take (a recipient code it does not know),
and resends it; the ward's clerk, on a phone, finds the package Nghệ An sent that was changed after it was
signed, refused, with the reason its sender was given. Only what the pages show is seeded: no axis runs, and
the relay is not started (the resend's kick is a no-op), so nothing leaves the machine."""

import dataclasses
import datetime as dt

import pytest
from django.db import transaction
from django.utils import timezone
from playwright.sync_api import expect

from axis import edxml, receiving
from axis.models import Connection, ReceivedMessage
from documents import exchange
from documents.data import DOCUMENT_TYPES
from documents.models import Document, DocumentType, Recipient
from outbox.models import OutboxMessage
from tests.axis.conftest import NGHE_AN, package, signed
from tests.browser.conftest import PHONE
from tests.browser.test_dossier_browser import log_in
from tests.documents.conftest import office_make
from tests.factories import UserFactory
from units.validators import normalize_agency_code

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
WARD_CODE, UNKNOWN = "000.00.31.H01", "000.00.00.G12"
SUBJECT = "Về việc phối hợp tổ chức Hội chợ thương mại, du lịch năm 2026"


def _tampered_letter() -> bytes:
    """Nghệ An's signed letter to the ward, its subject changed after signing."""
    letter = dataclasses.replace(package(sender=NGHE_AN, to=(WARD_CODE,), number="05", notation="UBND-VX",
                                         subject=SUBJECT),
                                 sender=edxml.Organ(NGHE_AN, "Ủy ban nhân dân tỉnh Nghệ An"))
    return signed(edxml.build_package(letter)).replace(SUBJECT.encode(), f"{SUBJECT} (đã sửa)".encode())


@pytest.fixture
def exchange_state(settings, tmp_path, monkeypatch):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    monkeypatch.setattr("outbox.services.kick", lambda: None)
    # A transactional test may follow another that flushed the kinds of document the migration seeded.
    for position, (code, name, name_en, abbreviation) in enumerate(DOCUMENT_TYPES, start=1):
        DocumentType.objects.get_or_create(code=code, defaults={"name": name, "name_en": name_en,
                                                                "abbreviation": abbreviation, "position": position})
    ward = office_make(WARD_CODE, "Ủy ban nhân dân xã Tân Hòa", "th")
    now = timezone.now()
    Connection.objects.create(agency=ward.agency, registered_at=now, last_success_at=now)
    # An issued letter to an organisation the axis does not know: the axis refused it, a dead letter.
    document = Document.objects.create(
        agency=ward.agency, direction=Document.Direction.OUTGOING, state=Document.State.ISSUED,
        document_type=DocumentType.objects.get(code="cong-van"), register=ward.outgoing, year=now.year,
        code_number="15", code_notation="UBND-VX", issued_date=dt.date.today(), issued_at=now,
        subject="Đề nghị hướng dẫn sử dụng kinh phí sắp xếp đơn vị hành chính cấp xã",
        organ_id=ward.agency.code, organ_name=ward.agency.name, created_by=ward.clerk)
    recipient = Recipient.objects.create(document=document, external_name="Bộ Tài chính",
                                         external_organ_id=normalize_agency_code(UNKNOWN))
    with transaction.atomic():
        exchange.issue_enqueue(document, [recipient])
    message = OutboxMessage.objects.get(topic=OutboxMessage.Topic.DOCUMENT_EXCHANGE)
    OutboxMessage.objects.filter(pk=message.pk).update(
        status=OutboxMessage.Status.DEAD, attempts=1, last_error=f"HTTP 422: unknown recipient {UNKNOWN}")
    refused = receiving.message_receive(agency=ward.agency, message_id="0" * 32, data=_tampered_letter())
    assert refused.outcome == ReceivedMessage.Outcome.REFUSED
    UserFactory(admin=True, username="quantri")
    return ward, message


def test_the_admin_resends_a_dead_letter_and_the_clerk_reads_why_a_package_was_refused(new_page, exchange_state,
                                                                                       screenshot):
    ward, message = exchange_state

    # The provincial admin's board: the ward under its organ code, connected, one dead letter.
    admin = log_in(new_page, "quantri")
    admin.goto("/axis/")
    expect(admin.locator("h1")).to_have_text("Trục liên thông văn bản quốc gia")
    agencies = admin.get_by_role("region", name="Cơ quan kết nối Trục liên thông")
    agency_row = agencies.get_by_role("row", name="Ủy ban nhân dân xã Tân Hòa")
    expect(agency_row).to_contain_text(WARD_CODE)
    expect(agency_row).to_contain_text("Có")
    dead = admin.get_by_role("region", name="Gói tin gửi thất bại").get_by_role("row", name="15/UBND-VX")
    expect(dead).to_contain_text("Bộ Tài chính")
    expect(dead).to_contain_text(UNKNOWN)
    expect(dead).to_contain_text(f"unknown recipient {UNKNOWN}")
    problems = admin.get_by_role("region", name="Gói tin nhận được có vấn đề")
    expect(problems).to_contain_text("Chữ ký số XML không hợp lệ: nội dung gói tin đã bị thay đổi sau khi ký.")
    screenshot(admin, "admin-board")
    dead.get_by_role("button", name="Gửi lại").click()
    expect(admin.locator("body")).to_contain_text("Đã đưa 1 gói tin gửi thất bại trở lại hàng đợi.")
    expect(admin.locator("body")).to_contain_text("Không có gói tin gửi thất bại.")
    message.refresh_from_db()
    assert (message.status, message.attempts) == (OutboxMessage.Status.PENDING, 0)

    # The ward's clerk, on a phone, from the documents' home: the refused package and why.
    clerk = log_in(new_page, ward.clerk.username, viewport=PHONE)
    clerk.goto("/documents/")
    clerk.get_by_role("link", name="Gói tin nhận qua Trục liên thông").click()
    expect(clerk.locator("h1")).to_have_text("Gói tin nhận qua Trục liên thông")
    clerk.get_by_role("link", name="Từ chối tiếp nhận").click()
    row = clerk.get_by_role("row", name="Ủy ban nhân dân tỉnh Nghệ An")
    expect(row).to_contain_text(NGHE_AN)
    expect(row).to_contain_text("05/UBND-VX ngày")
    expect(row).to_contain_text("Từ chối tiếp nhận")
    expect(row).to_contain_text("Chữ ký số XML không hợp lệ: nội dung gói tin đã bị thay đổi sau khi ký.")
    assert clerk.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]  # nothing runs off the side
    screenshot(clerk, "clerk-refused")
