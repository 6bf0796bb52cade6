# ruff: noqa: F811 - the documents tests' fixtures, imported by name
"""The exchange over the national document axis with every part a real process: the mock axis (its own
process and database), a Celery worker and beat over Redis on a queue of the test's own, PostgreSQL.
Documents are issued through the real services; from there on only the worker moves them: the relay that
beat and the commits kick, and beat's ``axis.pull``. A worker killed in the middle of a batch, or the axis
stopped while documents are issued, loses nothing and delivers nothing twice, in the order of issue; a
document the other province sends arrives on its own. Each test is bounded (well under a minute)."""

from __future__ import annotations

import os

import pytest

from axis.mock.organs import EXTERNAL
from axis.models import Connection, ReceivedMessage
from axis.receiving import PROGRESS
from documents.models import Document, DocumentEvent, DocumentType, Recipient
from documents.services import outgoing
from outbox.models import OutboxMessage
from portal.celery import app as celery_app
from tests.axis.conftest import GOVERNMENT_OFFICE, MINISTRY, NGHE_AN, free_port
from tests.documents.conftest import office, other_office  # noqa: F401 - fixtures
from tests.documents.outgoing_helpers import certified, outgoing_env, signed  # noqa: F401
from tests.processes import Celery, wait_until

pytestmark = [
    pytest.mark.postgres_only,
    pytest.mark.skipif(not os.environ.get("REDIS_URL"), reason="needs Redis (set REDIS_URL)"),
    pytest.mark.django_db(transaction=True),
]
OURS = "000.00.31.H01"  # the office's organ code (tests/documents/conftest.py)


@pytest.fixture
def letter_type(transactional_db) -> DocumentType:
    """Công văn; a transactional test may follow another that flushed the seeded kinds of document."""
    letter, _created = DocumentType.objects.get_or_create(code="cong-van", defaults={"name": "Công văn"})
    return letter


@pytest.fixture
def celery(axis_mock, outgoing_env, tmp_path, settings, monkeypatch):
    """Workers and beat (started by the test) that talk to the mock axis, with retries and reads every second."""
    processes = Celery(redis_url=os.environ["REDIS_URL"], tmp_path=tmp_path, environment={
        "AXIS_URL": axis_mock.url, "AXIS_SYSTEM_ID": axis_mock.system_id, "AXIS_SECRET": axis_mock.secret,
        "AXIS_TRUST_ANCHORS": str(axis_mock.ca_path), "AXIS_TIMEOUT_SECONDS": "5",
        "AXIS_RETRY_BASE_SECONDS": "0.2", "AXIS_RETRY_MAX_SECONDS": "1", "AXIS_PULL_EVERY_SECONDS": "1",
        "NPSP_RELAY_EVERY_SECONDS": "1",  # beat's outbox relay, which serves every destination
        "NPSP_URL": f"http://127.0.0.1:{free_port()}",  # no NPSP here: nothing listens there
    })
    settings.MEDIA_ROOT = processes.media_root  # the worker packs the files the services stored
    settings.CELERY_TASK_ALWAYS_EAGER = False  # outgoing_env runs tasks in this process; here the worker does
    monkeypatch.setitem(celery_app.conf, "task_default_queue", processes.queue)
    yield processes
    processes.stop()


def issue(office, letter_type, *organs: str, subject: str) -> Document:
    recipients = [outgoing.RecipientSpec(external_name=EXTERNAL[organ], external_organ_id=organ) for organ in organs]
    document = signed(office, letter_type, to=recipients, subject=subject)
    return outgoing.outgoing_number_and_issue(document=document, actor=office.clerk)


def document_id(document: Document) -> str:
    return f"{OURS},{document.issued_date:%Y/%m/%d},{document.number_display}"


def packages(mock, organ: str) -> list[str]:
    """The DocumentIds of the packages ``organ`` received, in the order they reached its mailbox."""
    return [m["document_id"] for m in mock.received(organ)["messages"] if m["type"] == "edoc"]


def undelivered() -> int:
    return OutboxMessage.objects.exclude(status=OutboxMessage.Status.DELIVERED).count()


def all_done() -> bool:
    return not Recipient.objects.exclude(status=Recipient.Status.DONE).exists()


def trail(document: Document) -> list[str]:
    return [event.data["to"] for event in document.events.filter(kind=DocumentEvent.Kind.RECIPIENT_STATUS)
            .order_by("id")]


