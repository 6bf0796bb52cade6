from celery import shared_task
from django.utils import timezone

from units.services import calendar_seed

# How many years ahead the calendar is kept seeded, so deadlines never fall into an unseeded year.
YEARS_AHEAD = 2


@shared_task(acks_late=True, time_limit=120)
def calendar_seed_ahead() -> int:
    """Seed this year and the next YEARS_AHEAD years; years that already have rows are left alone."""
    this_year = timezone.localdate().year
    return calendar_seed(years=range(this_year, this_year + YEARS_AHEAD + 1))
