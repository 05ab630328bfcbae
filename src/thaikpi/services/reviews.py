"""A round's review: submit, return with comment, approve, lock. Locked is final."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from thaikpi.changelog.log import record
from thaikpi.engine import model as m
from thaikpi.engine.findings import EngineError
from thaikpi.engine.scoring import Status
from thaikpi.results.choices import ReviewAction, ReviewState
from thaikpi.results.models import Evidence, RoundReview
from thaikpi.scorecards import permissions
from thaikpi.scorecards.models import Scorecard
from thaikpi.services import agreement, engine, joint, notifications, rounds
from thaikpi.services.errors import CodeMismatch, Incomplete, Invalid, NotAllowed

TARGET = {
    ReviewAction.SUBMIT: ReviewState.SUBMITTED,
    ReviewAction.RETURN: ReviewState.RETURNED,
    ReviewAction.APPROVE: ReviewState.APPROVED,
    ReviewAction.LOCK: ReviewState.LOCKED,
}


def allowed(user: Any, scorecard: Scorecard, action: str, state: str) -> bool:
    """Whether ``user`` may take ``action`` on a round in ``state``."""
    if action == ReviewAction.SUBMIT:
        return permissions.can_submit(user, scorecard, state)
    return permissions.can_review(user, scorecard, action, state)


def actions_for(user: Any, scorecard: Scorecard, state: str) -> list[ReviewAction]:
    """The review actions this user may take now, for the buttons a page shows."""
    return [a for a in ReviewAction if allowed(user, scorecard, a, state)]


def snapshot(review: RoundReview) -> dict[str, Any]:
    """What the audit log keeps of a review: state, comment and the version it is scored with."""
    version = review.version.number if review.version_id and review.version else None
    return {"state": review.state, "comment": review.comment, "version": version}


@transaction.atomic
def transition(
    user: Any, scorecard: Scorecard, round_no: int, action: str, comment: str = ""
) -> RoundReview:
    """Move a round to its next review state, or refuse with a translated message."""
    if action not in TARGET:
        raise Invalid(_("Unknown review action."))
    # The scorecard's row first, as an import takes it: a version imported at the same moment
    # lands wholly before or wholly after this submission, never between.
    locked = Scorecard.objects.select_for_update().values_list("current_id", "agreed_at")
    current_id, agreed_at = locked.get(pk=scorecard.pk)
    review = rounds.review_for_update(scorecard, round_no)
    if action == ReviewAction.SUBMIT and permissions.is_planner(user, scorecard):
        agreement.check_agreed(agreed_at is not None)  # as of this transaction
    if not allowed(user, scorecard, action, review.state):
        raise NotAllowed(
            _("You cannot {action} a round that is {state}.").format(
                action=ReviewAction(action).label.lower(), state=review.get_state_display()
            )
        )
    if action == ReviewAction.RETURN and not comment.strip():
        raise Invalid(_("Say what must change when returning a round."))
    if action in joint.FOLLOWS:  # a member's joint KPIs follow their owner's review
        sc = engine.parsed(engine.version_of_review(scorecard, review))
        joint.check_review(scorecard, sc, round_no, action)
    before = snapshot(review)
    review.state = TARGET[ReviewAction(action)]
    # A resubmission answers the evaluator's comment: the page stops showing it, the audit
    # log keeps it (in this entry's "before").
    review.comment = "" if action == ReviewAction.SUBMIT else comment.strip()
    if action == ReviewAction.SUBMIT:
        review.version_id = current_id  # scored with this version from now on, whatever comes
    elif action == ReviewAction.RETURN:
        review.version_id = None  # open again: follows the current version until resubmitted
    review.updated_by = user
    review.save()
    entry = record(user, f"review.{action}", review, before=before, after=snapshot(review),
                   scorecard=scorecard)  # fmt: skip
    joint.touch_carriers(scorecard)  # whether its results count for members may change
    notifications.review_event(user, review, action, entry.pk)  # same transaction: all or none
    return review


@dataclass(frozen=True)
class Item:
    """One KPI on the checklist: its id, its name in both languages, and what is wrong."""

    kpi_id: str
    name: m.Text
    detail: str = ""

    def label(self) -> str:
        """'3. <name>' in the active language."""
        return f"{self.kpi_id}. {self.name.get(get_language() or 'th')}"


@dataclass(frozen=True)
class Checklist:
    """What a planner should see before submitting a round."""

    round_no: int
    missing: tuple[Item, ...]  # no result: blocks a submit unless acknowledged
    without_evidence: tuple[Item, ...]  # a result but no file behind it
    warned: tuple[Item, ...]  # a result the engine accepted with a warning (detail: its text)

    @property
    def blocks(self) -> bool:
        """Whether submitting needs an explicit acknowledgement."""
        return bool(self.missing)

    @property
    def clear(self) -> bool:
        """Nothing to point out."""
        return not (self.missing or self.without_evidence or self.warned)

    def as_dict(self) -> dict[str, Any]:
        """The API's shape: per list, KPI id, Thai and English name, and the detail."""

        def rows(items: tuple[Item, ...]) -> list[dict[str, str]]:
            return [{"kpi": i.kpi_id, "name_th": i.name.th, "name_en": i.name.en,
                     "detail": i.detail} for i in items]  # fmt: skip

        return {
            "round": self.round_no,
            "blocks": self.blocks,
            "missing": rows(self.missing),
            "without_evidence": rows(self.without_evidence),
            "warned": rows(self.warned),
        }


