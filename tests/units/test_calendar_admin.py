"""The provincial admin keeps the calendar in Django admin; deadlines see every change at once."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import translation

from units.calendar import calendar_cache_invalidate, is_working_day
from units.models import CalendarDay
from units.services import calendar_seed

CHANGELIST = reverse("admin:units_calendarday_changelist")
ADD = reverse("admin:units_calendarday_add")
HOLIDAY, WORKING_DAY = CalendarDay.Kind.HOLIDAY, CalendarDay.Kind.WORKING_DAY


@pytest.fixture(autouse=True)
def english_seeded_calendar(db, settings):
    settings.LANGUAGE_CODE = "en"
    calendar_seed(years=[2025, 2026, 2027])
    calendar_cache_invalidate()
    with translation.override("en"):
        yield
    calendar_cache_invalidate()


def form(day: date, kind: str = HOLIDAY, name: str = "Nghỉ lễ", name_en: str = "Holiday") -> dict:
    return {"date": day.isoformat(), "kind": kind, "name": name, "name_en": name_en}


class TestList:
    def test_filters_by_year_and_kind(self, admin_client):
        page = admin_client.get(CHANGELIST, {"year": "2026", "kind__exact": HOLIDAY}).content.decode()
        assert "Tết Nguyên Đán" in page
        assert "Monday" in page  # the weekday column
        assert "Làm việc bù" not in page  # a swapped working day
        assert "year=2025" in page  # offered as a filter choice
        assert "16 Feb 2026" in page and "29 Jan 2025" not in page

    def test_swapped_days_filter(self, admin_client):
        page = admin_client.get(CHANGELIST, {"kind__exact": WORKING_DAY}).content.decode()
        assert "Làm việc bù cho ngày nghỉ 31/08/2026" in page
        assert "Tết Nguyên Đán" not in page

    def test_bad_year_shows_nothing_rather_than_failing(self, admin_client):
        response = admin_client.get(CHANGELIST, {"year": "twenty"})
        assert response.status_code == 200
        assert "0 calendar days" in response.content.decode()

    def test_queries_do_not_grow_with_rows(self, admin_client, django_assert_max_num_queries):
        with django_assert_max_num_queries(8):
            admin_client.get(CHANGELIST)
        start = date(2030, 1, 7)  # a Monday
        weekdays = [
            start + timedelta(days=n) for n in range(400) if (start + timedelta(days=n)).weekday() < 5
        ]
        CalendarDay.objects.bulk_create(CalendarDay(date=d, kind=HOLIDAY, name="Thử") for d in weekdays)
        with django_assert_max_num_queries(8):
            response = admin_client.get(CHANGELIST)
        assert response.status_code == 200


class TestAdd:
    def test_a_holiday_is_saved_and_deadlines_see_it(self, admin_client):
        assert is_working_day(date(2026, 3, 10))
        response = admin_client.post(ADD, form(date(2026, 3, 10), name="Nghỉ đột xuất"))
        assert response.status_code == 302
        assert CalendarDay.objects.get(date=date(2026, 3, 10)).name == "Nghỉ đột xuất"
        assert not is_working_day(date(2026, 3, 10))

    def test_a_swapped_saturday_is_saved_and_deadlines_see_it(self, admin_client):
        assert not is_working_day(date(2026, 3, 14))
        response = admin_client.post(ADD, form(date(2026, 3, 14), WORKING_DAY, "Làm bù"))
        assert response.status_code == 302
        assert is_working_day(date(2026, 3, 14))

    def test_a_holiday_on_a_weekend_is_refused(self, admin_client):
        before = CalendarDay.objects.count()
        response = admin_client.post(ADD, form(date(2026, 3, 14)))
        assert response.status_code == 200
        assert "is a Saturday, already a rest day" in response.content.decode()
        assert CalendarDay.objects.count() == before

    def test_a_swapped_working_day_on_a_weekday_is_refused(self, admin_client):
        before = CalendarDay.objects.count()
        response = admin_client.post(ADD, form(date(2026, 3, 11), WORKING_DAY))
        assert "A swapped working day must be a Saturday or Sunday" in response.content.decode()
        assert CalendarDay.objects.count() == before

    def test_a_date_already_in_the_calendar_is_refused(self, admin_client):
        before = CalendarDay.objects.count()
        response = admin_client.post(ADD, form(date(2026, 2, 16), name="Trùng"))
        assert "Calendar day with this Date already exists" in response.content.decode()
        assert CalendarDay.objects.count() == before
        assert CalendarDay.objects.get(date=date(2026, 2, 16)).name != "Trùng"


class TestChangeAndDelete:
    def test_moving_a_holiday_moves_it_for_deadlines(self, admin_client):
        row = CalendarDay.objects.get(date=date(2026, 11, 24))
        url = reverse("admin:units_calendarday_change", args=[row.pk])
        response = admin_client.post(url, form(date(2026, 11, 23), name=row.name, name_en=row.name_en))
        assert response.status_code == 302
        assert is_working_day(date(2026, 11, 24))
        assert not is_working_day(date(2026, 11, 23))

    def test_delete_makes_the_day_ordinary(self, admin_client):
        row = CalendarDay.objects.get(date=date(2026, 11, 24))
        response = admin_client.post(
            reverse("admin:units_calendarday_delete", args=[row.pk]), {"post": "yes"}
        )
        assert response.status_code == 302
        assert not CalendarDay.objects.filter(pk=row.pk).exists()
        assert is_working_day(date(2026, 11, 24))

    def test_bulk_delete_action(self, admin_client):
        tet = list(CalendarDay.objects.filter(date__range=(date(2026, 2, 16), date(2026, 2, 20))))
        response = admin_client.post(
            CHANGELIST,
            {"action": "delete_selected", "_selected_action": [r.pk for r in tet], "post": "yes"},
        )
        assert response.status_code == 302
        assert not CalendarDay.objects.filter(pk__in=[r.pk for r in tet]).exists()
        assert is_working_day(date(2026, 2, 16))
