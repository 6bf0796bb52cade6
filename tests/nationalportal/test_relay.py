"""The outbox relay against the mock NPSP over real HTTP: batches, idempotency, order per dossier,
retries with backoff, dead letters and wrong credentials."""

import pytest
from django.utils import timezone

from dossiers.services import dossier_receive, step_complete
from outbox.models import OutboxMessage
from outbox.relay import relay_batch, relay_until_empty
from tests.dossiers.factories import make_world, received, submitted

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return make_world()


def due_now():
    OutboxMessage.objects.filter(status="pending").update(next_attempt_at=timezone.now())


def test_every_event_and_publication_is_delivered_once(npsp, world):
    dossier = received(world)
    step_complete(dossier=dossier, position=1, user=world.officer)
    expected = OutboxMessage.objects.count()
    assert expected == 1 + 3  # the procedure's publication + submitted, received, step completed (no draft)

    result = relay_until_empty()

    assert (result.delivered, result.dead) == (expected, 0)
    stats = npsp.stats()
    assert (stats["applied"], stats["duplicates"], stats["out_of_order"]) == (expected, 0, 0)
    [held] = npsp.get(f"/v1/dossiers?code={dossier.code}")["dossiers"]
    assert (held["state"], held["dossier_id"]) == ("in_progress", str(dossier.uuid))
    assert npsp.get("/v1/procedures")["procedures"] == [{"code": "1.001193", "version": 1, "name": "Đăng ký khai sinh"}]


def test_a_message_sent_twice_is_applied_once(npsp, world):
    received(world)
    relay_until_empty()
    OutboxMessage.objects.update(status="pending", delivered_at=None)  # as if the acks were lost
    relay_until_empty()
    stats = npsp.stats()
    assert stats["duplicates"] == OutboxMessage.objects.count() and stats["out_of_order"] == 0


def test_a_later_message_of_a_dossier_waits_for_the_earlier_one(npsp, world):
    dossier = submitted(world)
    relay_until_empty()
    dossier_receive(dossier=dossier, officer=world.officer)
    step_complete(dossier=dossier, position=1, user=world.officer)
    first, second = OutboxMessage.objects.filter(status="pending", topic="dossier_event").order_by("id")

    batch = relay_batch()  # one per dossier per batch: the step must not overtake the receipt

    assert batch.claimed == 1
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.status, second.status) == ("delivered", "pending")
    relay_until_empty()
    assert npsp.stats()["out_of_order"] == 0


def test_npsp_down_then_up_delivers_everything_in_order(npsp, world):
    npsp.admin(down_for_seconds=60)
    dossiers = [received(world) for _ in range(5)]
    first = relay_batch()
    assert first.delivered == 0 and first.retried == first.claimed > 0
    assert all(m.last_error.startswith("HTTP 503") for m in OutboxMessage.objects.filter(status="pending", attempts=1))

    npsp.admin(clear=True)
    due_now()
    for _ in range(10):
        relay_until_empty()
        due_now()
    assert set(OutboxMessage.objects.values_list("status", flat=True)) == {"delivered"}
    stats = npsp.stats()
    assert (stats["applied"], stats["duplicates"], stats["out_of_order"]) == (OutboxMessage.objects.count(), 0, 0)
    assert {d["state"] for d in npsp.get("/v1/dossiers")["dossiers"]} == {"received"}
    assert len(dossiers) == 5


def test_refused_connections_are_retried(npsp, world):
    received(world)
    npsp.admin(refuse_for_seconds=1.5)
    import time

    time.sleep(0.3)
    result = relay_batch()
    assert result.retried > 0
    assert "ConnectionError" in OutboxMessage.objects.filter(attempts=1).first().last_error
    time.sleep(1.5)
    due_now()
    for _ in range(10):
        relay_until_empty()
        due_now()
    assert not OutboxMessage.objects.exclude(status="delivered").exists()


def test_a_rejected_message_is_dead_lettered_at_once_and_blocks_only_its_dossier(npsp, world):
    bad, good = received(world), received(world)
    broken = OutboxMessage.objects.filter(subject=str(bad.uuid)).order_by("id").first()
    broken.payload = {**broken.payload, "state": ""}
    broken.save()

    relay_until_empty()

    broken.refresh_from_db()
    assert (broken.status, broken.attempts) == ("dead", 1) and "state" in broken.last_error
    assert OutboxMessage.objects.filter(subject=str(bad.uuid), status="pending").exists()  # waits behind it
    assert not OutboxMessage.objects.filter(subject=str(good.uuid)).exclude(status="delivered").exists()


def test_wrong_credentials_are_retried_and_say_so(npsp, world, settings):
    settings.NPSP_SECRET = "wrong"
    received(world)
    result = relay_batch()
    assert result.delivered == 0 and result.retried > 0
    assert OutboxMessage.objects.filter(last_error__startswith="HTTP 401").exists()
    assert npsp.stats()["applied"] == 0


def test_after_the_last_attempt_a_message_is_dead(npsp, world, settings):
    settings.NPSP_MAX_ATTEMPTS = 2
    npsp.admin(error_rate=1.0)
    received(world)
    relay_batch()
    due_now()
    relay_batch()
    assert OutboxMessage.objects.filter(status="dead").exists()
