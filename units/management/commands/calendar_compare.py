"""manage.py calendar_compare --years 2026 2027 [--add-missing]: the working-day calendar beside the installed
``holidays`` package's Vietnam calendar — the days it lacks, the days whose kind differs (the admin's choice
is kept) and the days only the table has — and, with --add-missing, add the missing ones (nothing else
changes)."""

from django.core.management.base import BaseCommand, CommandError

from units.services import calendar_add_missing, calendar_compare


class Command(BaseCommand):
    help = "Compare the working-day calendar with the holidays package; optionally add the days it lacks."

    def add_arguments(self, parser):
        parser.add_argument("--years", type=int, nargs="+", required=True, help="e.g. --years 2026 2027")
        parser.add_argument("--add-missing", action="store_true",
                            help="Add the package's days the table has no row for (existing rows stay as they are).")

    def handle(self, *args, years, add_missing, **options):
        bad = [year for year in years if not 1995 <= year <= 2100]
        if bad:
            raise CommandError(f"Years must be between 1995 and 2100: {bad}")
        comparison = calendar_compare(years=years)
        for entry in comparison.missing:
            self.stdout.write(f"missing    {entry.date:%d/%m/%Y}  {entry.kind:<11}  {entry.name}")
        for entry, row in comparison.different:
            self.stdout.write(f"different  {entry.date:%d/%m/%Y}  table: {row.kind}, package: {entry.kind} "
                              f"({entry.name}) — the table's is kept")
        for row in comparison.extra:
            self.stdout.write(f"table only {row.date:%d/%m/%Y}  {row.kind:<11}  {row.name}")
        if comparison.in_step:
            self.stdout.write("The calendar has every day the package knows for these years.")
        if add_missing:
            added = calendar_add_missing(years=years)
            self.stdout.write(f"Added {len(added)} day(s).")
