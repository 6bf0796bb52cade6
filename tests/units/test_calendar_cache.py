"""The calendar rows are loaded at most once per computation and reloaded when they change."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.cache import cache

from portal.timeunits import TimeUnit
from units import calendar as calendar_module
from units.calendar import add_working_time, calendar_cache_invalidate, is_working_day, working_time_between
from units.models import CalendarDay
from units.services import calendar_day_delete, calendar_day_save, calendar_seed

HCM = ZoneInfo("Asia/Ho_Chi_Minh")
MONDAY = datetime(2026, 3, 9, 10, tzinfo=HCM)


@pytest.fixture(autouse=True)
def calendar(db):
    calendar_seed(years=[2025, 2026, 2027])
    calendar_cache_invalidate()
    yield
    calendar_cache_invalidate()


def test_one_query_then_none_while_fresh(django_assert_num_queries):
    with django_assert_num_queries(1):
        add_working_time(MONDAY, 30, TimeUnit.WORKING_DAYS)
    with django_assert_num_queries(0):
        for days in range(50):
            add_working_time(MONDAY, days, TimeUnit.WORKING_DAYS)
            working_time_between(MONDAY, datetime(2027, 3, 9, tzinfo=HCM))
            is_working_day(date(2026, 2, 16))


def test_a_saved_day_is_seen_by_the_next_computation(django_assert_num_queries):
    assert add_working_time(MONDAY, 1, TimeUnit.WORKING_DAYS) == datetime(2026, 3, 10, 17, tzinfo=HCM)
    calendar_day_save(day=date(2026, 3, 10), kind=CalendarDay.Kind.HOLIDAY, name="Nghỉ đột xuất")
    with django_assert_num_queries(1):
        assert add_working_time(MONDAY, 1, TimeUnit.WORKING_DAYS) == datetime(2026, 3, 11, 17, tzinfo=HCM)


def test_a_deleted_day_is_seen_by_the_next_computation():
    assert not is_working_day(date(2026, 11, 24))
    calendar_day_delete(calendar_days=CalendarDay.objects.filter(date=date(2026, 11, 24)))
    assert is_working_day(date(2026, 11, 24))


def test_another_process_changing_the_version_makes_this_one_reload(django_assert_num_queries):
    is_working_day(date(2026, 3, 9))
    CalendarDay.objects.create(date=date(2026, 3, 9), kind=CalendarDay.Kind.HOLIDAY, name="Nghỉ")
    assert is_working_day(date(2026, 3, 9))  # stale: written behind the services' back
    cache.set("units:calendar:version", "changed elsewhere", timeout=None)
    with django_assert_num_queries(1):
        assert not is_working_day(date(2026, 3, 9))


def test_a_snapshot_older_than_the_maximum_age_is_reloaded(monkeypatch, django_assert_num_queries):
    is_working_day(date(2026, 3, 9))
    CalendarDay.objects.create(date=date(2026, 3, 9), kind=CalendarDay.Kind.HOLIDAY, name="Nghỉ")
    monkeypatch.setattr(calendar_module, "MAX_AGE_SECONDS", -1.0)
    with django_assert_num_queries(1):
        assert not is_working_day(date(2026, 3, 9))


def test_a_broken_cache_falls_back_to_the_database(monkeypatch, caplog):
    def broken(*args, **kwargs):
        raise ConnectionError("redis is down")

    monkeypatch.setattr(calendar_module.cache, "get", broken)
    assert not is_working_day(date(2026, 2, 16))
    assert "Calendar cache unreadable" in caplog.text


def test_a_year_without_holidays_is_reported(caplog):
    calendar_module._warned_years.discard(2031)
    add_working_time(datetime(2031, 3, 3, 10, tzinfo=HCM), 1, TimeUnit.WORKING_DAYS)
    assert "no holidays for 2031" in caplog.text
