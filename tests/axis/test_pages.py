# ruff: noqa: F811 - the documents tests' fixtures, imported by name
"""The axis pages as their users see them: the provincial admin's readiness board (each agency's organ code,
connection, what waits, fails or died, with a resend), and the clerk's list of what arrived, a refused
package with the reason its sender was given."""

from __future__ import annotations

import pytest
from django.utils import timezone

from axis import receiving
from axis.models import Connection
from documents.services import outgoing
from outbox.models import OutboxMessage
from tests.documents.conftest import letter_type, office, other_office  # noqa: F401 - fixtures
from tests.documents.outgoing_helpers import certified, outgoing_env, recipients_to, signed  # noqa: F401
from tests.factories import UserFactory

pytestmark = pytest.mark.usefixtures("outgoing_env")


def test_the_admin_sees_each_agency_its_queue_and_resends_a_dead_letter(client, certified, letter_type):
    office = certified
    document = signed(office, letter_type, to=recipients_to(outside="Văn phòng Chính phủ"))
    outgoing.outgoing_number_and_issue(document=document, actor=office.clerk)
    message = OutboxMessage.objects.get(topic="document_exchange")
    message.status, message.last_error, message.attempts = "dead", "HTTP 422: unknown recipient 000.00.00.G22", 1
    message.save()
    Connection.objects.create(agency=office.agency, registered_at=timezone.now(), last_success_at=timezone.now())
    client.force_login(UserFactory(admin=True))
    page = client.get("/axis/").content.decode()
    assert "000.00.31.H01" in page and "Ủy ban nhân dân xã Tân Hòa" in page
    assert "unknown recipient 000.00.00.G22" in page and "Văn phòng Chính phủ" in page
    assert document.number_display in page
    response = client.post("/axis/resend/", {"key": str(message.key)}, follow=True, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    message.refresh_from_db()
    assert message.status == "pending" and message.attempts == 0


def test_the_clerk_sees_a_refused_package_and_why_and_others_may_not(client, office, other_office):
    receiving.message_receive(agency=office.agency, message_id="m-1", data=b"<edXML/>")
    client.force_login(office.clerk)
    page = client.get("/axis/received/").content.decode()
    assert "Gói tin không có chữ ký số XML (Signature)." in page  # the reason its sender was given
    client.force_login(other_office.clerk)
    assert "Gói tin không có chữ ký số XML" not in client.get("/axis/received/").content.decode()
    client.force_login(office.specialist)
    assert client.get("/axis/received/").status_code == 403
    assert client.get("/axis/").status_code in (302, 403)


def test_the_board_shows_a_connection_error_only_while_nothing_has_worked_since(client, office):
    earlier, later = timezone.now() - timezone.timedelta(minutes=5), timezone.now()
    connection = Connection.objects.create(agency=office.agency, registered_at=earlier, last_success_at=later,
                                           last_error="HTTP 503: service unavailable", last_error_at=earlier)
    client.force_login(UserFactory(admin=True))
    assert "HTTP 503: service unavailable" not in client.get("/axis/").content.decode()  # it recovered since
    connection.last_success_at, connection.last_error_at = earlier, later
    connection.save()
    assert "HTTP 503: service unavailable" in client.get("/axis/").content.decode()


def test_the_clerk_sees_that_the_package_of_an_arrival_was_verified_and_by_whom(client, office, settings, tmp_path):
    from axis import edxml, xmlsig
    from tests.axis.pki import Pki
    from tests.axis.test_exchange import _package

    pki = Pki()
    (tmp_path / "ca.pem").write_bytes(pki.root_pem())
    settings.AXIS_TRUST_ANCHORS = str(tmp_path / "ca.pem")
    data = xmlsig.sign(edxml.build_package(_package("000.00.31.H01")), key=pki.ministry.key, chain=pki.ministry.chain)
    record = receiving.message_receive(agency=office.agency, message_id="m-1", data=data)
    client.force_login(office.clerk)
    page = client.get(f"/documents/{record.document.uuid}/").content.decode()
    assert "chữ ký số đã được xác thực" in page and "Bộ Nội vụ" in page
