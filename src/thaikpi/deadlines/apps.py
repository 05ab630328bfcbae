"""Deadlines, the to-do list, notifications and the calendar feed."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DeadlinesConfig(AppConfig):
    """Due dates per round and KPI, notifications sent once, and each user's calendar feed."""

    name = "thaikpi.deadlines"
    label = "deadlines"
    verbose_name = _("Deadlines and notifications")
    default_auto_field = "django.db.models.BigAutoField"
