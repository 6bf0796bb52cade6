"""Deadlines on the working-day calendar: examples from the 2025–2027 calendar (units/calendar.py)."""

from datetime import date, datetime, time, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ImproperlyConfigured

from portal.timeunits import TimeUnit
from units.calendar import add_working_time, calendar_cache_invalidate, is_working_day, working_time_between
from units.services import calendar_seed

HCM = ZoneInfo("Asia/Ho_Chi_Minh")
HOURS, DAYS_WORKING = TimeUnit.WORKING_HOURS, TimeUnit.WORKING_DAYS


def at(y, m, d, hh=0, mm=0) -> datetime:
    return datetime(y, m, d, hh, mm, tzinfo=HCM)


@pytest.fixture(autouse=True)
def calendar(db):
    # The data migration seeds these years; seeding again is a no-op unless a test flushed the table.
    calendar_seed(years=[2025, 2026, 2027])
    calendar_cache_invalidate()
    yield
    calendar_cache_invalidate()


class TestWorkingDays:
    def test_tet_2026_is_monday_16_to_friday_20_february(self):
        assert [is_working_day(date(2026, 2, d)) for d in range(13, 24)] == [
            True,  # Fri 13
            False,  # Sat 14
            False,  # Sun 15
            False,  # Mon 16 Tết
            False,
            False,
            False,
            False,  # Fri 20 Tết
            False,  # Sat 21
            False,  # Sun 22
            True,  # Mon 23
        ]

    def test_holiday_on_a_weekend_moves_to_the_next_working_day(self):
        # Hùng Kings' day 2026 is Sunday 26 April; 1 May 2027 is a Saturday.
        assert not is_working_day(date(2026, 4, 27))
        assert is_working_day(date(2026, 4, 28))
        assert not is_working_day(date(2027, 5, 3))

    def test_swapped_saturday_is_a_working_day(self):
        assert is_working_day(date(2026, 8, 22))
        assert not is_working_day(date(2026, 8, 29))
        assert not is_working_day(date(2026, 8, 31))  # the day off it pays for

    def test_a_datetime_is_read_as_its_local_date(self):
        # 17:30 UTC on Friday 13 February 2026 is already Saturday in Vietnam.
        assert not is_working_day(datetime(2026, 2, 13, 17, 30, tzinfo=ZoneInfo("UTC")))


