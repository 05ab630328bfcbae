"""The site's URLs plus two that crash, to see the 500 answers (tests only)."""

from django.http import HttpRequest, HttpResponse
from django.urls import path

from thaikpi.web.urls import handler403, handler404, handler500, urlpatterns

__all__ = ["handler403", "handler404", "handler500", "urlpatterns"]


def boom(request: HttpRequest) -> HttpResponse:
    """A view that fails the way a bug would."""
    raise RuntimeError("secret internals: /srv/thaikpi/settings.py line 12")


urlpatterns = [path("boom/", boom), path("api/v1/boom/", boom), *urlpatterns]
