"""Reminders of handling deadlines: an e-mail to the handler a working day before the deadline and one once
it has passed, each sent once, by the beat task (documents.tasks.remind_deadlines)."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings as django_settings
from django.core import mail
from django.utils import translation

from documents import tasks
from documents.models import Document
from documents.services.handling import DirectionLine, incoming_assign, incoming_complete, incoming_direct
from documents.services.incoming import incoming_register
from tests.documents.incoming_helpers import send
from units.calendar import calendar_cache_invalidate
from units.services import calendar_seed

HCM = ZoneInfo("Asia/Ho_Chi_Minh")


@pytest.fixture(autouse=True)
def _setup(db, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    calendar_seed(years=[2026])
    calendar_cache_invalidate()
    with translation.override("en"):
        yield
    calendar_cache_invalidate()


def at(day, hour=8):
    return dt.datetime(2026, 2, day, hour, 0, tzinfo=HCM)


def run(time_machine, moment, django_capture_on_commit_callbacks):
    time_machine.move_to(moment, tick=False)
    with django_capture_on_commit_callbacks(execute=True):
        return tasks.remind_deadlines()


@pytest.fixture
def directed(office, other_office, time_machine):
    """Directed on Tuesday 10 February 2026: the culture unit leads, due in 3 working days (Friday 13)."""
    for user in (office.head, office.specialist, office.other):
        user.email = f"{user.username}@tanhoa.example.vn"
        user.save(update_fields=["email"])
    time_machine.move_to(at(10, 9), tick=False)
    document = incoming_register(document=send(other_office, office, subject="Về việc kiểm tra an toàn thực phẩm"),
                                 clerk=office.clerk)
    return incoming_direct(document=document, actor=office.leader, note="", lines=[
        DirectionLine(role="lead", unit=office.culture, days=3),
        DirectionLine(role="inform", user=office.other)])


def test_the_unit_head_is_reminded_once_the_working_day_before_and_once_when_overdue(
        office, directed, time_machine, django_capture_on_commit_callbacks):
    assert directed.due_date == dt.date(2026, 2, 13)
    assert run(time_machine, at(11), django_capture_on_commit_callbacks) == 0  # two working days ahead
    assert run(time_machine, at(12), django_capture_on_commit_callbacks) == 1  # Thursday: due tomorrow
    message = mail.outbox[0]
    assert message.to == [office.head.email]
    assert "Sắp đến hạn giải quyết" in message.subject and "13/02/2026" in message.body
    assert "kiểm tra an toàn thực phẩm" in message.body and django_settings.SITE_URL in message.body
    assert run(time_machine, at(12, 15), django_capture_on_commit_callbacks) == 0  # not twice
    assert run(time_machine, at(13), django_capture_on_commit_callbacks) == 0
    # Tết: Monday 16 February the deadline has passed.
    assert run(time_machine, at(16), django_capture_on_commit_callbacks) == 1
    assert "Quá hạn" in mail.outbox[1].subject
    assert run(time_machine, at(23), django_capture_on_commit_callbacks) == 0
    assert len(mail.outbox) == 2  # the one for information is never chased


def test_once_passed_on_the_official_is_reminded_not_the_head_and_a_done_part_never(
        office, directed, time_machine, django_capture_on_commit_callbacks):
    incoming_assign(document=directed, head=office.head, assignment=directed.assignments.get(role="lead"),
                    user=office.specialist)
    assert run(time_machine, at(12), django_capture_on_commit_callbacks) == 1
    assert mail.outbox[0].to == [office.specialist.email]
    time_machine.move_to(at(13, 10), tick=False)
    incoming_complete(document=directed, actor=office.specialist, result="Đã kiểm tra.")
    assert Document.objects.get(pk=directed.pk).state == "done"
    assert run(time_machine, at(16), django_capture_on_commit_callbacks) == 0


def test_a_secret_documents_subject_stays_out_of_the_email(office, other_office, time_machine,
                                                           django_capture_on_commit_callbacks):
    office.specialist.email = "chuyenvien@tanhoa.example.vn"
    office.specialist.save(update_fields=["email"])
    time_machine.move_to(at(10, 9), tick=False)
    document = incoming_register(document=send(other_office, office, secrecy=1, subject="Kế hoạch bảo vệ bí mật"),
                                 clerk=office.clerk)
    incoming_direct(document=document, actor=office.leader, note="", lines=[
        DirectionLine(role="lead", user=office.specialist, days=1)])
    assert run(time_machine, at(11), django_capture_on_commit_callbacks) == 1
    assert "bí mật" not in mail.outbox[0].body and "Văn bản mật" in mail.outbox[0].body
