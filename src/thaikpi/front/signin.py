"""The pages' login_required: Django's, and then the view sees the user itself.

Django gives every request a lazy stand-in for the user (``SimpleLazyObject``), so a request
without a page that needs one never reads the session. Each attribute read through the
stand-in is a Python call, and the overview reads the user some hundred times (permissions,
menus, templates): about 5 % of the page. Once the user is known anyway, the view gets it
as it is.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.decorators import login_required as django_login_required
from django.http import HttpRequest, HttpResponse
from django.utils.functional import LazyObject, empty

View = Callable[..., HttpResponse]


def login_required(view: View) -> View:
    """Send anonymous visitors to the log-in page; give the view ``request.user`` unwrapped."""

    @wraps(view)
    def with_user(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        request.user = resolved(request.user)
        return view(request, *args, **kwargs)

    return django_login_required(with_user)


def resolved(user: Any) -> Any:
    """The object a lazy user stands for (the user itself if it is not lazy)."""
    if isinstance(user, LazyObject):
        if user._wrapped is empty:
            user._setup()
        return user._wrapped
    return user
