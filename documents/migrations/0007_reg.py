"""Document search (issue 12 §4): the search row of each document and, on PostgreSQL, its indexes — the
text-search vector of the words as a generated column under a GIN index, and a trigram GIN index on the
folded key for parts of words ("qd-ub"); with the agency and creation time copied on the row, under a
btree index, for an agency's newest matches. SQLite keeps the text columns and searches them with LIKE.
Rows are written by documents.services.search.search_refresh; ``manage.py documents_search_rebuild``
fills them for documents made before.

Also: the documents of an agency newest first (lists)."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

VECTOR_INDEX = "documents_search_vector"
KEY_INDEX = "documents_search_key_trgm"


def add_vector_and_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    # 'simple': no stemming and no stop words (the text is already folded Vietnamese), and an immutable
    # configuration, as a generated column needs.
    schema_editor.execute("ALTER TABLE documents_documentsearch ADD COLUMN vector tsvector "
                          "GENERATED ALWAYS AS (to_tsvector('simple'::regconfig, text)) STORED")
    schema_editor.execute(f"CREATE INDEX {VECTOR_INDEX} ON documents_documentsearch USING gin (vector)")
    schema_editor.execute(f"CREATE INDEX {KEY_INDEX} ON documents_documentsearch USING gin (key gin_trgm_ops)")


def drop_vector_and_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    # The extension stays: other apps rely on it.
    schema_editor.execute(f"DROP INDEX IF EXISTS {KEY_INDEX}")
    schema_editor.execute(f"DROP INDEX IF EXISTS {VECTOR_INDEX}")
    schema_editor.execute("ALTER TABLE documents_documentsearch DROP COLUMN IF EXISTS vector")


class Migration(migrations.Migration):

    dependencies = [
        ('documents', '0006_out'),
        ('units', '0002_seed_calendar'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='DocumentSearch',
            fields=[
                ('document', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, primary_key=True, related_name='search', serialize=False, to='documents.document', verbose_name='document')),
                ('created_at', models.DateTimeField(verbose_name='created')),
                ('text', models.TextField(blank=True, verbose_name='search text')),
                ('key', models.TextField(blank=True, verbose_name='search key')),
            ],
            options={
                'verbose_name': 'document search text',
                'verbose_name_plural': 'document search texts',
            },
        ),
        migrations.AddIndex(
            model_name='document',
            index=models.Index(fields=['agency', '-created_at', '-id'], name='document_agency_newest'),
        ),
        migrations.AddField(
            model_name='documentsearch',
            name='agency',
            field=models.ForeignKey(db_index=False, on_delete=django.db.models.deletion.CASCADE, related_name='+', to='units.agency', verbose_name='agency'),
        ),
        migrations.AddIndex(
            model_name='documentsearch',
            index=models.Index(fields=['agency', '-created_at', '-document'], name='documentsearch_newest'),
        ),
        migrations.RunPython(add_vector_and_indexes, drop_vector_and_indexes),
    ]
