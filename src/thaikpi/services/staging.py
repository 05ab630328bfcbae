"""An uploaded sheet held between its preview and its confirmation, for the user who sent it.

The preview pages (survey and monthly sheets) read a file, show what it would store and ask to
confirm; the confirmation must store exactly the file that was shown, without asking for it
again. The bytes wait in the data folder (beside the evidence, never under a public URL) under
a random name; the page carries a signed ticket naming the file, its user and its SHA-256, so
a ticket from another user, a changed file or one older than :data:`MAX_AGE` is refused.
Confirmed files are removed; forgotten ones are swept when a later file is staged.
"""

from __future__ import annotations

import hashlib
import time
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core import signing
from django.utils.translation import gettext as _

from thaikpi.services.errors import Invalid

MAX_AGE = 3600  # seconds a preview stays confirmable
SALT = "thaikpi.staging"


@dataclass(frozen=True)
class Staged:
    """A staged file: its ticket (for the confirm form), name and bytes."""

    ticket: str
    name: str
    data: bytes


def _folder() -> Path:
    folder = Path(settings.EVIDENCE_DIR) / "staged"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _sweep(folder: Path) -> None:
    """Remove staged files nobody confirmed in time."""
    limit = time.time() - MAX_AGE
    for path in folder.iterdir():
        try:
            if path.stat().st_mtime < limit:
                path.unlink()
        except OSError:
            continue  # another process removed it first


def stage(user: Any, data: bytes, name: str) -> Staged:
    """Keep ``data`` for ``user`` until confirmed; the ticket names it."""
    folder = _folder()
    _sweep(folder)
    key = uuid.uuid4().hex
    (folder / key).write_bytes(data)
    ticket = signing.dumps(
        {"u": user.pk, "k": key, "n": name, "h": hashlib.sha256(data).hexdigest()}, salt=SALT
    )
    return Staged(ticket, name, data)


def take(user: Any, ticket: str) -> Staged:
    """The staged file a ticket names; Invalid if it is not this user's, changed or expired."""
    expired = Invalid(_("This preview has expired: choose the file again."))
    try:
        found = signing.loads(ticket, salt=SALT, max_age=MAX_AGE)
    except signing.BadSignature:  # also SignatureExpired
        raise expired from None
    if not isinstance(found, dict) or found.get("u") != user.pk:
        raise expired
    path = _folder() / str(found["k"])
    try:
        data = path.read_bytes()
    except OSError:
        raise expired from None
    if hashlib.sha256(data).hexdigest() != found["h"]:
        raise expired
    return Staged(ticket, str(found["n"]), data)


def discard(ticket: str) -> None:
    """Remove a staged file once its import is confirmed (a bad ticket is ignored)."""
    try:
        found = signing.loads(ticket, salt=SALT)
    except signing.BadSignature:
        return
    if isinstance(found, dict):
        (_folder() / str(found.get("k", "-"))).unlink(missing_ok=True)