class TestWorkingDayDeadlines:
    """Whole working days: the day of (deemed) receipt is day 0 and is not used up; the due instant is the
    closing time of the Nth working day after it (Civil Code art. 147)."""

    def test_the_day_of_receipt_is_not_counted(self):
        # Monday 10:00, one working day: all of Tuesday, to its closing time.
        assert add_working_time(at(2026, 3, 9, 10), 1, DAYS_WORKING) == at(2026, 3, 10, 17)
        assert add_working_time(at(2026, 3, 9, 16, 59), 1, DAYS_WORKING) == at(2026, 3, 10, 17)

    def test_friday_afternoon_runs_over_the_weekend(self):
        assert add_working_time(at(2026, 3, 13, 14), 2, DAYS_WORKING) == at(2026, 3, 17, 17)

    def test_across_tet_2026(self):
        # Friday 13 February is day 0; Monday 16 – Friday 20 February are Tết, then a weekend.
        assert add_working_time(at(2026, 2, 13, 10), 1, DAYS_WORKING) == at(2026, 2, 23, 17)
        assert add_working_time(at(2026, 2, 13, 10), 3, DAYS_WORKING) == at(2026, 2, 25, 17)
        assert add_working_time(at(2026, 2, 12, 9), 5, DAYS_WORKING) == at(2026, 2, 26, 17)

    def test_across_a_moved_holiday(self):
        # Hùng Kings' day 2026 (Sunday 26 April) is taken on Monday 27 April.
        assert add_working_time(at(2026, 4, 24, 14), 1, DAYS_WORKING) == at(2026, 4, 28, 17)
        # 30 April 2027 is a Friday, 1 May a Saturday, so Monday 3 May is off too.
        assert add_working_time(at(2027, 4, 29, 10), 1, DAYS_WORKING) == at(2027, 5, 4, 17)

    def test_swapped_saturday_counts(self):
        assert add_working_time(at(2026, 8, 21, 10), 1, DAYS_WORKING) == at(2026, 8, 22, 17)
        # Received on the swapped Saturday itself: it is day 0, then Monday 24 August.
        assert add_working_time(at(2026, 8, 22, 10), 1, DAYS_WORKING) == at(2026, 8, 24, 17)
        # Then Monday 31 August to Wednesday 2 September are off.
        assert add_working_time(at(2026, 8, 28, 10), 1, DAYS_WORKING) == at(2026, 9, 3, 17)

    def test_start_on_a_rest_day_counts_from_the_next_working_day(self):
        assert add_working_time(at(2026, 8, 29, 9), 0, DAYS_WORKING) == at(2026, 9, 3, 7, 30)
        # Submitted online on Saturday 7 March: deemed received on Monday 9, due on Tuesday 10.
        assert add_working_time(at(2026, 3, 7, 21), 1, DAYS_WORKING) == at(2026, 3, 10, 17)
        assert add_working_time(at(2026, 2, 14, 9), 1, DAYS_WORKING) == at(2026, 2, 24, 17)

    def test_before_opening_and_at_lunch_the_day_is_still_day_0(self):
        assert add_working_time(at(2026, 3, 9, 6), 2, DAYS_WORKING) == at(2026, 3, 11, 17)
        assert add_working_time(at(2026, 3, 9, 7, 30), 1, DAYS_WORKING) == at(2026, 3, 10, 17)
        assert add_working_time(at(2026, 3, 9, 12), 1, DAYS_WORKING) == at(2026, 3, 10, 17)

    def test_after_closing_the_next_working_day_is_day_0(self):
        # Closing time itself belongs to its day, as a due instant does; a minute later does not.
        assert add_working_time(at(2026, 3, 9, 17), 1, DAYS_WORKING) == at(2026, 3, 10, 17)
        assert add_working_time(at(2026, 3, 9, 17, 1), 1, DAYS_WORKING) == at(2026, 3, 11, 17)
        assert add_working_time(at(2026, 3, 13, 18), 1, DAYS_WORKING) == at(2026, 3, 17, 17)

    def test_days_counted_from_a_due_date_follow_it(self):
        # An extension of two working days from a due date at Tuesday's closing ends on Thursday's.
        assert add_working_time(at(2026, 3, 10, 17), 2, DAYS_WORKING) == at(2026, 3, 12, 17)

    def test_half_a_working_day_is_four_working_hours_from_receipt(self):
        # Procedures returned the same day: received in the morning, due that afternoon.
        assert add_working_time(at(2026, 3, 9, 9), Decimal("0.5"), DAYS_WORKING) == at(2026, 3, 9, 14, 30)
        assert add_working_time(at(2026, 3, 9, 9), Decimal("0.5"), DAYS_WORKING) == add_working_time(
            at(2026, 3, 9, 9), 4, HOURS
        )
        assert add_working_time(at(2026, 3, 9, 12), Decimal("0.5"), DAYS_WORKING) == at(2026, 3, 9, 17)
        # Received in the afternoon: the rest of the half day runs the next morning.
        assert add_working_time(at(2026, 3, 9, 15), Decimal("0.5"), DAYS_WORKING) == at(2026, 3, 10, 9, 30)

    def test_a_fraction_after_whole_days_runs_from_the_next_opening(self):
        assert add_working_time(at(2026, 3, 9, 10), Decimal("1.5"), DAYS_WORKING) == at(2026, 3, 11, 11, 30)
        assert add_working_time(at(2026, 3, 9, 10), Decimal("2.25"), DAYS_WORKING) == at(2026, 3, 12, 9, 30)
        # Over a weekend: Friday is day 0, Monday the whole day, Tuesday morning the half.
        assert add_working_time(at(2026, 3, 13, 9), Decimal("1.5"), DAYS_WORKING) == at(2026, 3, 17, 11, 30)

    def test_result_is_in_vietnam_time(self):
        due = add_working_time(datetime(2026, 3, 9, 3, 0, tzinfo=ZoneInfo("UTC")), 1, DAYS_WORKING)
        assert due.utcoffset().total_seconds() == 7 * 3600
        assert due == at(2026, 3, 10, 17)


