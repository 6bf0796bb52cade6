"""The outbox moved to the outbox app (issue 10): the model leaves this app's state; its table stays."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ("nationalportal", "0001_initial"),
        ("outbox", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="OutboxMessage")],
            database_operations=[],
        ),
    ]
