"""Seeding the calendar from the Vietnam holidays: migration, service and management command."""

import importlib
from datetime import date
from io import StringIO

import pytest
from django.apps import apps
from django.core.management import CommandError, call_command

from units import calendarseed
from units.calendar import calendar_cache_invalidate, is_working_day
from units.models import CalendarDay
from units.services import calendar_seed

HOLIDAY, WORKING_DAY = CalendarDay.Kind.HOLIDAY, CalendarDay.Kind.WORKING_DAY


@pytest.fixture(autouse=True)
def fresh_cache():
    calendar_cache_invalidate()
    yield
    calendar_cache_invalidate()


def rows(year: int) -> dict[date, CalendarDay]:
    return {day.date: day for day in CalendarDay.objects.filter(date__year=year)}


@pytest.mark.django_db
def test_a_migrated_database_already_has_2025_to_2027():
    # No seeding in this test: the rows come from units/migrations/0002_seed_calendar.py.
    for year in (2025, 2026, 2027):
        assert CalendarDay.objects.filter(date__year=year, kind=HOLIDAY).count() >= 10
    assert not is_working_day(date(2026, 2, 16))


@pytest.mark.django_db
def test_the_migration_seeds_an_empty_table_with_the_historical_model():
    migration = importlib.import_module("units.migrations.0002_seed_calendar")
    CalendarDay.objects.all().delete()
    migration.seed(apps, schema_editor=None)
    assert set(CalendarDay.objects.values_list("date", flat=True)) == {
        entry.date for entry in calendarseed.calendar_seed_days([2025, 2026, 2027])
    }


@pytest.mark.django_db
class TestSeededContent:
    @pytest.fixture(autouse=True)
    def empty_then_seed(self):
        CalendarDay.objects.all().delete()
        self.created = calendar_seed(years=[2025, 2026, 2027])

    def test_tet_2026_is_monday_16_to_friday_20_february(self):
        tet = {d: r for d, r in rows(2026).items() if d.month == 2}
        assert sorted(tet) == [date(2026, 2, d) for d in range(16, 21)]
        assert all(r.kind == HOLIDAY for r in tet.values())
        assert tet[date(2026, 2, 17)].name == "Tết Nguyên Đán"
        assert tet[date(2026, 2, 17)].name_en == "Lunar New Year"

    def test_labour_code_holidays_of_2026(self):
        days = rows(2026)
        for day in [(1, 1), (4, 30), (5, 1), (9, 1), (9, 2)]:
            assert days[date(2026, *day)].kind == HOLIDAY, day
        assert days[date(2026, 1, 1)].name == "Tết Dương lịch"

    def test_holidays_on_rest_days_are_stored_on_the_day_they_move_to(self):
        hung_kings = rows(2026)
        assert date(2026, 4, 26) not in hung_kings  # the Sunday itself changes nothing
        assert hung_kings[date(2026, 4, 27)].name == "Ngày Giỗ Tổ Hùng Vương (nghỉ bù)"
        assert hung_kings[date(2026, 4, 27)].name_en == "Hung Kings' Commemoration Day (observed)"
        labour_day = rows(2027)
        assert date(2027, 5, 1) not in labour_day
        assert labour_day[date(2027, 5, 3)].kind == HOLIDAY

    def test_swapped_working_days_are_saturdays_named_after_their_day_off(self):
        swaps = CalendarDay.objects.filter(kind=WORKING_DAY).order_by("date")
        assert [(s.date, s.name) for s in swaps] == [
            (date(2025, 4, 26), "Làm việc bù cho ngày nghỉ 02/05/2025"),
            (date(2026, 8, 22), "Làm việc bù cho ngày nghỉ 31/08/2026"),
        ]
        assert swaps[0].name_en == "Working day in exchange for the day off on 2 May 2025"
        assert rows(2025)[date(2025, 5, 2)].kind == HOLIDAY

    def test_no_holiday_on_a_weekend_and_no_swap_on_a_weekday(self):
        for row in CalendarDay.objects.all():
            assert (row.date.weekday() >= 5) == (row.kind == WORKING_DAY), row

    def test_names_are_vietnamese_and_english(self):
        assert self.created == CalendarDay.objects.count()
        assert all(row.name and row.name_en for row in CalendarDay.objects.all())


def test_a_government_decision_overrides_the_package_for_tet(monkeypatch):
    monkeypatch.setitem(calendarseed.TET_DECISIONS, 2026, (date(2026, 2, 13), date(2026, 2, 18)))
    tet = [e for e in calendarseed.calendar_seed_days([2026]) if e.date.month == 2]
    assert [e.date.day for e in tet] == [13, 16, 17, 18]
    assert tet[0].name == "Nghỉ Tết Nguyên Đán"  # a day the package does not name
    assert tet[1].name == "Giao thừa Tết Nguyên Đán"


