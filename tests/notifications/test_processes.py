"""End to end with real processes: a Celery worker over Redis sends the SMS of a committed dossier event to
the mock gateway (a separate process) — and once only, even when the gateway was down at first."""

import os

import pytest

from notifications.models import Notification
from portal.celery import app as celery_app
from tests.dossiers.factories import make_world, received
from tests.notifications.conftest import gateway_settings
from tests.processes import Celery, wait_until

pytestmark = [
    pytest.mark.postgres_only,
    pytest.mark.skipif(not os.environ.get("REDIS_URL"), reason="needs Redis (set REDIS_URL)"),
    pytest.mark.django_db(transaction=True),
]


@pytest.fixture
def celery(sms_process, tmp_path, monkeypatch):
    environment = {**gateway_settings(sms_url=sms_process), "NOTIFY_MAX_RETRIES": "8"}
    processes = Celery(redis_url=os.environ["REDIS_URL"], tmp_path=tmp_path, environment=environment)
    monkeypatch.setitem(celery_app.conf, "task_default_queue", processes.queue)
    yield processes
    processes.stop()


def test_a_worker_delivers_the_receipt_sms_end_to_end_once(sms, celery, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    sms.admin(down_for_seconds=12)  # the first tries fail: the task retries with backoff
    celery.worker()
    dossier = received(make_world())

    def sent():
        return Notification.objects.filter(dossier_id=dossier.pk, template="dossier.received", channel="sms",
                                           state="sent").first()

    row = wait_until(sent, timeout=60, message=lambda: str(list(Notification.objects.values(
        "template", "channel", "state", "attempts", "last_error"))) + celery.logs())
    assert row.attempts >= 2 and row.provider_id
    messages = [m for m in sms.messages() if m["meta"]["client_message_id"] == row.key]
    assert len(messages) == 1 and dossier.code in messages[0]["text"]
