"""The daily report kept once a day, on schedule on working days, read by whom it is for, sent through the
notifications' outbox and registered as an outgoing document draft of the issuing office."""

from __future__ import annotations

import datetime as dt

import pytest
from celery.schedules import crontab
from django.core import mail
from django.urls import reverse

from documents.models import Document
from notifications.models import Notification
from reports.daily.models import DailyReport
from reports.daily.services import daily_report_build, daily_report_scheduled
from reports.errors import ReportError, ReportErrorCode
from tests.reports.world import BUILT, DAY, HCM, at, dossier
from units.calendar import calendar_cache_invalidate
from units.models import CalendarDay

pytestmark = pytest.mark.django_db


def test_one_report_a_day_the_scheduled_run_skips_and_build_now_replaces(world):
    first = daily_report_build(day=DAY, now=BUILT, replace=False, send=False)
    first_pdf = first.pdf.name
    assert daily_report_build(day=DAY, now=BUILT, replace=False, send=False) is None
    assert DailyReport.objects.count() == 1

    dossier(world, received=at(8, 16), due=at(11, 17))
    again = daily_report_build(day=DAY, now=BUILT, actor=world.admin, send=False)
    assert again.pk == first.pk and again.version == 2 and again.built_by == world.admin
    assert again.figures["dossiers"]["total"]["received_day"] == 1
    assert DailyReport.objects.count() == 1
    assert again.pdf.name != first_pdf and again.pdf.storage.exists(again.pdf.name)


def test_the_old_files_go_once_the_new_ones_are_kept(world, django_capture_on_commit_callbacks):
    first = daily_report_build(day=DAY, now=BUILT, send=False)
    storage, old = first.pdf.storage, first.pdf.name
    with django_capture_on_commit_callbacks(execute=True):
        daily_report_build(day=DAY, now=BUILT, send=False)
    assert not storage.exists(old)


def test_no_report_for_a_day_to_come(world):
    with pytest.raises(ReportError) as error:
        daily_report_build(day=DAY + dt.timedelta(days=1), now=BUILT)
    assert error.value.code == ReportErrorCode.DAILY_FUTURE_DAY


def test_the_beat_runs_it_every_day_at_the_configured_hour(settings):
    entry = settings.CELERY_BEAT_SCHEDULE["reports-daily"]
    assert entry["task"] == "reports.daily_report"
    assert isinstance(entry["schedule"], crontab)
    assert entry["schedule"].hour == {settings.REPORTS_DAILY_HOUR} == {17}
    assert entry["schedule"].minute == {0}
    from portal.celery import app
    from reports import tasks  # noqa: F401 - Celery's autodiscovery imports it in a worker

    assert "reports.daily_report" in app.tasks


def test_the_scheduled_run_skips_rest_days_and_holidays_but_not_a_swapped_saturday(world):
    saturday = dt.datetime(2026, 12, 12, 17, 0, tzinfo=HCM)
    assert daily_report_scheduled(now=saturday) is None
    new_year = dt.datetime(2027, 1, 1, 17, 0, tzinfo=HCM)  # a Friday, and a public holiday
    assert CalendarDay.objects.filter(date=new_year.date(), kind=CalendarDay.Kind.HOLIDAY).exists()
    assert daily_report_scheduled(now=new_year) is None
    assert not DailyReport.objects.exists()

    CalendarDay.objects.create(date=saturday.date(), kind=CalendarDay.Kind.WORKING_DAY, name="Làm bù")
    calendar_cache_invalidate()
    report = daily_report_scheduled(now=saturday)
    assert report.day == saturday.date()
    assert daily_report_scheduled(now=saturday + dt.timedelta(minutes=5)) is None
    assert DailyReport.objects.count() == 1


def test_the_task_builds_todays_report(world, time_machine):
    from reports.daily.tasks import daily_report

    time_machine.move_to(BUILT, tick=False)
    pk = daily_report()
    assert DailyReport.objects.get(pk=pk).day == DAY
    assert daily_report() is None


def test_it_is_emailed_through_the_notifications_outbox_once_a_build(world, settings):
    settings.REPORTS_DAILY_RECIPIENTS = ["ubnd@example.gov.vn", "VP@example.gov.vn"]
    report = daily_report_build(day=DAY, now=BUILT)
    sent = Notification.objects.filter(channel="email").order_by("email")
    assert [n.email for n in sent] == ["ubnd@example.gov.vn", "vp@example.gov.vn"]
    assert all(n.state == Notification.State.PENDING for n in sent)  # the notifications' worker sends them
    assert mail.outbox == []  # never sent directly
    message = sent[0]
    assert message.subject == "Báo cáo tình hình hồ sơ thủ tục hành chính ngày 08/12/2026"
    assert f"{settings.SITE_URL}/reports/daily/2026-12-08/pdf/" in message.text
    assert "Từ đầu tháng đến nay" in message.text
    assert [item["email"] for item in report.sent_to] == ["ubnd@example.gov.vn", "vp@example.gov.vn"]

    report.refresh_from_db()
    from reports.daily.services import daily_report_send

    assert daily_report_send(report=report) == []  # the same build is not sent twice
    daily_report_build(day=DAY, now=BUILT, send=False)
    assert Notification.objects.count() == 2
    daily_report_build(day=DAY, now=BUILT, send=True)
    assert Notification.objects.count() == 4
    assert len(DailyReport.objects.get().sent_to) == 4


