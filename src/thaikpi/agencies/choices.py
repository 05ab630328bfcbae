"""Enumerations of the agencies app."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class AgencyKind(models.TextChoices):
    """Where an agency sits in the hierarchy."""

    MINISTRY = "ministry", _("Ministry")
    DEPARTMENT = "department", _("Department")
    PROVINCE = "province", _("Province")
    DIVISION = "division", _("Division")
