"""The pages' answer to a scorecard the user may not read: Django's 404, in one place."""

from __future__ import annotations

from collections.abc import Callable

from django.http import Http404, HttpRequest, HttpResponse

from thaikpi.scorecards.permissions import NotFound


class NotFoundMiddleware:
    """Turns the permission layer's NotFound into a 404 page (the API maps it in api/base.py)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> None:
        """Raise Http404 for NotFound: the same page as for a URL that matches nothing."""
        if isinstance(exception, NotFound):
            raise Http404(str(exception)) from exception
