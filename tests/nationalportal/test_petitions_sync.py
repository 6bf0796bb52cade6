"""Petitions (phản ánh, kiến nghị) reach the national PAKN system on the real mock NPSP over HTTP: each
event in order with its national status, once however often it is sent, after the NPSP comes back, or as a
dead letter when refused; reconciliation sends again what the NPSP lacks or holds older; the outbox page
counts them. Last, the mock's own contract for petitions."""

import re
import uuid

import pytest
from django.urls import reverse
from django.utils import timezone

from feedback.events import NATIONAL_STATUS
from feedback.services import petition_propose_answer
from nationalportal import client
from nationalportal.mock.server import NATIONAL_STATUSES
from nationalportal.reconcile import reconcile
from outbox.models import OutboxMessage
from outbox.relay import relay_batch, relay_until_empty
from outbox.services import outbox_resend
from tests.dossiers.factories import received
from tests.feedback.factories import answered, filed, in_progress, make_feedback_world
from tests.nationalportal.test_reconcile import period

pytestmark = pytest.mark.django_db
PETITION = OutboxMessage.Topic.PETITION_EVENT


@pytest.fixture
def world(db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return make_feedback_world()


def due_now():
    OutboxMessage.objects.filter(status="pending").update(next_attempt_at=timezone.now())


def held(npsp, petition) -> dict | None:
    found = npsp.get(f"/v1/petitions?code={petition.code}")["petitions"]
    return found[0] if found else None


def test_a_petitions_events_reach_the_npsp_in_order_with_their_national_statuses(npsp, world):
    petition = answered(world)  # filed, classified, answer proposed, approved and published
    events = list(petition.events.order_by("id"))
    assert [e.kind for e in events][0] == "submitted" and events[-1].kind == "published"

    seen = []
    for _ in events:  # one message of a petition a batch: each is applied before the next leaves
        relay_batch()
        seen.append((held(npsp, petition)["national_status"], held(npsp, petition)["sequence"]))

    assert seen == [(NATIONAL_STATUS[e.to_state], e.pk) for e in events]
    assert seen[0][0] == "Tiếp nhận ở địa phương" and seen[-1][0] == "PAKN đã công khai"
    last = held(npsp, petition)
    assert (last["petition_id"], last["state"], last["published"]) == (str(petition.uuid), "published", True)
    assert last["agency_code"] == petition.agency.code
    stats = npsp.stats()
    assert (stats["petitions"], stats["petitions_published"], stats["out_of_order"]) == (1, 1, 0)
    assert not OutboxMessage.objects.exclude(status="delivered").exists()


def test_a_petition_message_sent_twice_is_applied_once(npsp, world):
    petition = in_progress(world)
    relay_until_empty()
    applied = npsp.stats()["applied"]
    OutboxMessage.objects.update(status="pending", delivered_at=None)  # as if the acks were lost

    relay_until_empty()

    stats = npsp.stats()
    assert (stats["applied"], stats["duplicates"]) == (applied, OutboxMessage.objects.count())
    assert held(npsp, petition)["state"] == "in_progress"


def test_while_the_npsp_is_down_petitions_wait_and_are_delivered_when_it_is_back(npsp, world):
    npsp.admin(down_for_seconds=60)
    petition = filed(world)

    first = relay_batch()

    message = OutboxMessage.objects.get(topic=PETITION)
    assert first.delivered == 0 and (message.status, message.attempts) == ("pending", 1)
    assert message.last_error.startswith("HTTP 503")
    npsp.admin(clear=True)
    due_now()
    relay_until_empty()
    message.refresh_from_db()
    assert message.status == "delivered"
    assert held(npsp, petition)["national_status"] == "Tiếp nhận ở địa phương"


def test_a_petition_message_that_keeps_failing_becomes_a_dead_letter(npsp, world, settings):
    settings.NPSP_MAX_ATTEMPTS = 2
    npsp.admin(error_rate=1.0)
    filed(world)
    relay_batch()
    due_now()
    relay_batch()
    message = OutboxMessage.objects.get(topic=PETITION)
    assert (message.status, message.attempts) == ("dead", 2)


def test_a_refused_petition_message_is_a_dead_letter_that_holds_back_only_its_petition(npsp, world):
    bad, good = in_progress(world), filed(world)
    submitted = OutboxMessage.objects.filter(subject=str(bad.uuid)).order_by("id").first()
    submitted.payload = {**submitted.payload, "code": ""}
    submitted.save()

    relay_until_empty()

    submitted.refresh_from_db()
    assert submitted.status == "dead" and "code is missing" in submitted.last_error
    assert OutboxMessage.objects.filter(subject=str(bad.uuid), status="pending").exists()  # waits behind it
    assert held(npsp, bad) is None and held(npsp, good)["state"] == "received"

    submitted.payload = {**submitted.payload, "code": bad.code}  # mended, then resent by an admin
    submitted.save()
    outbox_resend(messages=OutboxMessage.objects.filter(pk=submitted.pk), actor=world.admin)
    relay_until_empty()
    assert held(npsp, bad)["state"] == "in_progress"


def test_reconciliation_sends_again_the_petitions_the_npsp_lacks_or_holds_older(npsp, world):
    dossier, older = received(world), in_progress(world)
    relay_until_empty()
    lost = filed(world)
    petition_propose_answer(petition=older, actor=world.centre_officer, answer="Trung tâm đã kiểm tra và trả lời.")
    # As if their messages had been marked delivered without the NPSP ever applying them.
    OutboxMessage.objects.filter(status="pending").update(status="delivered", delivered_at=timezone.now())
    waiting = filed(world)  # its message is still in the outbox: left to the relay
    messages = OutboxMessage.objects.count()

    report = reconcile(**period())

    tally = report.petitions
    assert (tally.held, tally.checked, tally.missing, tally.stale) == (1, 3, 2, 1)
    assert (tally.reenqueued, tally.skipped_pending) == (2, 1)
    assert (report.checked, report.missing, report.stale, report.reenqueued) == (1, 0, 0, 0)  # the dossier
    assert OutboxMessage.objects.count() == messages + 2
    relay_until_empty()
    for petition in (lost, older, waiting):
        last = petition.events.order_by("-id").first()
        assert (held(npsp, petition)["state"], held(npsp, petition)["sequence"]) == (last.to_state, last.pk)
    assert held(npsp, older)["state"] == "answer_proposed"
    assert dossier.code


def test_the_outbox_page_counts_petitions_by_topic_and_as_the_npsp_holds_them(client, npsp, world):
    delivered, dead, waiting = filed(world), filed(world), filed(world)
    OutboxMessage.objects.filter(subject=str(dead.uuid)).update(status="dead", attempts=1, last_error="HTTP 400")
    OutboxMessage.objects.filter(subject=str(waiting.uuid)).update(next_attempt_at=timezone.now().replace(year=2099))
    relay_until_empty()
    client.force_login(world.admin)
    client.cookies["django_language"] = "en"

    html = client.get(reverse("nationalportal:outbox")).content.decode()

    row = re.search(r'<th scope="row">Petition progress</th><td>(\d+)</td><td>(\d+)</td><td[^>]*>(\d+)</td>', html)
    assert row and row.groups() == ("1", "1", "1")  # waiting, delivered in 24 hours, dead
    assert re.search(r"<dt>Petitions held</dt><dd>1</dd>", html)
    assert dead.code in html  # the dead letter names its petition by its code
    assert delivered.code not in html


# The mock's contract for petitions, asked directly with signed requests.

def message(**overrides) -> dict:
    values = {"key": str(uuid.uuid4()), "petition_id": "p-1", "code": "PAKN-250701-0001", "sequence": 10,
              "state": "received", "national_status": "Tiếp nhận ở địa phương", "at": "2025-07-01T03:00:00+00:00",
              "agency_code": "000.00.01.H49", "klass": ""}
    return {**values, **overrides}


def test_the_mock_knows_every_national_status_the_portal_reports():
    assert set(NATIONAL_STATUS.values()) <= NATIONAL_STATUSES


def test_the_mock_keeps_a_petition_moving_only_forward_and_checks_what_it_is_sent(npsp):
    newer = message(sequence=20, state="in_progress", national_status="Xử lý ở địa phương",
                    at="2025-07-02T03:00:00+00:00")
    results = client.send_batch("/v1/petitions:batch", [
        newer, message(),  # the older one arrives second
        message(code=""), message(national_status="Đang xử lý"),
        message(state="published", national_status="PAKN đã công khai", sequence=30),
        message(state="published", national_status="PAKN đã công khai", sequence=30, answer="Đã trả lời.",
                published_at="2025-07-03T03:00:00+00:00", at="2025-07-03T03:00:00+00:00", petition_id="p-2"),
    ])

    assert [r["status"] for r in results] == ["applied", "applied", "rejected", "rejected", "rejected", "applied"]
    assert "code" in results[2]["error"] and "national PAKN" in results[3]["error"]
    assert "answer is missing" in results[4]["error"]
    [first] = npsp.get("/v1/petitions?code=PAKN-250701-0001&updated_to=2025-07-03T00:00:00%2B00:00")["petitions"]
    assert (first["petition_id"], first["state"], first["sequence"], first["published"]) == (
        "p-1", "in_progress", 20, False)
    assert [p["petition_id"] for p in npsp.get("/v1/petitions?updated_from=2025-07-03T00:00:00%2B00:00")
            ["petitions"]] == ["p-2"]
    stats = npsp.stats()
    assert (stats["out_of_order"], stats["rejected"], stats["petitions"], stats["petitions_published"]) == (
        1, 3, 2, 1)
    assert [r["status"] for r in client.send_batch("/v1/petitions:batch", [newer])] == ["duplicate"]
