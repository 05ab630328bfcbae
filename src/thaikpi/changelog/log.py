"""Writing change-log entries; services call :func:`record` inside their transaction."""

from __future__ import annotations

from typing import Any

from django.db import models

from thaikpi.changelog.models import AuditLog
from thaikpi.scorecards.models import Scorecard


def record(
    actor: Any,
    action: str,
    obj: models.Model,
    *,
    before: Any = None,
    after: Any = None,
    scorecard: Any = None,
    kpi_id: str = "",
) -> AuditLog:
    """Append one entry for ``action`` on ``obj`` by ``actor``; a scorecard's content changed.

    Every service that writes a scorecard's results, reviews, versions or owners records it
    here in its transaction, so this is also where the scorecard's ``changed_at`` moves on:
    figures cached from its content (the agencies' comparison) are keyed on it.
    """
    if scorecard is not None:
        Scorecard.objects.filter(pk=scorecard.pk).mark_changed()
    return AuditLog.objects.create(
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        action=action,
        object_type=obj._meta.label_lower,
        object_id=str(obj.pk),
        object_repr=str(obj)[:255],
        scorecard=scorecard,
        kpi_id=kpi_id,
        before=before,
        after=after,
    )
