"""Writing audit entries; services call :func:`record` inside their transaction."""

from __future__ import annotations

from typing import Any

from django.db import models

from thaikpi.audit.models import AuditLog


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
    """Append one entry for ``action`` on ``obj`` by ``actor``."""
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
