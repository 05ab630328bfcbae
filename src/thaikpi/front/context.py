"""Template context shared by every page."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest
from django.template.backends.utils import csrf_input
from django.utils.functional import SimpleLazyObject
from django.utils.safestring import SafeString

from thaikpi.scorecards import permissions


def site(request: HttpRequest) -> dict[str, object]:
    """Demo-mode flag and the role-dependent menu entries."""
    user = getattr(request, "user", None)
    return {
        "demo_mode": not settings.PRODUCTION,
        "nav_review": is_eval(user),
        "nav_import": bool(user and user.is_authenticated and permissions.may_import(user)),
        # Counted with the user's roles, in the one query the header's menu needs anyway.
        "inbox_unread": SimpleLazyObject(lambda: permissions.roles_of(user).unread),
    }


def is_eval(user: object) -> bool:
    """True for evaluators and administrators."""
    return bool(
        user and getattr(user, "is_authenticated", False) and permissions.is_evaluator(user)
    )


def csrf_field(request: HttpRequest) -> dict[str, object]:
    """The CSRF form field, made once a page when first used, as Django's own templates do.

    Django's Jinja2 backend would mask a new token for every form on the page.
    """
    return {"csrf_input": SimpleLazyObject(lambda: page_csrf_input(request))}


def page_csrf_input(request: HttpRequest) -> SafeString:
    """The page's CSRF form field: masked once per request, however many forms use it."""
    found: SafeString | None = getattr(request, "_thaikpi_csrf_input", None)
    if found is None:
        found = csrf_input(request)
        request._thaikpi_csrf_input = found  # type: ignore[attr-defined]
    return found
