"""Appendix VI III.5.b: the system tells of work files due for deposit 30 days before, once (a beat task)."""

import datetime as dt

import pytest
import time_machine
from django.conf import settings
from django.core import mail

from documents import tasks
from documents.models import WorkFile
from documents.services import workfiles as services
from tests.documents.cast import media  # noqa: F401 (fixture)

pytestmark = [pytest.mark.django_db(transaction=False), pytest.mark.usefixtures("media")]


@pytest.fixture
def closed(office, django_capture_on_commit_callbacks):
    office.clerk.email, office.head.email = "vanthu@tanhoa.gov.vn", "truongphong@tanhoa.gov.vn"
    office.clerk.save()
    office.head.save()
    with time_machine.travel(dt.datetime(2026, 3, 1, 9, tzinfo=dt.UTC)):
        work_file = services.workfile_open(user=office.head, notation="VX.03", title="Hồ sơ khen thưởng năm 2025",
                                           maintenance="20 năm", unit=office.culture, start_date=dt.date(2026, 1, 5))
        services.workfile_close(work_file=work_file, user=office.head, end_date=dt.date(2026, 2, 27))
    work_file.refresh_from_db()
    assert work_file.deposit_due == dt.date(2027, 2, 27)
    return work_file


def remind_on(day: dt.date, capture) -> int:
    with time_machine.travel(dt.datetime.combine(day, dt.time(1, 0), tzinfo=dt.UTC)), capture(execute=True):
        return tasks.remind_deposit()


def test_the_reminder_goes_once_30_days_before_the_deposit_is_due(closed, django_capture_on_commit_callbacks):
    assert "documents-deposit-reminders" in settings.CELERY_BEAT_SCHEDULE
    assert remind_on(dt.date(2027, 1, 27), django_capture_on_commit_callbacks) == 0  # 31 days before
    assert mail.outbox == []
    assert remind_on(dt.date(2027, 1, 28), django_capture_on_commit_callbacks) == 1  # 30 days before
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert sorted(message.to) == ["truongphong@tanhoa.gov.vn", "vanthu@tanhoa.gov.vn"]
    assert message.subject == "Hồ sơ 000.00.31.H01.2026.VX.03 đến hạn nộp lưu vào Lưu trữ cơ quan ngày 27/02/2027"
    assert "Hồ sơ khen thưởng năm 2025" in message.body and "01 năm kể từ ngày công việc kết thúc" in message.body
    assert f"/documents/work-files/{closed.uuid}/" in message.body
    assert WorkFile.objects.get(pk=closed.pk).deposit_reminded_at is not None
    for day in (dt.date(2027, 1, 29), dt.date(2027, 2, 27), dt.date(2027, 3, 30)):
        assert remind_on(day, django_capture_on_commit_callbacks) == 0
    assert len(mail.outbox) == 1


def test_a_reopened_and_closed_again_file_is_reminded_again_and_a_deposited_one_never(
        office, closed, django_capture_on_commit_callbacks):
    assert remind_on(dt.date(2027, 2, 1), django_capture_on_commit_callbacks) == 1
    with time_machine.travel(dt.datetime(2027, 2, 2, 9, tzinfo=dt.UTC)):
        services.workfile_reopen(work_file=closed, user=office.clerk)
        services.workfile_close(work_file=closed, user=office.clerk, end_date=dt.date(2027, 2, 2))
    assert remind_on(dt.date(2028, 1, 3), django_capture_on_commit_callbacks) == 1
    with time_machine.travel(dt.datetime(2028, 1, 4, 9, tzinfo=dt.UTC)):
        services.workfile_deposit(work_file=closed, user=office.clerk)
    WorkFile.objects.filter(pk=closed.pk).update(deposit_reminded_at=None)
    assert remind_on(dt.date(2028, 1, 10), django_capture_on_commit_callbacks) == 0
    assert len(mail.outbox) == 2


def test_an_open_file_is_never_reminded(office, django_capture_on_commit_callbacks):
    services.workfile_open(user=office.clerk, notation="01", title="Hồ sơ đang lập", maintenance="05 năm")
    assert remind_on(dt.date(2040, 1, 1), django_capture_on_commit_callbacks) == 0
