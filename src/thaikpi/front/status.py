"""Status words everyone reads the same way: chips with words, and "no result yet" (never 0).

The colour of a KPI comes from services.dashboard.colour (the level reached); these are its
words in the page's language.
"""

from __future__ import annotations

from decimal import Decimal

from django.utils.translation import gettext_lazy as _

from thaikpi.engine.formatting import figure
from thaikpi.engine.scoring import KpiScore, Status
from thaikpi.front.filters import num
from thaikpi.services.dashboard import colour

WORDS = {
    "100": _("Level 100 reached"),
    "75": _("Level 75 reached"),
    "50": _("Level 50 reached"),
    "0": _("Below level 50"),
    "none": _("No result yet"),
    "open": _("Levels not set yet"),
    "na": _("Not assessed"),
}
CSS = {"100": "st-100", "75": "st-75", "50": "st-50", "0": "st-0", "none": "st-none",
       "open": "st-none", "na": "st-na"}  # fmt: skip


def key(score: KpiScore | None) -> str:
    """The colour key of a score ('100' … 'none', 'open', 'na' for not assessed)."""
    return "na" if score is None else colour(score) or "na"


def word(value: KpiScore | str | None) -> str:
    """A score's (or a colour key's) status in words."""
    k = value if isinstance(value, str) else key(value)
    return str(WORDS.get(k, k))


def css(value: KpiScore | str | None) -> str:
    """The CSS class of a score's (or a colour key's) status chip."""
    k = value if isinstance(value, str) else key(value)
    return CSS.get(k, "st-na")


def shown_score(score: KpiScore | None, places: int | None = None) -> str:
    """The score as shown: its figure, or the status in words when there is no figure to show.

    A KPI without a result scores 0 in the total, but showing 0 would read as a real 0.
    """
    if score is None or score.status is not Status.SCORED or score.score is None:
        return word(score)
    # Without places: as the scorecard's policy rounded it (2 places, or 4 on the five-level scale).
    return figure(score.score) if places is None else num(score.score, places)


def shown_weighted(score: KpiScore | None, places: int = 4) -> str:
    """The weighted score as shown: '–' when the KPI has no result yet (it adds 0)."""
    if score is None or score.status is not Status.SCORED:
        return "–"
    return num(score.weighted if score.weighted is not None else Decimal(0), places)
