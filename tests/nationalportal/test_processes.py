"""The sync with real processes: Celery worker and beat over Redis, the mock NPSP over HTTP, PostgreSQL.
Nothing is lost and nothing is applied twice when the NPSP is down, a worker is killed mid-batch, or
Redis stops. Each test is bounded (well under a minute)."""

import os
import subprocess
import time

import pytest
from django.conf import settings as django_settings

from outbox.models import OutboxMessage
from portal.celery import app as celery_app
from tests.dossiers.factories import make_world, received
from tests.nationalportal.conftest import free_port, npsp_environment
from tests.processes import Celery, wait_until

pytestmark = [
    pytest.mark.postgres_only,
    pytest.mark.skipif(not os.environ.get("REDIS_URL"), reason="needs Redis (set REDIS_URL)"),
    pytest.mark.django_db(transaction=True),
]


@pytest.fixture
def celery(npsp, tmp_path, monkeypatch):
    processes = Celery(redis_url=os.environ["REDIS_URL"], tmp_path=tmp_path, environment=npsp_environment(npsp.url))
    monkeypatch.setitem(celery_app.conf, "task_default_queue", processes.queue)
    yield processes
    processes.stop()


@pytest.fixture
def world(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    return make_world()


def pending() -> int:
    return OutboxMessage.objects.exclude(status="delivered").count()


def test_npsp_down_while_200_events_are_made_then_up_delivers_all_once_in_order(npsp, celery, world):
    npsp.admin(down_for_seconds=300)
    celery.worker()
    celery.beat()
    while OutboxMessage.objects.count() < 201:  # the publication and at least 200 dossier events
        received(world)
    total = OutboxMessage.objects.count()
    wait_until(lambda: OutboxMessage.objects.filter(attempts__gte=1).exists(), timeout=30,
               message="no delivery attempt while the NPSP was down\n" + celery.logs())
    assert npsp.stats()["applied"] == 0

    npsp.admin(clear=True)
    wait_until(lambda: pending() == 0, timeout=45, message=f"{pending()} still pending\n" + celery.logs())
    stats = npsp.stats()
    assert (stats["applied"], stats["duplicates"], stats["out_of_order"]) == (total, 0, 0)


def test_a_worker_killed_mid_batch_loses_nothing_and_applies_nothing_twice(npsp, celery, world):
    npsp.admin(latency_ms=2500)  # every batch takes 2.5 s at the NPSP: time to kill the worker in flight
    for _ in range(20):
        received(world)
    total = OutboxMessage.objects.count()
    doomed = celery.worker()
    celery.beat()
    # The batch is claimed (rows locked) and on its way: the NPSP has counted the request.
    wait_until(lambda: npsp.stats()["requests"] >= 1, timeout=30, message=celery.logs())
    time.sleep(0.5)
    Celery.kill(doomed)
    assert OutboxMessage.objects.filter(status="delivered").count() == 0  # the killed batch rolled back

    npsp.admin(latency_ms=0)
    celery.worker()
    wait_until(lambda: pending() == 0, timeout=45, message=f"{pending()} still pending\n" + celery.logs())
    stats = npsp.stats()
    # The NPSP may have received the killed batch too; it applied every key exactly once.
    assert stats["applied"] == total and stats["out_of_order"] == 0
    assert stats["duplicates"] <= total


@pytest.fixture
def own_redis(tmp_path):
    """A Redis server of this test's own, so stopping it disturbs nothing else."""
    port = free_port()
    command = ["redis-server", "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
               "--dir", str(tmp_path)]

    def start():
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        wait_until(lambda: subprocess.run(["redis-cli", "-p", str(port), "ping"], capture_output=True).returncode == 0
                   and b"PONG" in subprocess.run(["redis-cli", "-p", str(port), "ping"], capture_output=True).stdout,
                   timeout=10)
        return process

    state = {"process": start()}

    class Handle:
        url = f"redis://127.0.0.1:{port}/0"

        @staticmethod
        def stop():
            state["process"].terminate()
            state["process"].wait(10)

        @staticmethod
        def start():
            state["process"] = start()

    yield Handle
    if state["process"].poll() is None:
        state["process"].terminate()
        state["process"].wait(10)


def test_with_redis_stopped_submissions_succeed_and_sync_resumes_when_it_returns(npsp, own_redis, tmp_path,
                                                                                 monkeypatch, settings, world):
    processes = Celery(redis_url=own_redis.url, tmp_path=tmp_path, environment=npsp_environment(npsp.url))
    # This process's kicks and cache go to the same Redis that is about to stop.
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache",
                                   "LOCATION": own_redis.url}}
    monkeypatch.setitem(celery_app.conf, "broker_url", own_redis.url)
    monkeypatch.setitem(celery_app.conf, "task_default_queue", processes.queue)
    celery_app._pool = None
    try:
        processes.worker()
        processes.beat()
        received(world)
        wait_until(lambda: pending() == 0, timeout=30, message=processes.logs())

        own_redis.stop()
        started = time.monotonic()
        dossiers = [received(world) for _ in range(5)]  # the portal keeps accepting dossiers
        assert all(d.code for d in dossiers) and time.monotonic() - started < 30
        per = OutboxMessage.objects.filter(subject=str(dossiers[0].uuid)).count()
        assert per >= 2 and pending() == 5 * per  # every event of the five waits, none lost

        own_redis.start()
        wait_until(lambda: pending() == 0, timeout=50, message=processes.logs())
        assert npsp.stats()["duplicates"] == 0 and npsp.stats()["out_of_order"] == 0
    finally:
        processes.stop()
        celery_app._pool = None
        assert django_settings  # settings restored by the fixture
