"""Escalation of overdue petitions: to the agency's leaders once the next deadline has passed, to the provincial
admins FEEDBACK_ESCALATE_ADMIN_DAYS working days later; each rise once — also with two beat workers at the same
moment (real concurrent transactions on PostgreSQL) — recorded and e-mailed."""

import datetime as dt
import threading
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core import mail
from django.db import connection

from feedback.models import Petition, PetitionEvent
from feedback.services import petitions_escalate
from portal.celery import app
from tests.feedback.factories import filed, make_feedback_world

HCM = ZoneInfo("Asia/Ho_Chi_Minh")


@pytest.fixture
def eager(monkeypatch):
    monkeypatch.setitem(app.conf, "task_always_eager", True)


@pytest.mark.django_db
def test_an_overdue_petition_rises_to_the_leaders_then_to_the_admins_once_each(world, eager, settings,
                                                                              django_capture_on_commit_callbacks):
    settings.FEEDBACK_ESCALATE_ADMIN_DAYS = 2
    world.admin.email = "quantri@example.vn"
    world.admin.save()
    with time_machine.travel(dt.datetime(2026, 3, 2, 9, 0, tzinfo=HCM), tick=False):
        petition = filed(world)  # to classify by Monday 9 March, 17:00 (5 working days)
        assert petitions_escalate() == 0
    mail.outbox.clear()
    with (time_machine.travel(dt.datetime(2026, 3, 10, 8, 0, tzinfo=HCM), tick=False),
          django_capture_on_commit_callbacks(execute=True)):
        assert petitions_escalate() == 1
        assert petitions_escalate() == 0  # once
    petition.refresh_from_db()
    assert petition.escalation_level == 1
    [leaders] = mail.outbox
    assert leaders.to == ["khanh@example.vn"]  # the centre's leader, not the department's
    assert petition.code in leaders.subject
    with time_machine.travel(dt.datetime(2026, 3, 11, 17, 30, tzinfo=HCM), tick=False):
        assert petitions_escalate() == 0  # not two working days yet
    with (time_machine.travel(dt.datetime(2026, 3, 12, 17, 30, tzinfo=HCM), tick=False),
          django_capture_on_commit_callbacks(execute=True)):
        assert petitions_escalate() == 1
        assert petitions_escalate() == 0
    petition.refresh_from_db()
    assert petition.escalation_level == 2
    assert mail.outbox[-1].to == ["quantri@example.vn"]
    events = PetitionEvent.objects.filter(petition=petition, kind=PetitionEvent.Kind.ESCALATED)
    assert [e.data["level"] for e in events] == [1, 2]


@pytest.mark.django_db
def test_waiting_for_the_citizen_and_done_petitions_never_rise(world):
    from feedback.services import petition_refuse, petition_request_info

    with time_machine.travel(dt.datetime(2026, 3, 2, 9, 0, tzinfo=HCM), tick=False):
        waiting, done = filed(world), filed(world)
        petition_request_info(petition=waiting, actor=world.centre_officer, request="Xin bổ sung ảnh chụp.")
        petition_refuse(petition=done, actor=world.centre_officer, reason="Đơn trùng.")
    with time_machine.travel(dt.datetime(2026, 6, 1, 9, 0, tzinfo=HCM), tick=False):
        assert petitions_escalate() == 0


@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True)
def test_two_beat_workers_at_the_same_moment_escalate_each_petition_once(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    world = make_feedback_world()
    with time_machine.travel(dt.datetime(2026, 3, 2, 9, 0, tzinfo=HCM), tick=False):
        petitions = [filed(world) for _ in range(6)]
    barrier, counts = threading.Barrier(2), []

    def worker():
        try:
            with time_machine.travel(dt.datetime(2026, 3, 10, 8, 0, tzinfo=HCM), tick=False):
                barrier.wait(timeout=30)
                counts.append(petitions_escalate())
        finally:
            connection.close()

    threads = [threading.Thread(target=worker) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)
    assert sum(counts) == 6
    assert PetitionEvent.objects.filter(kind=PetitionEvent.Kind.ESCALATED).count() == 6
    assert set(Petition.objects.filter(pk__in=[p.pk for p in petitions]).values_list("escalation_level",
                                                                                     flat=True)) == {1}
