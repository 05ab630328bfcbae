"""Django app configuration of the REST API."""

from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApiConfig(AppConfig):
    """The REST API app: views, serializers, the report management command."""

    name = "thaikpi.api"
    label = "thaikpi_api"
    verbose_name = _("REST API")
