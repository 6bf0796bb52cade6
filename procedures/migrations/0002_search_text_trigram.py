"""Catalogue search: backfill ProcedureVersion.search_text and, on PostgreSQL, index it with pg_trgm so
the ``LIKE '%word%'`` filters of procedures.selectors.catalogue_filter use an index. SQLite: backfill only."""

from django.db import migrations

from portal.text import fold

INDEX = "procedures_version_search_trgm"


def backfill(apps, schema_editor):
    Version = apps.get_model("procedures", "ProcedureVersion")
    for version in Version.objects.select_related("procedure", "field").iterator():
        version.search_text = fold(
            " ".join((version.procedure.code, version.name, version.name_en, version.field.name,
                      version.field.name_en))
        )
        version.save(update_fields=["search_text"])


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    schema_editor.execute(
        f"CREATE INDEX IF NOT EXISTS {INDEX} ON procedures_procedureversion USING gin (search_text gin_trgm_ops)"
    )


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    # The extension stays: other apps may rely on it.
    schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [("procedures", "0001_initial")]

    operations = [
        migrations.RunPython(backfill, migrations.RunPython.noop),
        migrations.RunPython(create_index, drop_index),
    ]