def test_without_configured_recipients_the_readers_with_an_address_get_it(world):
    daily_report_build(day=DAY, now=BUILT)
    addresses = set(Notification.objects.values_list("email", flat=True))
    assert addresses == {"quantri@example.gov.vn", "lan@example.gov.vn", "chutich@example.gov.vn"}


def test_it_is_registered_as_an_outgoing_document_draft_of_the_office(world):
    report = daily_report_build(day=DAY, now=BUILT, send=False)
    document = report.document
    assert document.direction == Document.Direction.OUTGOING and document.state == Document.State.DRAFT
    assert document.agency == world.office and document.signer == world.office_leader
    assert document.created_by == world.office_clerk and document.document_type.code == "bao-cao"
    assert document.subject == "Tình hình tiếp nhận, giải quyết hồ sơ thủ tục hành chính ngày 08/12/2026"
    assert [r.agency for r in document.recipients.all()] == [world.committee]
    again = daily_report_build(day=DAY, now=BUILT, send=False)
    assert again.document == document and Document.objects.filter(direction="outgoing").count() == 1
    assert document.files.count() == 2  # a new version of the draft


def test_without_a_clerk_the_report_is_kept_without_a_document(world):
    world.office_clerk.delete()
    report = daily_report_build(day=DAY, now=BUILT, send=False)
    assert report.document is None and report.pdf


PAGE = "/reports/daily/"


@pytest.mark.parametrize("who,status", [
    ("admin", 200), ("office_leader", 200), ("committee_leader", 200),
    ("other_leader", 403), ("specialist", 403), ("office_clerk", 403), ("citizen", 403),
])
def test_who_reads_the_history(world, client, who, status):
    report = daily_report_build(day=DAY, now=BUILT, send=False)
    client.force_login(getattr(world, who))
    assert client.get(PAGE).status_code == status
    response = client.get(reverse("reports:daily_file", args=["2026-12-08", "pdf"]))
    assert response.status_code == status
    if status == 200:
        assert response["Content-Type"] == "application/pdf"
        assert b"".join(response.streaming_content) == report.pdf.open("rb").read()
        assert 'filename="bao-cao-ngay-2026-12-08.pdf"' in response["Content-Disposition"]


def test_anonymous_visitors_are_sent_to_log_in(world, client):
    response = client.get(PAGE)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_the_history_lists_every_report_with_its_files_and_recipients(world, client, settings,
                                                                     django_assert_max_num_queries):
    settings.REPORTS_DAILY_RECIPIENTS = ["ubnd@example.gov.vn"]
    for day in (DAY - dt.timedelta(days=1), DAY - dt.timedelta(days=4), DAY):
        daily_report_build(day=day, now=BUILT)
    client.force_login(world.office_leader)
    with django_assert_max_num_queries(14):
        response = client.get(PAGE)
    page = response.content.decode()
    for day in ("2026-12-08", "2026-12-07", "2026-12-04"):
        assert f"/reports/daily/{day}/pdf/" in page and f"/reports/daily/{day}/xlsx/" in page
    assert page.count("ubnd@example.gov.vn") == 3
    assert "Dựng báo cáo" not in page  # a leader reads; only an admin builds
    assert '<figure class="chart">' in page and "Xem số liệu dạng bảng" in page


def test_an_admin_builds_a_report_now(world, client):
    client.force_login(world.admin)
    page = client.get(PAGE).content.decode()
    assert 'value="2026-12-07"' in page or "type=\"date\"" in page
    response = client.post(reverse("reports:daily_build"), {"day": "2026-12-07"}, follow=True)
    assert response.status_code == 200
    report = DailyReport.objects.get()
    assert report.day == dt.date(2026, 12, 7) and report.built_by == world.admin and report.sent_to == []
    assert "Đã lập báo cáo ngày 07/12/2026." in response.content.decode()


def test_a_leader_may_not_build(world, client):
    client.force_login(world.office_leader)
    assert client.post(reverse("reports:daily_build"), {"day": "2026-12-07"}).status_code == 403
    assert not DailyReport.objects.exists()
