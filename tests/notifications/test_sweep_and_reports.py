"""The beat's sweep sends again what stayed pending; the mock gateway's own delivery report, posted over HTTP to
the running portal, marks the SMS delivered (or failed for an unreachable phone)."""

import datetime as dt

import pytest
from django.utils import timezone

from dossiers.services import dossier_receive
from notifications import tasks
from notifications.models import Notification
from notifications.services import notification_deliver, stuck_resend
from tests.dossiers.factories import submitted
from tests.processes import wait_until


@pytest.mark.django_db
def test_the_sweep_queues_again_only_what_is_pending_and_old(world, monkeypatch):
    dossier = dossier_receive(dossier=submitted(world), officer=world.officer)
    pending = Notification.objects.filter(dossier_id=dossier.pk, state="pending")
    assert pending.exists()
    queued = []
    monkeypatch.setattr(tasks.notification_send, "apply_async", lambda args, **kwargs: queued.append(args[0]))
    assert stuck_resend(older_than_seconds=300) == 0  # just written: the on-commit send is on its way
    pending.update(created_at=timezone.now() - dt.timedelta(minutes=10))
    assert stuck_resend(older_than_seconds=300) == pending.count() == len(queued)
    assert set(queued) == set(pending.values_list("pk", flat=True))


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize(("phone", "state"), [("0912345678", "delivered"), ("0977000000", "failed")])
def test_the_gateways_delivery_report_reaches_the_portal(world, sms, live_server, settings, phone, state):
    settings.SMS_DELIVERY_REPORT_URL = live_server.url + "/notifications/sms/delivery-report/"
    dossier = dossier_receive(dossier=submitted(world, phone=phone), officer=world.officer)
    row = Notification.objects.get(dossier_id=dossier.pk, channel="sms", template="dossier.received")
    assert notification_deliver(notification_id=row.pk).state == "sent"
    wait_until(lambda: Notification.objects.filter(pk=row.pk, state=state).exists(), timeout=20,
               message=lambda: f"still {Notification.objects.get(pk=row.pk).state}; gateway {sms.stats()}")
    assert sms.stats()["reports_sent"] == 1