class TestCutoffHour:
    def test_after_the_cutoff_the_next_working_day_is_day_0(self):
        # Monday 16:00 with a 15:00 cut-off: deemed received on Tuesday, due on Wednesday.
        assert add_working_time(at(2026, 3, 9, 16), 1, DAYS_WORKING, cutoff_hour=time(15)) == at(
            2026, 3, 11, 17
        )
        assert add_working_time(at(2026, 3, 9, 15, 30), 1, DAYS_WORKING, cutoff_hour=time(15)) == at(
            2026, 3, 11, 17
        )
        # Friday afternoon becomes Monday, due on Tuesday.
        assert add_working_time(at(2026, 3, 13, 16), 1, DAYS_WORKING, cutoff_hour=time(15)) == at(
            2026, 3, 17, 17
        )

    def test_at_or_before_the_cutoff_the_day_of_receipt_is_day_0(self):
        assert add_working_time(at(2026, 3, 9, 15), 1, DAYS_WORKING, cutoff_hour=time(15)) == at(
            2026, 3, 10, 17
        )
        assert add_working_time(at(2026, 3, 9, 14, 59), 1, DAYS_WORKING, cutoff_hour=time(15)) == at(
            2026, 3, 10, 17
        )
        moment_after = at(2026, 3, 9, 15) + timedelta(seconds=1)
        assert add_working_time(moment_after, 1, DAYS_WORKING, cutoff_hour=time(15)) == at(2026, 3, 11, 17)

    def test_without_cutoff_a_late_start_counts_the_same_day(self):
        assert add_working_time(at(2026, 3, 9, 15, 30), 1, DAYS_WORKING) == at(2026, 3, 10, 17)

    def test_cutoff_before_tet_jumps_the_holiday(self):
        # Deemed received on Monday 23 February, after Tết and the weekend.
        assert add_working_time(at(2026, 2, 13, 16), 1, DAYS_WORKING, cutoff_hour=time(15)) == at(
            2026, 2, 24, 17
        )

    def test_after_the_cutoff_office_time_starts_at_the_next_opening(self):
        assert add_working_time(at(2026, 3, 9, 15, 30), 4, HOURS, cutoff_hour=time(15)) == at(2026, 3, 10, 11, 30)
        assert add_working_time(
            at(2026, 3, 9, 15, 30), Decimal("0.5"), DAYS_WORKING, cutoff_hour=time(15)
        ) == at(2026, 3, 10, 11, 30)


class TestWorkingHourDeadlines:
    def test_hours_span_the_lunch_break(self):
        assert add_working_time(at(2026, 3, 9, 10), 3, HOURS) == at(2026, 3, 9, 14, 30)
        assert add_working_time(at(2026, 3, 9, 12), 1, HOURS) == at(2026, 3, 9, 14)
        assert add_working_time(at(2026, 3, 9, 11, 30), Decimal("0.5"), HOURS) == at(2026, 3, 9, 13, 30)

    def test_hours_ending_at_lunch_end_at_lunch(self):
        assert add_working_time(at(2026, 3, 9, 7, 30), 4, HOURS) == at(2026, 3, 9, 11, 30)

    def test_hours_carry_over_to_the_next_working_day(self):
        assert add_working_time(at(2026, 3, 13, 16), 2, HOURS) == at(2026, 3, 16, 8, 30)
        # Received at 16:00 with four working hours: due the next morning.
        assert add_working_time(at(2026, 3, 9, 16), 4, HOURS) == at(2026, 3, 10, 10, 30)

    def test_custom_office_hours(self, settings):
        settings.OFFICE_HOURS = "08:00-12:00, 13:30-17:30"
        assert add_working_time(at(2026, 3, 9, 7), 1, DAYS_WORKING) == at(2026, 3, 10, 17, 30)
        assert add_working_time(at(2026, 3, 9, 17, 15), 1, DAYS_WORKING) == at(2026, 3, 10, 17, 30)
        assert add_working_time(at(2026, 3, 9, 9), Decimal("0.5"), DAYS_WORKING) == at(2026, 3, 9, 14, 30)
        assert add_working_time(at(2026, 3, 9, 12, 15), 1, HOURS) == at(2026, 3, 9, 14, 30)

    @pytest.mark.parametrize("value", ["07:30-11:30,11:00-17:00", "17:00-07:30", "7h30-11h30", "08:00-25:00"])
    def test_bad_office_hours_are_refused(self, settings, value):
        settings.OFFICE_HOURS = value
        with pytest.raises(ImproperlyConfigured, match="OFFICE_HOURS"):
            add_working_time(at(2026, 3, 9, 10), 1, HOURS)


