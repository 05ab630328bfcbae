"""API tokens: one per user, issued on request and revoked at once. The web pages call these too."""

from __future__ import annotations

import datetime
from typing import Any

from django.db import transaction
from rest_framework.authtoken.models import Token

from thaikpi.changelog.log import record


@transaction.atomic
def issue(user: Any) -> str:
    """The user's token key, created if the user has none."""
    token, created = Token.objects.get_or_create(user=user)
    if created:
        # Log against the user: the token's primary key is the secret itself.
        record(user, "api_token.create", user)
    return str(token.key)


@transaction.atomic
def revoke(user: Any) -> bool:
    """Delete the user's token; True if there was one."""
    deleted, _rows = Token.objects.filter(user=user).delete()
    if deleted:
        record(user, "api_token.revoke", user)
    return bool(deleted)


def issued_at(user: Any) -> datetime.datetime | None:
    """When the user's token was created, or None if the user has none (the key stays hidden)."""
    return Token.objects.filter(user=user).values_list("created", flat=True).first()


@transaction.atomic
def replace(user: Any) -> str:
    """Revoke the user's token (if any) and issue a new one; both are logged."""
    revoke(user)
    return issue(user)