@pytest.mark.django_db
class TestIdempotence:
    def test_seeding_again_creates_nothing(self):
        before = CalendarDay.objects.count()
        assert calendar_seed(years=[2025, 2026, 2027]) == 0
        assert CalendarDay.objects.count() == before

    def test_admin_edits_and_deletions_survive(self):
        CalendarDay.objects.filter(date=date(2026, 2, 16)).update(name="Nghỉ Tết (sửa)")
        CalendarDay.objects.filter(date=date(2026, 11, 24)).delete()
        before = CalendarDay.objects.count()
        assert calendar_seed(years=[2026]) == 0
        assert CalendarDay.objects.count() == before
        assert CalendarDay.objects.get(date=date(2026, 2, 16)).name == "Nghỉ Tết (sửa)"
        assert not CalendarDay.objects.filter(date=date(2026, 11, 24)).exists()

    def test_fill_adds_only_missing_dates(self):
        CalendarDay.objects.filter(date=date(2026, 2, 16)).update(name="Nghỉ Tết (sửa)")
        CalendarDay.objects.filter(date=date(2026, 11, 24)).delete()
        assert calendar_seed(years=[2026], fill=True) == 1
        assert CalendarDay.objects.get(date=date(2026, 11, 24)).name == "Ngày Văn hóa Việt Nam"
        assert CalendarDay.objects.get(date=date(2026, 2, 16)).name == "Nghỉ Tết (sửa)"

    def test_a_new_year_is_seeded_and_seen_by_deadlines(self):
        calendar_cache_invalidate()
        assert is_working_day(date(2028, 1, 3))  # nothing known about 2028 yet: only weekends are off
        assert calendar_seed(years=[2028]) > 5
        assert CalendarDay.objects.filter(date__year=2028, kind=HOLIDAY).exists()
        assert not is_working_day(date(2028, 1, 3))  # 1 January 2028 is a Saturday


@pytest.mark.django_db
class TestCommand:
    def test_seeds_the_given_years(self):
        out = StringIO()
        call_command("seed_calendar", "--years", "2028", "2029", stdout=out)
        assert CalendarDay.objects.filter(date__year=2028).exists()
        assert CalendarDay.objects.filter(date__year=2029).exists()
        assert "Created" in out.getvalue()

    def test_reports_years_left_as_they_are(self):
        before = CalendarDay.objects.count()
        out = StringIO()
        call_command("seed_calendar", "--years", "2026", stdout=out)
        assert "Created 0 calendar day(s)" in out.getvalue()
        assert "Left as they are" in out.getvalue() and "2026" in out.getvalue()
        assert CalendarDay.objects.count() == before

    def test_refuses_silly_years(self):
        before = CalendarDay.objects.count()
        with pytest.raises(CommandError, match="between 1995 and 2100"):
            call_command("seed_calendar", "--years", "26")
        assert CalendarDay.objects.count() == before


# ---- Comparing with the package, and adding what the table lacks -------------------------------------

@pytest.mark.django_db
class TestCompareWithThePackage:
    """A table seeded by an older ``holidays`` release lacks the 2026 swap (work Saturday 22 August, off
    Monday 31 August) and the new 24 November holiday: the comparison says so and adds them, and leaves
    whatever the admin set."""

    def _older_release(self):
        for day in (date(2026, 8, 22), date(2026, 8, 31), date(2026, 11, 24)):
            CalendarDay.objects.filter(date=day).delete()

    def test_the_floor_of_the_package_knows_2026(self):
        days = {e.date: e.kind for e in calendarseed.calendar_seed_days([2026])}
        assert days[date(2026, 8, 22)] == WORKING_DAY and days[date(2026, 8, 31)] == HOLIDAY
        assert days[date(2026, 11, 24)] == HOLIDAY

    def test_the_comparison_names_the_missing_days_and_adding_them_keeps_the_admins(self):
        from units.services import calendar_add_missing, calendar_compare

        self._older_release()
        CalendarDay.objects.filter(date=date(2026, 9, 1)).update(kind=WORKING_DAY, name="Đi làm theo quyết định")
        CalendarDay.objects.create(date=date(2026, 12, 31), kind=HOLIDAY, name="Nghỉ theo quyết định của tỉnh")
        comparison = calendar_compare(years=[2026])
        assert [e.date for e in comparison.missing] == [date(2026, 8, 22), date(2026, 8, 31), date(2026, 11, 24)]
        assert [row.date for _e, row in comparison.different] == [date(2026, 9, 1)]
        assert [row.date for row in comparison.extra] == [date(2026, 12, 31)]

        added = calendar_add_missing(years=[2026])
        assert [e.date for e in added] == [date(2026, 8, 22), date(2026, 8, 31), date(2026, 11, 24)]
        assert not is_working_day(date(2026, 11, 24)) and is_working_day(date(2026, 8, 22))
        assert rows(2026)[date(2026, 9, 1)].name == "Đi làm theo quyết định"  # the admin's day, untouched
        assert date(2026, 12, 31) in rows(2026)
        assert calendar_compare(years=[2026]).missing == [] and calendar_add_missing(years=[2026]) == []

    def test_the_command_shows_the_comparison_and_adds_on_request(self):
        self._older_release()
        out = StringIO()
        call_command("calendar_compare", "--years", "2026", stdout=out)
        text = out.getvalue()
        assert "missing    24/11/2026  holiday" in text and "missing    22/08/2026  working_day" in text
        assert date(2026, 11, 24) not in rows(2026)
        out = StringIO()
        call_command("calendar_compare", "--years", "2026", "--add-missing", stdout=out)
        assert "Added 3 day(s)." in out.getvalue() and date(2026, 11, 24) in rows(2026)
        out = StringIO()
        call_command("calendar_compare", "--years", "2026", stdout=out)
        assert "The calendar has every day the package knows for these years." in out.getvalue()

    def test_the_admin_action_adds_the_missing_days_of_the_selected_years(self, client):
        from django.urls import reverse

        from accounts.models import User

        self._older_release()
        client.force_login(User.objects.create_superuser("operator", "op@example.vn", "Operator-Pass-2026!"))
        client.cookies["django_language"] = "en"
        selected = CalendarDay.objects.get(date=date(2026, 1, 1))
        response = client.post(reverse("admin:units_calendarday_changelist"), {
            "action": "add_missing_from_package", "_selected_action": [selected.pk]}, follow=True)
        text = response.content.decode()
        assert "3 days added for 2026" in text and "24 Nov 2026" in text
        assert date(2026, 8, 31) in rows(2026)
