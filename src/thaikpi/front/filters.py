"""Template filters: figures, Thai dates and the engine's labels in the active language."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.utils import timezone
from django.utils.translation import get_language

from thaikpi.engine.numbers import fmt
from thaikpi.front import labels
from thaikpi.front.tables import text
from thaikpi.web.thai import thai_date


def num(value: Decimal | None, places: int = 2) -> str:
    """A figure with thousands separators and fixed places; '–' when missing."""
    if value is None or value == "":
        return "–"
    return fmt(Decimal(str(value)), int(places))


def figure(value: Decimal | None) -> str:
    """A figure as stated (its own places), '–' when missing."""
    return "–" if value is None else fmt(Decimal(str(value)))


def thdate(value: datetime.date | datetime.datetime | None) -> str:
    """A date in the Thai way (Buddhist era) or the English way, by language."""
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        local = timezone.localtime(value)
        return f"{thai_date(local.date())} {local:%H:%M}"
    return thai_date(value)


def raw(value: object) -> str:
    """A stored result for people: '12.5', 'trade_value = 10, budget = 1', or item levels."""
    if isinstance(value, dict):
        return ", ".join(
            f"{k} = {v}" if not isinstance(v, dict) else raw(v) for k, v in value.items()
        )
    return "" if value is None else str(value)


def local(value: object) -> str:
    """An engine label (Thai with English beside it) in the active language."""
    return text(value)  # type: ignore[arg-type]


def provenance(level: object) -> str:
    """How a level was set, in the active language."""
    thai = get_language() != "en"
    return (getattr(level, "provenance_th", "") if thai else "") or getattr(level, "provenance", "")


def as_entered(result: object, kpi: object = None) -> str:
    """A stored Result's raw value for people, in the template's order of inputs and items."""
    return labels.as_entered(
        getattr(result, "raw", None),
        kpi,
        getattr(result, "round_no", None),  # type: ignore[arg-type]
    )


def explain(score: object) -> str:
    """The engine's explanation of a KpiScore in the active language (Thai by default)."""
    return labels.explanation(score)  # type: ignore[arg-type]


def action_label(code: str) -> str:
    """An audit action for people: 'result.save' → 'Result saved' (translated)."""
    return labels.action(code)


def change(values: object) -> str:
    """An audit entry's before or after for people, not as Python's repr."""
    return labels.change(values)


def audit_figure(finding: object, scorecard: object = None) -> str:
    """An audited figure's name in the active language ('round 1 level 75' → 'รอบที่ 1 …')."""
    return labels.audit_figure(finding, scorecard)  # type: ignore[arg-type]


def subject(entry: object) -> str:
    """What an audit log entry changed, in the active language ('KPI 3 · round 1')."""
    return labels.subject(entry)


def person(user: object) -> str:
    """Who did something: the full name, else the username; '–' for nobody (the system)."""
    if user is None:
        return "–"
    return user.get_full_name() or user.get_username()  # type: ignore[attr-defined]
