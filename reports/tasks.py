"""The reports' Celery tasks (Celery's autodiscovery reads this module)."""

from celery import shared_task

from reports.daily.tasks import daily_report
from reports.indicators.refresh import facts_refresh

__all__ = ["daily_report", "refresh_facts"]


@shared_task(name="reports.refresh_facts", acks_late=True, time_limit=300)
def refresh_facts(limit: int = 2000) -> int:
    """Recompute the facts of the dossiers queued since the last run (reports/indicators/refresh.py)."""
    return facts_refresh(limit=limit)
