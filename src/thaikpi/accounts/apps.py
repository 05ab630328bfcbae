"""App configuration."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    """Memberships and roles."""

    name = "thaikpi.accounts"
    verbose_name = _("Accounts")