class TestCalendarDeadlines:
    def test_months_clamp_to_the_month_end(self):
        assert add_working_time(at(2024, 1, 31, 10), 1, TimeUnit.MONTHS) == at(2024, 2, 29, 17)
        assert add_working_time(at(2023, 1, 31, 10), 1, TimeUnit.MONTHS) == at(2023, 2, 28, 17)

    def test_month_end_on_holidays_moves_to_the_next_working_day(self):
        # 30 April and 1 May 2026 are holidays, then a weekend.
        assert add_working_time(at(2026, 3, 31, 10), 1, TimeUnit.MONTHS) == at(2026, 5, 4, 17)
        # 28 February 2026 is a Saturday.
        assert add_working_time(at(2025, 12, 31, 10), 2, TimeUnit.MONTHS) == at(2026, 3, 2, 17)

    def test_calendar_days_count_weekends_and_end_on_a_working_day(self):
        assert add_working_time(at(2026, 3, 9, 10), 10, TimeUnit.DAYS) == at(2026, 3, 19, 17)
        assert add_working_time(at(2026, 4, 24, 10), 6, TimeUnit.DAYS) == at(2026, 5, 4, 17)

    def test_calendar_days_count_from_the_day_after_day_0(self):
        assert add_working_time(at(2026, 3, 9, 10), 1, TimeUnit.DAYS) == at(2026, 3, 10, 17)
        assert add_working_time(at(2026, 3, 9, 17), 1, TimeUnit.DAYS) == at(2026, 3, 10, 17)
        # After closing, on a rest day or after a cut-off, day 0 is the next working day.
        assert add_working_time(at(2026, 3, 9, 17, 30), 1, TimeUnit.DAYS) == at(2026, 3, 11, 17)
        assert add_working_time(at(2026, 3, 7, 10), 10, TimeUnit.DAYS) == at(2026, 3, 19, 17)
        assert add_working_time(at(2026, 3, 9, 16), 10, TimeUnit.DAYS, cutoff_hour=time(15)) == at(2026, 3, 20, 17)
        assert add_working_time(at(2026, 3, 6, 18), 1, TimeUnit.MONTHS) == at(2026, 4, 9, 17)

    def test_fractional_calendar_units_are_refused(self):
        with pytest.raises(ValueError, match="whole number"):
            add_working_time(at(2026, 3, 9, 10), Decimal("1.5"), TimeUnit.MONTHS)


class TestWorkingTimeBetween:
    def test_counts_only_office_time(self):
        assert working_time_between(at(2026, 3, 9, 7), at(2026, 3, 10, 18)) == 16
        assert working_time_between(at(2026, 3, 9, 7), at(2026, 3, 10, 18), DAYS_WORKING) == 2
        assert working_time_between(at(2026, 3, 9, 11), at(2026, 3, 9, 13, 30)) == 1

    def test_skips_tet(self):
        assert working_time_between(at(2026, 2, 13, 16), at(2026, 2, 23, 8, 30)) == 2
        assert working_time_between(at(2026, 2, 23, 8, 30), at(2026, 2, 13, 16)) == -2

    def test_calendar_days_are_elapsed_time(self):
        assert working_time_between(at(2026, 3, 9, 0), at(2026, 3, 10, 12), TimeUnit.DAYS) == Decimal("1.5")

    def test_months_cannot_be_measured(self):
        with pytest.raises(ValueError, match="months"):
            working_time_between(at(2026, 3, 9), at(2026, 4, 9), TimeUnit.MONTHS)


class TestBadInput:
    def test_naive_datetimes_are_refused(self):
        with pytest.raises(ValueError, match="naive"):
            add_working_time(datetime(2026, 3, 9, 10), 1, DAYS_WORKING)
        with pytest.raises(ValueError, match="naive"):
            working_time_between(datetime(2026, 3, 9, 10), at(2026, 3, 9, 11))

    @pytest.mark.parametrize("amount", [-1, Decimal("-0.5"), Decimal("NaN"), "abc"])
    def test_bad_amounts_are_refused(self, amount):
        with pytest.raises(ValueError):
            add_working_time(at(2026, 3, 9, 10), amount, DAYS_WORKING)

    def test_unknown_unit_is_refused(self):
        with pytest.raises(ValueError, match="Unknown time unit"):
            add_working_time(at(2026, 3, 9, 10), 1, "weeks")
