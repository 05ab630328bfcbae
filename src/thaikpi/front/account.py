"""The user's own account pages: the API token (create, replace, revoke) from the web.

The token itself is made and revoked by :mod:`thaikpi.services.tokens`, which writes the audit log.
A new key is shown once, in the response to the POST that made it, and never again.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from thaikpi.changelog.models import AuditLog
from thaikpi.front.filters import thdate
from thaikpi.services import tokens

TOKEN_ACTIONS = ("create", "replace", "revoke")


@never_cache
@login_required
def api_token(request: HttpRequest) -> HttpResponse:
    """Whether the user has an API token; create one (shown once), replace it, revoke it."""
    user = request.user
    key = None
    if request.method == "POST":
        action = request.POST.get("action", "")
        if action not in TOKEN_ACTIONS:
            messages.error(request, _("Unknown action."))
            return redirect("front:token")
        if action == "revoke":
            if tokens.revoke(user):
                messages.success(request, _("Your API token was revoked; it no longer works."))
            else:
                messages.info(request, _("You had no API token."))
            return redirect("front:token")
        if action == "create" and tokens.issued_at(user) is not None:
            messages.error(
                request, _("You already have an API token. Replace it to get a new key.")
            )
            return redirect("front:token")
        key = tokens.replace(user) if action == "replace" else tokens.issue(user)
    history = AuditLog.objects.filter(
        object_type=user._meta.label_lower,
        object_id=str(user.pk),
        action__startswith="api_token.",
    ).select_related("actor")[:10]
    issued_at = tokens.issued_at(user)
    ctx = {
        "key": key,
        "issued_at": issued_at,
        "issued_text": issued_at
        and _("You have an API token, created %(when)s.") % {"when": thdate(issued_at)},
        "history": history,
        "docs_url": reverse("api:docs"),
        "api_url": request.build_absolute_uri(reverse("api:scorecards")),
    }
    return render(request, "front/token.html", ctx)
