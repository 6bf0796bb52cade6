import datetime as dt

import pytest
from django.utils import timezone

from units.models import CalendarDay
from units.tasks import calendar_seed_ahead


@pytest.mark.django_db
def test_the_calendar_is_seeded_two_years_ahead(monkeypatch):
    monkeypatch.setattr(timezone, "localdate", lambda: dt.date(2027, 3, 1))
    CalendarDay.objects.filter(date__year__gte=2028).delete()

    calendar_seed_ahead()

    assert CalendarDay.objects.filter(date=dt.date(2028, 5, 1), kind=CalendarDay.Kind.HOLIDAY).exists()
    assert CalendarDay.objects.filter(date=dt.date(2029, 9, 3)).exists()
    assert not CalendarDay.objects.filter(date__year=2030).exists()


@pytest.mark.django_db
def test_seeding_ahead_keeps_an_admin_deletion():
    CalendarDay.objects.filter(date=dt.date(2026, 11, 24)).delete()
    calendar_seed_ahead()
    assert not CalendarDay.objects.filter(date=dt.date(2026, 11, 24)).exists()
