"""The outbox moved here from nationalportal (issue 10): the model's state only; its table, rows and
indexes stay as they were (db_table keeps the old name)."""

import django.utils.timezone
import uuid
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ("nationalportal", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='OutboxMessage',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('key', models.UUIDField(default=uuid.uuid4, editable=False, unique=True, verbose_name='idempotency key')),
                        ('topic', models.CharField(choices=[('dossier_event', 'Dossier progress'), ('procedure', 'Procedure publication')], max_length=30, verbose_name='topic')),
                        ('subject', models.CharField(max_length=64, verbose_name='subject')),
                        ('sequence', models.BigIntegerField(verbose_name='sequence')),
                        ('payload', models.JSONField(verbose_name='payload')),
                        ('status', models.CharField(choices=[('pending', 'Pending'), ('delivered', 'Delivered'), ('dead', 'Dead letter')], default='pending', max_length=20, verbose_name='status')),
                        ('attempts', models.PositiveIntegerField(default=0, verbose_name='attempts')),
                        ('next_attempt_at', models.DateTimeField(default=django.utils.timezone.now, verbose_name='next attempt')),
                        ('last_error', models.TextField(blank=True, verbose_name='last error')),
                        ('created_at', models.DateTimeField(default=django.utils.timezone.now, verbose_name='created')),
                        ('delivered_at', models.DateTimeField(blank=True, null=True, verbose_name='delivered')),
                    ],
                    options={
                        'verbose_name': 'outbox message',
                        'verbose_name_plural': 'outbox messages',
                        'db_table': 'nationalportal_outboxmessage',
                        'ordering': ['id'],
                        'indexes': [models.Index(condition=models.Q(('status', 'pending')), fields=['next_attempt_at', 'id'], name='outbox_due'), models.Index(condition=models.Q(('status', 'delivered'), _negated=True), fields=['subject', 'id'], name='outbox_undelivered'), models.Index(fields=['status', 'delivered_at'], name='outbox_status_delivered')],
                    },
                ),
            ],
            database_operations=[],
        ),
    ]
