"""The reports' Celery tasks (Celery's autodiscovery reads this module): each part keeps its own."""

from reports.daily.tasks import daily_report

__all__ = ["daily_report"]
