"""Document search (issue 12 §4): the search row of each document and, on PostgreSQL, its indexes — the
text-search vector of the words as a generated column with a GIN index, and a trigram GIN index on the
folded metadata for substrings ("qd-ubnd"). SQLite keeps the two text columns and searches them with LIKE.
Rows are written by documents.services.search.search_refresh; ``manage.py documents_search_rebuild``
fills them for documents made before."""

import django.db.models.deletion
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
        ('documents', '0003_units_documents_trail_workfiles'),
    ]

    operations = [
        migrations.CreateModel(
            name='DocumentSearch',
            fields=[
                ('document', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, primary_key=True, related_name='search', serialize=False, to='documents.document', verbose_name='document')),
                ('text', models.TextField(blank=True, verbose_name='search text')),
                ('key', models.TextField(blank=True, verbose_name='search key')),
            ],
            options={
                'verbose_name': 'document search text',
                'verbose_name_plural': 'document search texts',
            },
        ),
        migrations.RunPython(add_vector_and_indexes, drop_vector_and_indexes),
    ]
