"""Middleware: Content-Security-Policy, no caching of private responses, Thai-first language."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.middleware.locale import LocaleMiddleware
from django.utils import translation
from django.utils.cache import patch_cache_control, patch_vary_headers

# No inline scripts or styles anywhere; SVG charts are inline markup, which CSP allows.
POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
)


class ContentSecurityPolicyMiddleware:
    """Adds the Content-Security-Policy header to every response."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.setdefault("Content-Security-Policy", POLICY)
        return response


class PrivateResponsesMiddleware:
    """``Cache-Control: private, no-store`` on every response Django makes, ``Vary: Cookie``.

    Pages, API answers, PDF and Excel downloads and evidence files all depend on who asks (and
    the log-in page carries a CSRF token): no browser or proxy may keep a copy for the next
    person at a shared machine. Static files never reach this (WhiteNoise answers them first);
    a view that is truly the same for everyone may say so with ``cache_control(public=True)``.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if "public" in response.get("Cache-Control", ""):
            return response
        patch_cache_control(response, private=True, no_store=True)
        patch_vary_headers(response, ("Cookie", "Authorization"))
        return response


API_PREFIX = "/api/"


class ThaiFirstLocaleMiddleware(LocaleMiddleware):
    """Thai unless the user chose English with the switch; a browser's Accept-Language is ignored.

    Government users share machines set to English; the official language comes first. The API
    answers programs, which ask for a language on purpose: there an ``Accept-Language`` header is
    honoured (after the switch's cookie), so ``Accept-Language: en`` gets English messages.
    """

    def process_request(self, request: HttpRequest) -> None:
        code = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
        if code not in dict(settings.LANGUAGES):
            code = settings.LANGUAGE_CODE
            if request.path_info.startswith(API_PREFIX) and "HTTP_ACCEPT_LANGUAGE" in request.META:
                code = translation.get_language_from_request(request)
        translation.activate(code)
        request.LANGUAGE_CODE = translation.get_language()
