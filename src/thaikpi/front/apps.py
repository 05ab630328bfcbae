"""App configuration."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FrontConfig(AppConfig):
    """Pages."""

    name = "thaikpi.front"
    verbose_name = _("Pages")

    def ready(self) -> None:
        """Fingerprint the code as it is loaded, before files on disk can change under it."""
        from thaikpi.front import pagecache

        pagecache.code_fingerprint()
