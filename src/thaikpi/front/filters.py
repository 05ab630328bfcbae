"""Template filters that are not a labels.py function as they stand: figures, Thai dates,
provenance, a stored Result as entered, who did something."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.utils import timezone

from thaikpi.engine import formatting
from thaikpi.engine.formula import rename
from thaikpi.front import labels
from thaikpi.web.dates import thai_date


def num(value: Decimal | None, places: int = 2) -> str:
    """A figure with thousands separators and fixed places; '–' when missing."""
    if value is None or value == "":
        return "–"
    return formatting.figure(Decimal(str(value)), int(places))


def figure(value: Decimal | None) -> str:
    """A figure as stated (its own places), '–' when missing."""
    return "–" if value is None else formatting.figure(Decimal(str(value)))


def thdate(value: datetime.date | datetime.datetime | None) -> str:
    """A date in the Thai way (Buddhist era) or the English way, by language."""
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        local = timezone.localtime(value)
        return f"{thai_date(local.date())} {local:%H:%M}"
    return thai_date(value)


def provenance(level: object) -> str:
    """How a level was set, in the active language."""
    thai = labels.language() == "th"
    return (getattr(level, "provenance_th", "") if thai else "") or getattr(level, "provenance", "")


def as_entered(result: object, kpi: object = None) -> str:
    """A stored Result's raw value for people, in the template's order of inputs and items."""
    return labels.as_entered(
        getattr(result, "raw", None),
        kpi,
        getattr(result, "round_no", None),  # type: ignore[arg-type]
    )


def person(user: object) -> str:
    """Who did something: the full name, else the username; '–' for nobody (the system)."""
    if user is None:
        return "–"
    return user.get_full_name() or user.get_username()  # type: ignore[attr-defined]


def formula_named(kpi: object) -> str:
    """A KPI's formula with its inputs by their names in the page's language."""
    source = getattr(kpi, "formula", None) or ""
    lang = labels.language()
    names = {i.id: i.name.get(lang) for i in getattr(kpi, "inputs", ()) if i.name.get(lang)}
    return rename(source, names)
