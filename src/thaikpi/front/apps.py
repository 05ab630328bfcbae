"""App configuration."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FrontConfig(AppConfig):
    """Pages."""

    name = "thaikpi.front"
    verbose_name = _("Pages")
