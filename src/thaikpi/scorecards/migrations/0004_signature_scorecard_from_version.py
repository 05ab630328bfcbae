"""Signature.scorecard goes: the signed version names its scorecard.

Reversible: backwards, the column comes back nullable, is filled from the version, then is
required again."""

import django.db.models.deletion
from django.db import migrations, models


def fill_from_version(apps, schema_editor):  # type: ignore[no-untyped-def]
    """Backwards only: each signature's scorecard is its version's."""
    signature = apps.get_model("scorecards", "Signature")
    version = apps.get_model("scorecards", "ScorecardVersion")
    of_version = version.objects.filter(pk=models.OuterRef("version_id")).values("scorecard_id")
    signature.objects.update(scorecard_id=models.Subquery(of_version[:1]))


class Migration(migrations.Migration):
    dependencies = [
        ("scorecards", "0003_agreement"),
    ]

    operations = [
        migrations.AlterField(
            model_name="signature",
            name="scorecard",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="signatures",
                to="scorecards.scorecard",
                verbose_name="scorecard",
            ),
        ),
        migrations.RunPython(migrations.RunPython.noop, fill_from_version),
        migrations.RemoveField(model_name="signature", name="scorecard"),
    ]
