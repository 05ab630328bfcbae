"""App configuration."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ScorecardsConfig(AppConfig):
    """Scorecards and versions."""

    name = "thaikpi.scorecards"
    verbose_name = _("Scorecards")
