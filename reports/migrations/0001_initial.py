from django.db import migrations


class Migration(migrations.Migration):
    """The reports app's first migration: each part of the reports adds its tables after it."""

    initial = True
    dependencies: list = []
    operations: list = []
