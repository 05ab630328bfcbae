"""App configuration."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ChangeLogConfig(AppConfig):
    """The change log: who changed what, when (``thaikpi.engine.audit`` is the audit of stated
    figures). Its label stays ``audit``, the name it was first installed under, so its table,
    migrations, content type and permissions keep their names."""

    name = "thaikpi.changelog"
    label = "audit"
    verbose_name = _("Audit log")
