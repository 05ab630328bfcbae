"""App configuration."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DiscussionsConfig(AppConfig):
    """Comments between KPI owners, planners and evaluators on a round or one of its KPIs."""

    name = "thaikpi.discussions"
    label = "discussions"
    verbose_name = _("Discussions")
    default_auto_field = "django.db.models.BigAutoField"
