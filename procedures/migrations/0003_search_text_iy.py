"""Catalogue search unifies the i/y spellings (kí/ký, lí/lý: ``portal.text.search_fold``) on both sides:
recompute the stored search text of every version, as ``procedures.services.search_text_for`` now does
(backwards: as it did before, with ``fold``)."""

from django.db import migrations

from portal.text import fold, search_fold


def _recompute(apps, normalise) -> None:
    Version = apps.get_model("procedures", "ProcedureVersion")
    changed = []
    for version in Version.objects.select_related("procedure", "field").iterator(chunk_size=1000):
        text = normalise(" ".join((version.procedure.code, version.name, version.name_en, version.field.name,
                                   version.field.name_en)))
        if text != version.search_text:
            version.search_text = text
            changed.append(version)
    Version.objects.bulk_update(changed, ["search_text"], batch_size=500)


def forwards(apps, schema_editor):
    _recompute(apps, search_fold)


def backwards(apps, schema_editor):
    _recompute(apps, fold)


class Migration(migrations.Migration):
    dependencies = [("procedures", "0002_search_text_trigram")]

    operations = [migrations.RunPython(forwards, backwards)]
