"""Reconciliation against the real mock NPSP: after the NPSP loses its data every dossier is sent again and
held again in its current state; dossiers with a message still waiting are left to the outbox; when both
sides agree nothing is sent. Last, beat and a worker as real processes do it on their own."""

import datetime as dt
import os

import pytest
from django.utils import timezone

from dossiers.models import DossierEvent
from dossiers.services import dossier_receive, step_complete
from nationalportal.reconcile import reconcile
from nationalportal.services import reconcile_run
from outbox.models import OutboxMessage
from outbox.relay import relay_until_empty
from portal.celery import app as celery_app
from portal.models import Job
from tests.dossiers.factories import make_world, received, result_ready, submitted
from tests.nationalportal.conftest import free_port, npsp_environment
from tests.processes import Celery, wait_until

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return make_world()


def period():
    now = timezone.now()
    return {"since": now - dt.timedelta(days=2), "until": now + dt.timedelta(minutes=1)}


def held(npsp) -> dict:
    return {d["dossier_id"]: (d["state"], d["sequence"]) for d in npsp.get("/v1/dossiers")["dossiers"]}


def portal_state(dossiers) -> dict:
    return {str(d.uuid): (d.state, d.events.order_by("-id").first().pk) for d in dossiers}


def test_after_the_npsp_loses_its_data_every_dossier_is_sent_again(npsp, world):
    dossiers = [submitted(world), received(world), result_ready(world)]
    relay_until_empty()
    npsp.reset()
    assert held(npsp) == {}
    messages = OutboxMessage.objects.count()

    report = reconcile(**period())

    assert (report.checked, report.missing, report.stale, report.reenqueued, report.skipped_pending) == (3, 3, 0, 3, 0)
    assert OutboxMessage.objects.count() == messages + 3
    relay_until_empty()
    for dossier in dossiers:
        dossier.refresh_from_db()
    assert held(npsp) == portal_state(dossiers)
    assert {state for state, _seq in held(npsp).values()} == {"submitted", "received", "result_ready"}


def test_a_dossier_the_npsp_holds_in_an_older_state_is_brought_up_to_date(npsp, world):
    dossier = received(world)
    received(world)
    relay_until_empty()
    step_complete(dossier=dossier, position=2, user=world.specialist)
    # As if its last message had been marked delivered without the NPSP ever applying it.
    OutboxMessage.objects.filter(status="pending").update(status="delivered", delivered_at=timezone.now())
    assert held(npsp)[str(dossier.uuid)][0] == "received"

    report = reconcile(**period())

    assert (report.checked, report.missing, report.stale, report.reenqueued) == (2, 0, 1, 1)
    relay_until_empty()
    dossier.refresh_from_db()
    assert held(npsp)[str(dossier.uuid)] == portal_state([dossier])[str(dossier.uuid)]
    assert held(npsp)[str(dossier.uuid)][0] == "in_progress"


def test_a_dossier_with_a_message_still_waiting_is_left_to_the_outbox(npsp, world):
    waiting, lost = submitted(world), received(world)
    relay_until_empty()
    npsp.reset()
    dossier_receive(dossier=waiting, officer=world.officer)  # its message is pending, not yet relayed
    dead = OutboxMessage.objects.filter(subject=str(lost.uuid)).order_by("-id").first()
    OutboxMessage.objects.filter(pk=dead.pk).update(status="dead", last_error="HTTP 400")
    before = OutboxMessage.objects.count()

    report = reconcile(**period())

    assert (report.checked, report.missing, report.reenqueued, report.skipped_pending) == (2, 2, 0, 2)
    assert OutboxMessage.objects.count() == before


def test_when_both_sides_agree_nothing_is_sent(npsp, world):
    submitted(world)
    received(world)
    relay_until_empty()
    before = OutboxMessage.objects.count()

    report = reconcile(**period())

    assert (report.checked, report.missing, report.stale, report.reenqueued, report.skipped_pending) == (2, 0, 0, 0, 0)
    assert report.held == 2
    assert OutboxMessage.objects.count() == before


def test_only_dossiers_whose_last_event_falls_in_the_period_are_checked(npsp, world):
    old, recent = received(world), received(world)
    relay_until_empty()
    npsp.reset()
    DossierEvent.objects.filter(dossier=old).update(at=timezone.now() - dt.timedelta(days=5))

    report = reconcile(**period())

    assert (report.checked, report.reenqueued) == (1, 1)
    relay_until_empty()
    assert set(held(npsp)) == {str(recent.uuid)}


def test_an_unreachable_npsp_fails_the_run_and_says_so(world, settings):
    settings.NPSP_URL = f"http://127.0.0.1:{free_port()}"
    settings.NPSP_TIMEOUT_SECONDS = 1
    received(world)
    before = OutboxMessage.objects.count()

    assert reconcile_run() is None

    [job] = Job.objects.filter(kind="npsp_reconcile")
    assert job.status == "failed" and "ConnectionError" in job.message
    assert OutboxMessage.objects.count() == before


def test_the_report_is_kept_on_a_job(npsp, world):
    received(world)
    relay_until_empty()
    npsp.reset()

    reconcile_run()

    [job] = Job.objects.filter(kind="npsp_reconcile")
    assert job.status == "succeeded"
    assert (job.result["checked"], job.result["missing"], job.result["reenqueued"]) == (1, 1, 1)


@pytest.mark.postgres_only
@pytest.mark.skipif(not os.environ.get("REDIS_URL"), reason="needs Redis (set REDIS_URL)")
@pytest.mark.django_db(transaction=True)
def test_beat_and_a_worker_reconcile_on_their_own(npsp, world, tmp_path, monkeypatch):
    processes = Celery(redis_url=os.environ["REDIS_URL"], tmp_path=tmp_path, environment=npsp_environment(npsp.url))
    processes.env["NPSP_RECONCILE_EVERY_SECONDS"] = "2"
    monkeypatch.setitem(celery_app.conf, "task_default_queue", processes.queue)
    try:
        dossiers = [received(world) for _ in range(3)]
        relay_until_empty()
        npsp.reset()
        processes.worker()
        processes.beat()
        wait_until(lambda: len(held(npsp)) == 3, timeout=45,
                   message="the NPSP was not refilled\n" + processes.logs())
        assert held(npsp) == portal_state(dossiers)
        assert Job.objects.filter(kind="npsp_reconcile", status="succeeded").exists()
    finally:
        processes.stop()
