"""The beat's daily report (settings.CELERY_BEAT_SCHEDULE["reports-daily"]): thin, the service decides."""

from celery import shared_task

from reports.daily import services


@shared_task(name="reports.daily_report", acks_late=True, time_limit=900)
def daily_report() -> int | None:
    """Today's report on a working day, once (a second run, or a redelivered message, skips); its id."""
    report = services.daily_report_scheduled()
    return report.pk if report is not None else None
