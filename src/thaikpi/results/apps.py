"""App configuration."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ResultsConfig(AppConfig):
    """Results and reviews."""

    name = "thaikpi.results"
    verbose_name = _("Results")
