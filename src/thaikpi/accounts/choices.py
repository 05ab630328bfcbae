"""Enumerations of the accounts app."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    """What a member may do: see thaikpi.scorecards.permissions for the rules."""

    ADMIN = "admin", _("Administrator")
    PLANNER = "planner", _("Planner")
    KPI_OWNER = "kpi_owner", _("KPI owner")
    EXECUTIVE = "executive", _("Executive")
    EVALUATOR = "evaluator", _("Evaluator")


# Roles that are not tied to one agency: they see every agency.
GLOBAL_ROLES = frozenset({Role.ADMIN, Role.EVALUATOR})
