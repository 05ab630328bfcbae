"""URL configuration."""

from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("api/v1/", include("thaikpi.api.urls")),
    path("", include("thaikpi.front.urls")),
]

handler403 = "thaikpi.web.errors.permission_denied"
handler404 = "thaikpi.web.errors.page_not_found"
handler500 = "thaikpi.web.errors.server_error"
