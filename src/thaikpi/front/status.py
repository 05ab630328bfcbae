"""Status words everyone reads the same way: chips with words, and "no result yet" (never 0).

A KPI's status key is the level of its scale its score reached (services.dashboard.
standing_key: '100', '75', '50' or '5' … '1', '0' below the entry level); its words and
colour are read with the scorecard's scale, which every chip is given.
"""

from __future__ import annotations

from decimal import Decimal

from django.utils.translation import gettext_lazy as _

from thaikpi.engine.formatting import figure
from thaikpi.engine.scales import Scale
from thaikpi.engine.scoring import KpiScore, Status
from thaikpi.front.filters import num
from thaikpi.services.dashboard import standing_key

WORDS = {
    "none": _("No result yet"),
    "open": _("Levels not set yet"),
    "na": _("Not assessed"),
}
CSS = {"none": "st-none", "open": "st-none", "na": "st-na"}


def key(score: KpiScore | None, scale: Scale) -> str:
    """The status key of a score ('100' … '0', 'none', 'open', 'na' for not assessed)."""
    return "na" if score is None else standing_key(score, scale) or "na"


def word(value: KpiScore | str | None, scale: Scale) -> str:
    """A score's (or a status key's) status in words: 'Level 4 reached', 'Below level 50'."""
    k = value if isinstance(value, str) else key(value, scale)
    if k in WORDS:
        return str(WORDS[k])
    level = Decimal(k)
    if level < scale.entry:
        return str(_("Below level %(level)s") % {"level": figure(scale.entry, 0)})
    return str(_("Level %(level)s reached") % {"level": k})


def css(value: KpiScore | str | None, scale: Scale) -> str:
    """The CSS class of a score's (or a status key's) chip: by the band of the level reached."""
    k = value if isinstance(value, str) else key(value, scale)
    if k in CSS:
        return CSS[k]
    return "st-" + scale.band(Decimal(k))


def shown_score(score: KpiScore | None, places: int | None = None) -> str:
    """The score as shown: its figure, or the status in words when there is no figure to show.

    A KPI without a result scores 0 in the total, but showing 0 would read as a real 0.
    """
    if score is None or score.status is Status.NOT_ASSESSED:
        return str(WORDS["na"])
    if score.status is Status.NO_RESULT:
        return str(WORDS["none"])
    if score.status is not Status.SCORED or score.score is None:
        return str(WORDS["open"])
    # Without places: as the scorecard's policy rounded it (2 places, or 4 on the five-level scale).
    return figure(score.score) if places is None else num(score.score, places)


def shown_weighted(score: KpiScore | None, places: int = 4) -> str:
    """The weighted score as shown: '–' when the KPI has no result yet (it adds 0)."""
    if score is None or score.status is not Status.SCORED:
        return "–"
    return num(score.weighted if score.weighted is not None else Decimal(0), places)