def submit_checklist(scorecard: Scorecard, round_no: int) -> Checklist:
    """KPIs without a result, results without evidence, and results with engine warnings."""
    rounds.review_of(scorecard, round_no)  # Invalid for a round the template does not have
    stored = engine.stored_results(scorecard.pk, round_no)
    scored = engine.score_stored(scorecard, round_no, stored)
    sc = scored.engine
    with_files = set(
        Evidence.objects.filter(result__scorecard=scorecard, result__round_no=round_no)
        .values_list("result__kpi_id", flat=True)
        .distinct()
    )
    language = get_language() or "th"
    missing, bare, warned = [], [], []
    for ks in scored.round.kpis:
        kpi = sc.kpi(ks.kpi_id)
        if kpi is None or ks.status is Status.NOT_ASSESSED or kpi.id in scored.shared:
            continue  # a member's joint KPI is its owner's to enter and to evidence
        if ks.status is Status.NO_RESULT:
            missing.append(Item(kpi.id, kpi.name))
            continue
        if kpi.id not in with_files:
            bare.append(Item(kpi.id, kpi.name))
        if kpi.id in stored:
            try:
                found = engine.read(kpi, round_no, engine.to_engine(stored[kpi.id])).warnings
            except (ValueError, EngineError):
                found = ()
            warned += [Item(kpi.id, kpi.name, w.text(language)) for w in found]
    return Checklist(round_no, tuple(missing), tuple(bare), tuple(warned))


def act(
    user: Any,
    scorecard: Scorecard,
    round_no: int,
    action: str,
    comment: str = "",
    *,
    acknowledge: bool = False,
    agency_code: str = "",
) -> RoundReview:
    """A person's review action, guarded: a submit with KPIs missing needs ``acknowledge``;
    a lock, which cannot be undone, needs the agency's code typed back."""
    if action not in TARGET:
        raise Invalid(_("Unknown review action."))
    state = rounds.review_of(scorecard, round_no).state
    if action == ReviewAction.SUBMIT and permissions.is_planner(user, scorecard):
        agreement.check_agreed(
            scorecard.is_agreed
        )  # a draft: say so, not "cannot submit a draft round"
    if not allowed(user, scorecard, action, state):  # refuse first, before saying what is missing
        raise NotAllowed(
            _("You cannot {action} a round that is {state}.").format(
                action=ReviewAction(action).label.lower(), state=ReviewState(state).label
            )
        )
    if action == ReviewAction.SUBMIT and not acknowledge:
        checklist = submit_checklist(scorecard, round_no)
        if checklist.blocks:
            raise Incomplete(
                _("{n} KPIs have no result: {kpis}. Confirm that you submit anyway.").format(
                    n=len(checklist.missing), kpis=", ".join(i.kpi_id for i in checklist.missing)
                ),
                checklist,
            )
    if action == ReviewAction.LOCK:
        code = scorecard.agency.code
        if agency_code.strip().casefold() != code.casefold():
            raise CodeMismatch(
                _("Type the agency code {code} to confirm the lock.").format(code=code)
            )
    return transition(user, scorecard, round_no, action, comment)


def done_message(scorecard: Scorecard, round_no: int, action: str) -> str:
    """What happened and to whom, for the page's message after an action."""
    agency = str(scorecard.agency)
    texts = {
        ReviewAction.SUBMIT: _("Round {round} sent to the evaluator."),
        ReviewAction.RETURN: _("Round {round} of {agency} returned to the planner for changes."),
        ReviewAction.APPROVE: _("Round {round} of {agency} approved."),
        ReviewAction.LOCK: _("Round {round} of {agency} locked: its results are final."),
    }
    return texts[ReviewAction(action)].format(round=round_no, agency=agency)
