"""The demo's daily progress report: the previous working day's, in the history as PDF and Excel, so the
page is not empty on the first `make run` (later days come from the beat, at REPORTS_DAILY_HOUR)."""

from __future__ import annotations

from django.utils import timezone

from portal.dates import date_text
from reports.daily.models import DailyReport
from reports.daily.selectors import previous_working_day
from reports.daily.services import daily_report_build


def demo_daily_report_load() -> str:
    """Build the previous working day's report once (a second run finds it and does nothing); what was done."""
    day = previous_working_day(timezone.localdate())
    if DailyReport.objects.filter(day=day).exists():
        return ""
    report = daily_report_build(day=day, send=False)
    return f"the report of {date_text(report.day)} (PDF and Excel) in the history"
