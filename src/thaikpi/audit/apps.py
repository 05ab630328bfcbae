"""App configuration."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    """Audit log."""

    name = "thaikpi.audit"
    verbose_name = _("Audit log")
