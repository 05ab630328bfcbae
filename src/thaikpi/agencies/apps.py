"""App configuration."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AgenciesConfig(AppConfig):
    """Agencies and fiscal years."""

    name = "thaikpi.agencies"
    verbose_name = _("Agencies")
