"""Officers' search by applicant name unifies the i/y spellings (Lý/Lí: ``portal.text.search_fold``) on
both sides: recompute the stored ``search_name`` as the services now write it (backwards: with ``fold``)."""

from django.db import migrations
from django.db.models import Q

from portal.text import fold, search_fold


def _recompute(apps, normalise) -> None:
    Dossier = apps.get_model("dossiers", "Dossier")
    # Only a name with a word ending in i or y can change.
    candidates = (Dossier.objects.filter(Q(search_name__regex=r"[iy]( |$)"))
                  .only("pk", "applicant_name", "search_name").order_by("pk"))
    changed = []
    for dossier in candidates.iterator(chunk_size=2000):
        name = normalise(dossier.applicant_name)
        if name != dossier.search_name:
            dossier.search_name = name
            changed.append(dossier)
        if len(changed) >= 2000:
            Dossier.objects.bulk_update(changed, ["search_name"])
            changed = []
    Dossier.objects.bulk_update(changed, ["search_name"])


def forwards(apps, schema_editor):
    _recompute(apps, search_fold)


def backwards(apps, schema_editor):
    _recompute(apps, fold)


class Migration(migrations.Migration):
    dependencies = [("dossiers", "0006_registry_lookup")]

    operations = [migrations.RunPython(forwards, backwards)]
