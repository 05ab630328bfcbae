"""Joint KPIs shared by several agencies."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class JointConfig(AppConfig):
    """A joint KPI defined once, reported by its owning agency, scored in every carrier."""

    name = "thaikpi.joint"
    label = "joint"
    verbose_name = _("Joint KPIs")
    default_auto_field = "django.db.models.BigAutoField"
