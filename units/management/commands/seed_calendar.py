"""manage.py seed_calendar --years 2026 2027 [--fill]: holidays and swapped working days from the
Vietnam calendar (see units.services.calendar_seed; existing rows are never changed)."""

from django.core.management.base import BaseCommand, CommandError

from units.models import CalendarDay
from units.services import calendar_seed


class Command(BaseCommand):
    help = "Seed the working-day calendar (holidays, swapped working days) for the given years."

    def add_arguments(self, parser):
        parser.add_argument("--years", type=int, nargs="+", required=True, help="e.g. --years 2026 2027")
        parser.add_argument(
            "--fill",
            action="store_true",
            help="Also add missing dates to years that already have calendar rows (existing rows stay as they are).",
        )

    def handle(self, *args, years, fill, **options):
        bad = [year for year in years if not 1995 <= year <= 2100]
        if bad:
            raise CommandError(f"Years must be between 1995 and 2100: {bad}")
        kept = sorted(
            {d.year for d in CalendarDay.objects.filter(date__year__in=years).dates("date", "year")}
        )
        created = calendar_seed(years=years, fill=fill)
        self.stdout.write(f"Created {created} calendar day(s) for {', '.join(map(str, sorted(set(years))))}.")
        if kept and not fill:
            self.stdout.write(
                f"Left as they are (they already had calendar days; --fill adds missing dates): "
                f"{', '.join(map(str, kept))}."
            )
