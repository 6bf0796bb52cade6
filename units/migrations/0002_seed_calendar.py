"""Seed the working-day calendar for 2025–2027 so a fresh database can compute deadlines at once.

Later years: `manage.py seed_calendar --years 2028`. Reversing removes nothing: after migrating back,
the rows may carry the provincial admin's edits."""

from django.db import migrations


def seed(apps, schema_editor):
    from units.calendarseed import seed_calendar_rows

    seed_calendar_rows(apps.get_model("units", "CalendarDay"), years=range(2025, 2028))


class Migration(migrations.Migration):
    dependencies = [("units", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
