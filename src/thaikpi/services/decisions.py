"""Decisions on figures that differ from the signed document: recorded, audited, then scored.

The audit finds levels whose stated figure (printed in the signed document) differs from what
the level's rule gives. A planner of the agency decides which one the scoring follows, with a
reason; :func:`decide` records it for the current version, KPI, round and level, and the audit
log keeps every decision and change of mind. ``services.engine.decided`` applies the stored
decisions in every scoring path. A decision is made while the round is open: a submitted,
approved or locked round keeps the figures it was submitted with.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from thaikpi.changelog.log import record
from thaikpi.engine import model as m
from thaikpi.engine.decisions import (
    Choice,
    Decision,
    apply_decisions,
    figures,
    is_decidable,
    out_of_order,
)
from thaikpi.results.choices import FigureChoice
from thaikpi.results.models import FigureDecision
from thaikpi.scorecards import permissions
from thaikpi.scorecards.models import Scorecard, ScorecardVersion
from thaikpi.services import engine, rounds
from thaikpi.services.dashboard import LEVEL_FIGURE, audit_anchor, level_mismatches
from thaikpi.services.errors import Invalid, NotAllowed, RoundClosed


def snapshot(decision: FigureDecision | None) -> dict[str, Any] | None:
    """What the audit log keeps of a decision."""
    if decision is None:
        return None
    return {
        "version": decision.version.number,
        "round": decision.round_no,
        "level": decision.score,
        "choice": decision.choice,
        "stated": decision.stated,
        "recomputed": decision.recomputed,
        "reason": decision.reason,
    }


def can_decide(user: Any, scorecard: Scorecard) -> bool:
    """Planners of the agency (and administrators) decide which figure counts."""
    return permissions.is_planner(user, scorecard)


@transaction.atomic
def decide(
    user: Any,
    scorecard: Scorecard,
    kpi_id: str,
    round_no: int,
    score: int,
    choice: str,
    reason: str,
) -> FigureDecision:
    """Record which figure level ``score`` of KPI ``kpi_id`` in round ``round_no`` follows.

    Refused unless the user plans for the agency, the round is open, the level has a stated
    figure that differs from its recomputation, a reason is given, and the levels stay in
    order with the choice. Deciding again replaces the decision; the log keeps both.
    """
    if not can_decide(user, scorecard):
        raise NotAllowed(_("Only planners of the agency decide which figure counts."))
    review = rounds.review_for_update(scorecard, round_no)
    if not review.is_open:
        raise RoundClosed(
            _("Round {round} is {state}: its figures stay as they were submitted.").format(
                round=round_no, state=review.get_state_display()
            )
        )
    reason = reason.strip()
    if not reason:
        raise Invalid(_("Say why: a decision needs a reason."))
    if choice not in FigureChoice.values:
        raise Invalid(_("Choose the stated or the recomputed figure."))
    version = scorecard.current
    assert version is not None, "a scorecard always has a current version"
    sc = engine.parsed(version)
    kpi, level = _level(sc, kpi_id, round_no, score)
    stated, again = figures(kpi, level)
    earlier = [
        Decision(d.kpi_id, d.round_no, Decimal(d.score), Choice(d.choice), d.reason)
        for d in FigureDecision.objects.filter(version=version, kpi_id=kpi_id, round_no=round_no)
        if d.score != score
    ]
    made = Decision(kpi_id, round_no, Decimal(score), Choice(choice), reason)
    after = apply_decisions(sc, [*earlier, made]).kpi(kpi_id)
    assert after is not None
    if out_of_order(after, round_no):
        raise Invalid(
            _(
                "With this choice the levels of round {round} would be out of order; decide "
                "the other levels of the round first."
            ).format(round=round_no)
        )
    existing = (
        FigureDecision.objects.select_for_update()
        .filter(version=version, kpi_id=kpi_id, round_no=round_no, score=score)
        .first()
    )
    before = snapshot(existing)
    decision = existing or FigureDecision(kpi_id=kpi_id, round_no=round_no, score=score)
    # The version and its scorecard as this call holds them: the log's repr of the decision
    # names the scorecard (read through the version) without reading either back.
    version.scorecard = scorecard
    decision.version = version
    decision.choice, decision.reason, decision.decided_by = choice, reason, user
    decision.stated, decision.recomputed = str(stated), str(again)
    decision.save()
    action = "figure.redecide" if existing else "figure.decide"
    record(
        user, action, decision, before=before, after=snapshot(decision),
        scorecard=scorecard, kpi_id=kpi_id,
    )  # fmt: skip
    scorecard.refresh_from_db(fields=["changed_at"])  # the decided figures are read anew
    return decision


def _level(sc: m.Scorecard, kpi_id: str, round_no: int, score: int) -> tuple[m.Kpi, m.Level]:
    kpi = sc.kpi(kpi_id)
    kr = kpi.round(round_no) if kpi else None
    level = next((lv for lv in kr.levels if lv.score == score), None) if kr else None
    if kpi is None or level is None or not is_decidable(kpi, level):
        raise Invalid(
            _(
                "Level {level} of KPI {kpi} in round {round} has no stated figure that differs "
                "from its recomputation: there is nothing to decide."
            ).format(level=score, kpi=kpi_id, round=round_no)
        )
    return kpi, level


@dataclass(frozen=True)
class Mark:
    """A level whose stated figure differs from its recomputation, as a page shows it."""

    score: int
    stated: Decimal | None
    recomputed: Decimal | None
    anchor: str  # the audit row's id on the audit page
    decidable: bool  # the KPI's own rounding gives two different figures to choose between
    decision: FigureDecision | None  # what the planner decided, if anything yet


def marks(
    scorecard: Scorecard, version: ScorecardVersion, kpi_id: str, round_no: int
) -> dict[int, Mark]:
    """Level score → its mark, for the mismatched levels of one KPI in one round.

    The decisions are read (one query) only when the round has a mismatched level.
    """
    sc = engine.parsed(version)
    kpi = sc.kpi(kpi_id)
    kr = kpi.round(round_no) if kpi else None
    if kpi is None or kr is None:
        return {}
    levels = {int(lv.score): lv for lv in kr.levels}
    differ = []
    for f in engine.audit_findings(sc, kpi_id):
        named = LEVEL_FIGURE.match(f.figure)
        if f.match is False and named and int(named[1]) == round_no and int(named[2]) in levels:
            differ.append((int(named[2]), f))
    if not differ:
        return {}
    rows = FigureDecision.objects.filter(version=version, kpi_id=kpi_id, round_no=round_no)
    decided = {d.score: d for d in rows.select_related("decided_by")}
    return {
        score: Mark(
            score,
            f.stated,
            f.recomputed,
            audit_anchor(kpi_id, f.figure),
            is_decidable(kpi, levels[score]),
            decided.get(score),
        )
        for score, f in differ
    }


def by_audit_row(version: ScorecardVersion) -> dict[str, FigureDecision]:
    """Audit row id → the decision on that level, for a version's audit page.

    Read (one query) only when the version's audit finds a mismatched level.
    """
    mismatches = engine.audit_report(engine.parsed(version)).mismatches
    if not any(LEVEL_FIGURE.match(f.figure) for f in mismatches):
        return {}
    rows = FigureDecision.objects.filter(version=version)
    return {audit_anchor(d.kpi_id, f"round {d.round_no} level {d.score}"): d for d in rows}


def shown_differing(raw: m.Scorecard, shown: m.Scorecard, round_no: int) -> dict[str, set[int]]:
    """KPI id → levels whose figure as shown (``shown``: decided) differs from the document.

    The audit's mismatched levels of ``raw`` (the template as parsed), less those a decision
    set back to the stated figure: the overview marks these ≠.
    """
    found: dict[str, set[int]] = {}
    for kpi_id, scores in level_mismatches(raw, round_no).items():
        kpi = shown.kpi(kpi_id)
        kr = kpi.round(round_no) if kpi else None
        levels = {int(lv.score): lv for lv in kr.levels} if kr else {}
        kept = {s for s in scores if s in levels and levels[s].value == levels[s].stated}
        if scores - kept:
            found[kpi_id] = scores - kept
    return found
