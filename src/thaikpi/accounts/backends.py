"""Log-in by username and password, and the user of each request read in plain SQL."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend

from thaikpi.services import plainsql


class UserBackend(ModelBackend):
    """Django's ModelBackend; only ``get_user`` (run on every request) avoids query building."""

    def get_user(self, user_id: Any) -> Any:
        """The active user with this id, or None."""
        try:
            pk = int(user_id)
        except (TypeError, ValueError):
            return None  # a session from another user model: logged out, as ModelBackend does
        if not 0 < pk < 2**63:
            return None
        model = get_user_model()
        user = plainsql.one(model, f"t.{plainsql.quote(model._meta.pk.column)} = %s", [pk])
        return user if user is not None and self.user_can_authenticate(user) else None
