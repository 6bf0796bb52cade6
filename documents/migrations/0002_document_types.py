"""The 29 kinds of administrative document of Decree 30/2020/NĐ-CP art. 7 and the three copy forms, with
their Appendix III abbreviations. Rows already present (an admin's edits) are left as they are."""

from django.db import migrations


def seed(apps, schema_editor):
    from documents.data import DOCUMENT_TYPES

    DocumentType = apps.get_model("documents", "DocumentType")
    for position, (code, name, name_en, abbreviation) in enumerate(DOCUMENT_TYPES, start=1):
        DocumentType.objects.get_or_create(code=code, defaults={
            "name": name, "name_en": name_en, "abbreviation": abbreviation, "position": position})


class Migration(migrations.Migration):
    dependencies = [("documents", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
