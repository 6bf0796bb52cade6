"""seed_demo leaves the previous working day's daily report in the history, as PDF and Excel, once."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine

from reports.daily.models import DailyReport
from tests.demo.conftest import run_seed
from tests.reports.world import HCM

pytestmark = pytest.mark.django_db


@pytest.fixture
def daily_demo(monkeypatch, settings, tmp_path):
    from demo import reports

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.MEDIA_ROOT = tmp_path / "media"
    monkeypatch.setattr("demo.services.demo_daily_report_load", reports.demo_daily_report_load)


def test_the_demo_has_yesterdays_report_once(daily_demo, django_assert_max_num_queries):
    # Monday 7 December 2026, morning: the previous working day is Friday the 4th.
    with time_machine.travel(dt.datetime(2026, 12, 7, 8, 0, tzinfo=HCM), tick=False):
        out = run_seed()
        report = DailyReport.objects.get()
        assert report.day == dt.date(2026, 12, 4)
        assert "the report of 04/12/2026 (PDF and Excel) in the history" in out
        assert report.pdf.read().startswith(b"%PDF-") and report.xlsx.read().startswith(b"PK")
        assert report.document is not None  # the provincial Office's clerk has its draft
        # seed_demo's 13 on a second run, the report's look-up and the readiness board's (demo.readiness)
        with django_assert_max_num_queries(16):
            again = run_seed()
    assert DailyReport.objects.count() == 1 and "the report of" not in again
