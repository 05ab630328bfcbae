"""Template filters for figures and Thai dates."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django import template
from django.utils import timezone

from thaikpi.engine.numbers import fmt
from thaikpi.web.thai import thai_date

register = template.Library()


@register.filter
def num(value: Decimal | None, places: int = 2) -> str:
    """A figure with thousands separators and fixed places; '–' when missing."""
    if value is None or value == "":
        return "–"
    return fmt(Decimal(str(value)), int(places))


@register.filter
def figure(value: Decimal | None) -> str:
    """A figure as stated (its own places), '–' when missing."""
    return "–" if value is None else fmt(Decimal(str(value)))


@register.filter
def thdate(value: datetime.date | datetime.datetime | None) -> str:
    """A date in the Thai way (Buddhist era) or the English way, by language."""
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        local = timezone.localtime(value)
        return f"{thai_date(local.date())} {local:%H:%M}"
    return thai_date(value)


@register.filter
def get(mapping: dict, key: object) -> object:
    """mapping[key] in templates."""
    return mapping.get(key) if mapping else None


@register.filter
def raw(value: object) -> str:
    """A stored result for people: '12.5', or 'trade_value = 10, budget = 1'."""
    if isinstance(value, dict):
        return ", ".join(f"{k} = {v}" for k, v in value.items())
    return "" if value is None else str(value)
