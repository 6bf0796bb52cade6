"""Officers search dossiers by applicant name without diacritics (``search_name LIKE '%word%'``) and by
the start of a code (``code LIKE 'H49.36-2612%'``). On PostgreSQL both get an index: a trigram GIN index
for the name, a pattern-ops btree for the code prefix. SQLite: nothing to do."""

from django.db import migrations

NAME_INDEX = "dossiers_dossier_search_name_trgm"
CODE_INDEX = "dossiers_dossier_code_prefix"


def create_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    schema_editor.execute(
        f"CREATE INDEX IF NOT EXISTS {NAME_INDEX} ON dossiers_dossier USING gin (search_name gin_trgm_ops)")
    schema_editor.execute(
        f"CREATE INDEX IF NOT EXISTS {CODE_INDEX} ON dossiers_dossier (code varchar_pattern_ops)")


def drop_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(f"DROP INDEX IF EXISTS {NAME_INDEX}")
    schema_editor.execute(f"DROP INDEX IF EXISTS {CODE_INDEX}")


class Migration(migrations.Migration):
    dependencies = [("dossiers", "0001_initial")]

    operations = [migrations.RunPython(create_indexes, drop_indexes)]
