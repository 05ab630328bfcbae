"""Database sessions, read in plain SQL (every logged-in request reads its session first)."""

from __future__ import annotations

from typing import Any

from django.contrib.sessions.backends.db import SessionStore as DatabaseSessionStore

from thaikpi.services import plainsql


class SessionStore(DatabaseSessionStore):
    """Django's database sessions; only the read of one session avoids the ORM's query building."""

    def _get_session_from_db(self) -> Any:
        found = plainsql.one(
            self.model,
            "t.session_key = %s AND t.expire_date > %s",
            [self.session_key, plainsql.now()],
        )
        if found is None:
            self._session_key = None
        return found
