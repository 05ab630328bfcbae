"""FigureDecision.scorecard goes: the decision's version names its scorecard.

Reversible: backwards, the column comes back nullable, is filled from the version, then is
required again."""

import django.db.models.deletion
from django.db import migrations, models


def fill_from_version(apps, schema_editor):  # type: ignore[no-untyped-def]
    """Backwards only: each decision's scorecard is its version's."""
    decision = apps.get_model("results", "FigureDecision")
    version = apps.get_model("scorecards", "ScorecardVersion")
    of_version = version.objects.filter(pk=models.OuterRef("version_id")).values("scorecard_id")
    decision.objects.update(scorecard_id=models.Subquery(of_version[:1]))


class Migration(migrations.Migration):
    dependencies = [
        ("results", "0005_seriesfile"),
        ("scorecards", "0003_agreement"),
    ]

    operations = [
        migrations.AlterField(
            model_name="figuredecision",
            name="scorecard",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="figure_decisions",
                to="scorecards.scorecard",
                verbose_name="scorecard",
            ),
        ),
        migrations.RunPython(migrations.RunPython.noop, fill_from_version),
        migrations.RemoveField(model_name="figuredecision", name="scorecard"),
    ]
