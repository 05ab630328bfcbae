"""A closed round keeps the template version it was submitted under."""

import django.db.models.deletion
from django.db import migrations, models

CLOSED = ("submitted", "approved", "locked")


def pin_closed_rounds(apps, schema_editor):
    """Rounds already closed were scored with the scorecard's current version: keep that one."""
    RoundReview = apps.get_model("results", "RoundReview")
    Scorecard = apps.get_model("scorecards", "Scorecard")
    for scorecard_id, current_id in Scorecard.objects.values_list("pk", "current_id"):
        RoundReview.objects.filter(
            scorecard_id=scorecard_id, state__in=CLOSED, version__isnull=True
        ).update(version_id=current_id)


class Migration(migrations.Migration):
    dependencies = [
        ("results", "0001_initial"),
        ("scorecards", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="roundreview",
            name="version",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="scorecards.scorecardversion",
                verbose_name="scored with version",
            ),
        ),
        migrations.RunPython(pin_closed_rounds, migrations.RunPython.noop),
    ]
