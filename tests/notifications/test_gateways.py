"""The sender over real HTTP to the mock gateways (separate processes): an SMS reaches the gateway once even
when a retry follows a timeout; delivery reports update the state; Zalo falls back to SMS for a phone without
a Zalo account."""

import json

import pytest

from dossiers.services import dossier_receive
from notifications.gateways import SMS_SCHEME, GatewayTemporaryError
from notifications.models import Notification
from notifications.services import notification_deliver, preference_set
from tests.dossiers.factories import submitted
from tests.notifications.conftest import NOT_ON_ZALO, SMS_KEY, SMS_SECRET

pytestmark = pytest.mark.django_db


def sms_row(world, **applicant) -> Notification:
    dossier = dossier_receive(dossier=submitted(world, **applicant), officer=world.officer)
    return Notification.objects.get(dossier_id=dossier.pk, template="dossier.received", channel__in=["sms", "zalo"])


def test_an_sms_travels_signed_to_the_gateway_and_is_recorded_sent(world, sms):
    row = sms_row(world)
    sent = notification_deliver(notification_id=row.pk)
    assert sent.state == "sent" and sent.provider_id.startswith("SMS") and sent.attempts == 1 and sent.sent_at
    [message] = sms.messages()
    assert message["phone"] == "0912345678" and message["text"] == row.text
    assert message["meta"]["brandname"] == "UBND TINH" and message["meta"]["encoding"] == "unaccented"
    assert message["meta"]["client_message_id"] == row.key and message["meta"]["segments"] == 1
    assert notification_deliver(notification_id=row.pk) is None  # already sent: nothing more
    assert len(sms.messages()) == 1


def test_a_retry_after_a_timeout_leaves_one_message_at_the_gateway(world, sms, settings):
    row = sms_row(world)
    settings.NOTIFY_TIMEOUT_SECONDS = 0.5
    sms.admin(latency_ms=1200)  # the gateway takes the message but answers too late
    with pytest.raises(GatewayTemporaryError):
        notification_deliver(notification_id=row.pk)
    row.refresh_from_db()
    assert (row.state, row.attempts) == ("pending", 1) and "Timeout" in row.last_error
    sms.wait_for(lambda: sms.messages())  # it did arrive
    sms.admin(clear=True)
    sent = notification_deliver(notification_id=row.pk)
    assert (sent.state, sent.attempts) == ("sent", 2)
    assert len(sms.messages()) == 1 and sms.stats()["duplicates"] == 1


def test_the_last_try_of_a_gateway_that_stays_down_fails_the_message(world, sms):
    row = sms_row(world)
    sms.admin(down_for_seconds=60)
    sent = notification_deliver(notification_id=row.pk, last_try=True)
    assert sent.state == "failed" and "HTTP 503" in sent.last_error and sms.messages() == []


def test_a_wrong_secret_is_refused_by_the_gateway_and_retried(world, sms, settings):
    row = sms_row(world)
    settings.SMS_SECRET = "not-the-secret"
    with pytest.raises(GatewayTemporaryError, match="401"):
        notification_deliver(notification_id=row.pk)
    assert sms.messages() == []


def signed_report(client, body: dict, *, secret: str = SMS_SECRET):
    raw = json.dumps(body).encode()
    path = "/notifications/sms/delivery-report/"
    headers = SMS_SCHEME.signed_headers(key_id=SMS_KEY, secret=secret, method="POST", path=path, body=raw)
    return client.post(path, raw, content_type="application/json", headers=headers)


def test_delivery_reports_record_delivered_once_and_refuse_forgeries(world, sms, client):
    row = notification_deliver(notification_id=sms_row(world).pk)
    report = {"message_id": row.provider_id, "client_message_id": row.key, "status": "DELIVERED"}
    assert signed_report(client, report, secret="forged").status_code == 401
    assert signed_report(client, {**report, "message_id": "SMSunknown"}).status_code == 404
    assert signed_report(client, {**report, "status": "\x00"}).status_code == 400
    assert client.post("/notifications/sms/delivery-report/", b"\x00" * 5000,
                       content_type="application/json").status_code in (401, 413)
    row.refresh_from_db()
    assert row.state == "sent"
    answer = signed_report(client, report)
    assert answer.status_code == 200 and answer.json()["state"] == "delivered"
    row.refresh_from_db()
    assert row.state == "delivered" and row.delivered_at
    assert signed_report(client, {**report, "status": "UNDELIVERED"}).json()["state"] == "delivered"  # once


def test_an_undelivered_report_fails_the_message(world, sms, client):
    row = notification_deliver(notification_id=sms_row(world).pk)
    signed_report(client, {"message_id": row.provider_id, "client_message_id": row.key, "status": "UNDELIVERED"})
    row.refresh_from_db()
    assert row.state == "failed" and "UNDELIVERED" in row.last_error


def test_zalo_is_sent_in_the_zns_shape(world, zalo):
    preference_set(user=world.citizen, sms=False, zalo=True, email=False)
    row = sms_row(world)
    assert row.channel == "zalo"
    sent = notification_deliver(notification_id=row.pk)
    assert sent.state == "sent" and sent.provider_id
    [message] = zalo.messages()
    assert message["phone"] == "0912345678" and message["meta"]["template_id"] == "410001"
    assert message["meta"]["tracking_id"] == row.key and row.text in message["text"]


def test_a_phone_without_zalo_falls_back_to_sms(world, zalo, sms):
    preference_set(user=world.citizen, sms=False, zalo=True, email=False)
    row = sms_row(world, phone="0" + NOT_ON_ZALO[2:])
    skipped = notification_deliver(notification_id=row.pk)
    assert skipped.state == "skipped" and "-118" in skipped.last_error and zalo.messages() == []
    fallback = Notification.objects.get(dossier_id=row.dossier_id, channel="sms", template="dossier.received")
    assert fallback.key == row.key.replace(":zalo:", ":sms:") and fallback.phone == "0911111111"
    assert notification_deliver(notification_id=fallback.pk).state == "sent"
    [message] = sms.messages()
    assert message["phone"] == "0911111111" and "Ho so" in message["text"]
