"""Resending dead letters (outbox.services.outbox_resend): back in the queue from zero, audited,
delivered by the relay to the real mock NPSP; each dead letter resent once even when two admins press at once."""

import threading

import pytest
from django.db import connection
from django.utils import timezone

from nationalportal.templatetags.outbox_format import waited
from outbox import services as outbox
from outbox.models import OutboxMessage
from outbox.relay import relay_batch, relay_until_empty
from outbox.services import outbox_resend
from portal.models import Job
from tests.dossiers.factories import make_world, received

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return make_world()


def kill_all(error="HTTP 503: down"):
    OutboxMessage.objects.update(status="dead", attempts=20, last_error=error)


def test_resend_puts_dead_letters_back_from_zero_and_logs_who_did_it(world):
    received(world)
    kill_all()
    dead = list(OutboxMessage.objects.all())
    before = timezone.now()

    count = outbox_resend(messages=dead, actor=world.admin)

    assert count == len(dead) == OutboxMessage.objects.count() > 1
    for message in OutboxMessage.objects.all():
        assert (message.status, message.attempts) == ("pending", 0)
        assert before <= message.next_attempt_at <= timezone.now()
        assert message.last_error.startswith("[resent ") and "by quantri" in message.last_error
        assert message.last_error.endswith("HTTP 503: down")  # why it died stays readable
    [log] = Job.objects.filter(kind="npsp_resend")
    assert (log.created_by, log.total, log.status) == (world.admin, count, "succeeded")
    assert sorted(log.result["keys"]) == sorted(str(m.key) for m in dead)


def test_only_dead_letters_are_resent_and_only_once(world):
    received(world)
    first, *rest = OutboxMessage.objects.order_by("id")
    OutboxMessage.objects.filter(pk=first.pk).update(status="dead", attempts=20, last_error="boom")
    OutboxMessage.objects.filter(pk__in=[m.pk for m in rest]).update(status="delivered", delivered_at=timezone.now())

    assert outbox_resend(messages=OutboxMessage.objects.all(), actor=world.admin) == 1
    assert outbox_resend(messages=OutboxMessage.objects.all(), actor=world.admin) == 0
    assert OutboxMessage.objects.filter(status="delivered").count() == len(rest)
    assert Job.objects.filter(kind="npsp_resend").count() == 1


def test_the_relay_is_kicked_after_commit(world, django_capture_on_commit_callbacks):
    received(world)
    kill_all()
    with django_capture_on_commit_callbacks() as callbacks:
        outbox_resend(messages=OutboxMessage.objects.all(), actor=world.admin)
    assert outbox.kick in callbacks


def test_a_resent_dead_letter_reaches_the_npsp(npsp, world, settings):
    settings.NPSP_MAX_ATTEMPTS = 1
    npsp.admin(error_rate=1.0)
    dossier = received(world)
    relay_batch()
    assert OutboxMessage.objects.filter(status="dead").exists()
    npsp.admin(clear=True)
    assert relay_until_empty().delivered == 0  # the dead letters hold their dossier back

    outbox_resend(messages=OutboxMessage.objects.filter(status="dead"), actor=world.admin)
    settings.NPSP_MAX_ATTEMPTS = 20
    for _ in range(10):
        if not OutboxMessage.objects.exclude(status="delivered").exists():
            break
        relay_until_empty()

    assert not OutboxMessage.objects.exclude(status="delivered").exists()
    [held] = npsp.get(f"/v1/dossiers?code={dossier.code}")["dossiers"]
    assert held["state"] == "received"
    assert npsp.stats()["out_of_order"] == 0


@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True)
def test_two_admins_resending_at_once_resend_each_dead_letter_once(world):
    received(world)
    kill_all()
    counts, barrier = [], threading.Barrier(2)

    def press():
        try:
            barrier.wait(timeout=10)
            counts.append(outbox_resend(messages=OutboxMessage.objects.all(), actor=world.admin))
        finally:
            connection.close()

    threads = [threading.Thread(target=press) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert sorted(counts) == [0, OutboxMessage.objects.count()]
    assert Job.objects.filter(kind="npsp_resend").count() == 1


@pytest.mark.parametrize(("seconds", "words"), [
    (0, "just now"), (45, "45 seconds"), (61, "1 minute 1 second"), (300, "5 minutes"),
    (2 * 3600 + 5 * 60 + 7, "2 hours 5 minutes"), (3 * 86400 + 30, "3 days"),
])
def test_waiting_times_read_as_words(seconds, words):
    from django.utils import translation

    translation.activate("en")  # asserted in the English source form; the autouse fixture resets it after
    assert waited(seconds) == words
