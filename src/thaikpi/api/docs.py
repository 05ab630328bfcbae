"""The OpenAPI schema and its browsable docs (Swagger UI), served offline and CSP-clean."""

from __future__ import annotations

from typing import ClassVar

from django.templatetags.static import static
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.permissions import AllowAny

TITLE = "ThaiKPI API v1"


class SchemaView(SpectacularAPIView):
    """The OpenAPI 3 schema of /api/v1/ (YAML, or JSON with ?format=json)."""

    permission_classes = (AllowAny,)
    custom_settings: ClassVar[dict[str, object]] = {
        "TITLE": TITLE,
        "VERSION": "1",
        "DESCRIPTION": (
            "Thai government KPI scorecards (OPDC). Authenticate with `Authorization: Token "
            "<key>` (POST /api/v1/auth/token/). Figures are decimal strings. Errors are JSON "
            "with `detail` and `code`."
        ),
        "SCHEMA_PATH_PREFIX": "/api/v1",
        "COMPONENT_SPLIT_REQUEST": True,
    }


class DocsView(SpectacularSwaggerSplitView):
    """Swagger UI from the drf-spectacular-sidecar files: no CDN, no inline script or style."""

    permission_classes = (AllowAny,)
    url_name = "api:schema"
    title = TITLE
    template_name = "api/swagger_ui.html"

    @staticmethod
    def _swagger_ui_resource(filename: str) -> str:
        return static(f"drf_spectacular_sidecar/swagger-ui-dist/{filename}")

    @staticmethod
    def _swagger_ui_favicon() -> str:
        return static("drf_spectacular_sidecar/swagger-ui-dist/favicon-32x32.png")