def test_a_worker_killed_mid_batch_sends_each_document_to_the_ministry_once(certified, letter_type, axis_mock,
                                                                            celery):
    office = certified
    issued = [issue(office, letter_type, MINISTRY, subject=f"Báo cáo số {n} về vận hành chính quyền hai cấp")
              for n in range(5)]
    assert OutboxMessage.objects.count() == 5
    axis_mock.faults(latency_ms=500)  # every call takes 0.5 s: the batch of five is in flight for seconds
    doomed = celery.worker()
    celery.beat()
    wait_until(lambda: axis_mock.stats()["accepted"] >= 2, timeout=30, message=celery.logs)
    Celery.kill(doomed)
    assert axis_mock.stats()["accepted"] < 5  # killed in the middle of the batch
    assert not OutboxMessage.objects.filter(status=OutboxMessage.Status.DELIVERED).exists()  # rolled back

    axis_mock.faults(clear=True)
    celery.worker()
    wait_until(lambda: undelivered() == 0 and all_done(), timeout=30,
               message=lambda: f"{undelivered()} undelivered\n" + celery.logs())
    assert packages(axis_mock, MINISTRY) == [document_id(d) for d in issued]  # each once, in order of issue
    stats = axis_mock.stats()
    # What the killed batch had posted came again under the same keys: counted, not delivered again.
    assert stats["accepted"] == 5 and stats["duplicates"] >= 2
    for document in issued:  # each status shown once, never backwards
        steps = trail(document)
        assert steps[-1] == Recipient.Status.DONE and steps == sorted(set(steps), key=PROGRESS.index)


def test_the_axis_stopped_while_documents_are_issued_then_started_delivers_all_once_in_order(
        certified, letter_type, axis_mock, celery):
    office = certified
    celery.worker()
    celery.beat()
    wait_until(lambda: Connection.objects.filter(agency=office.agency, last_pull_at__isnull=False).exists(),
               timeout=30, message=lambda: "beat never read the mailboxes\n" + celery.logs())
    axis_mock.stop()
    plan = [(MINISTRY,), (MINISTRY, GOVERNMENT_OFFICE), (GOVERNMENT_OFFICE,), (MINISTRY,),
            (GOVERNMENT_OFFICE, MINISTRY)]
    issued = [(issue(office, letter_type, *organs, subject=f"Công văn số {n} khi trục ngừng hoạt động"), organs)
              for n, organs in enumerate(plan)]
    wait_until(lambda: OutboxMessage.objects.filter(attempts__gte=2).exists(), timeout=20,
               message=lambda: "no attempt while the axis was stopped\n" + celery.logs())
    assert not OutboxMessage.objects.filter(status=OutboxMessage.Status.DELIVERED).exists()
    assert set(Recipient.objects.values_list("status", flat=True)) == {Recipient.Status.PENDING}

    axis_mock.start()
    wait_until(lambda: undelivered() == 0 and all_done(), timeout=30,
               message=lambda: f"{undelivered()} undelivered, "
               f"{list(Recipient.objects.values_list('status', flat=True))}\n" + celery.logs())
    for organ in (MINISTRY, GOVERNMENT_OFFICE):
        assert packages(axis_mock, organ) == [document_id(d) for d, organs in issued if organ in organs]
    assert axis_mock.stats()["duplicates"] == 0  # nothing reached the stopped axis, so nothing came twice
    for document, _organs in issued:
        for recipient in document.recipients.all():
            assert recipient.status == Recipient.Status.DONE, (document, recipient)


def test_a_document_from_another_province_arrives_through_beats_pull(certified, letter_type, axis_mock, celery):
    office = certified
    celery.worker()
    celery.beat()
    sent = axis_mock.send(NGHE_AN, OURS, subject="Về việc phối hợp quản lý địa giới hành chính", code_number="88",
                          code_notation="UBND-NC")
    document = wait_until(lambda: Document.objects.filter(agency=office.agency, channel=Document.Channel.AXIS).first(),
                          timeout=30, message=lambda: "nothing arrived\n" + celery.logs())
    assert (document.direction, document.state) == (Document.Direction.INCOMING, Document.State.ARRIVED)
    assert document.number_display == "88/UBND-NC" and document.organ_name == EXTERNAL[NGHE_AN]
    assert ReceivedMessage.objects.get(document=document).edxml_id == sent["document_id"]
    # Acknowledged once stored: the acknowledgement follows the commit, so it may land a moment after the row.
    wait_until(lambda: axis_mock.mailbox(OURS) == [], timeout=10, message=lambda: f"still listed: {axis_mock.mailbox(OURS)}")

    def heard():
        return [m["status_code"] for m in axis_mock.received(NGHE_AN)["messages"] if m["type"] == "status"]

    wait_until(lambda: heard() == ["01"], timeout=20, message=lambda: f"Nghệ An heard {heard()}\n" + celery.logs())
