"""A procedure version says whether its result has a paper original (besides the electronic result), and a
step of the internal process whether it drafts the result. Existing steps whose name says "dự thảo"
(draft) are marked as drafting steps, as the catalogue's services now mark them."""

import unicodedata

from django.db import migrations, models


def mark_drafting_steps(apps, schema_editor):
    Step = apps.get_model("procedures", "InternalProcessStep")
    marked = [step.pk for step in Step.objects.filter(name__icontains="th").only("pk", "name").iterator()
              if "dự thảo" in unicodedata.normalize("NFC", step.name).casefold()]
    Step.objects.filter(pk__in=marked).update(drafts_result=True)


class Migration(migrations.Migration):

    dependencies = [
        ("procedures", "0003_search_text_iy"),
    ]

    operations = [
        migrations.AddField(
            model_name="internalprocessstep",
            name="drafts_result",
            field=models.BooleanField(default=False, help_text="Whoever handles this step attaches the draft result the leader reviews and signs.", verbose_name="drafts the result"),
        ),
        migrations.AddField(
            model_name="procedureversion",
            name="issues_paper_original",
            field=models.BooleanField(default=True, help_text="The result has a paper original, handed over at the centre or sent by post, besides the electronic result.", verbose_name="issues a paper original"),
        ),
        migrations.RunPython(mark_drafting_steps, migrations.RunPython.noop),
    ]
