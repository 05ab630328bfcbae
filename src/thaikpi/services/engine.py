"""The bridge between rows and the engine: parse versions, convert results, score rounds."""

from __future__ import annotations

import threading
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db.models import Q

from thaikpi.engine import loader
from thaikpi.engine import model as m
from thaikpi.engine.audit import AuditReport, audit
from thaikpi.engine.decisions import Choice, Decision, apply_decisions
from thaikpi.engine.findings import EngineError, Finding
from thaikpi.engine.formula import compile_formula
from thaikpi.engine.numbers import D
from thaikpi.engine.results import Result as EngineResult
from thaikpi.engine.results import read_result
from thaikpi.engine.scoring import RoundScore, score_round
from thaikpi.results.choices import OPEN_STATES
from thaikpi.results.models import FigureDecision, Result, RoundReview
from thaikpi.scorecards.models import Scorecard, ScorecardVersion
from thaikpi.services import joint

_parsed: dict[tuple[int, Any], m.Scorecard] = {}
_lock = threading.Lock()

# A number; inputs by name; or, for a count of items, {"pillars": {item name: level}}.
Raw = Decimal | dict[str, Any]
ITEMS_KEY = "pillars"  # a count given item by item is stored under this name, as in results files


def parsed(version: ScorecardVersion) -> m.Scorecard:
    """The engine's scorecard for a stored version, parsed once per process.

    A version is never edited (a revision is a new version), so it is known by its id and the
    moment it was imported: the id alone can come back after a rollback or a restore, the pair
    does not. The template text (90 KB for DITP) is needed only to parse, so the pages load
    versions without it (``defer("current__template_text")``); it is fetched on a miss.
    """
    key = (version.pk, version.created_at)
    if None in key:  # not saved yet: nothing to know it by
        return loader.load_text(version.template_text, f"v{version.number}")
    found = _parsed.get(key)
    if found is None:
        found = loader.load_text(version.template_text, f"v{version.number}")
        with _lock:
            _parsed[key] = found
    return found


def current(scorecard: Scorecard) -> m.Scorecard:
    """The engine's scorecard for the current version."""
    assert scorecard.current is not None, "a scorecard always has a current version"
    return parsed(scorecard.current)


def version_for(scorecard: Scorecard, round_no: int) -> ScorecardVersion:
    """The version a round is scored with: the one it was submitted under, or the current one.

    A submitted, approved or locked round keeps the version it was submitted under whatever is
    imported later; an open round (draft, returned) follows the scorecard's current version.
    Every page, API answer and report of a round gets its engine scorecard through here.
    """
    return _versions_for([scorecard], round_no)[scorecard.pk]


def version_of_review(scorecard: Scorecard, review: RoundReview) -> ScorecardVersion:
    """:func:`version_for` from a review row already read (a query only for an older version)."""
    current = scorecard.current
    assert current is not None, "a scorecard always has a current version"
    if review.is_open or review.version_id in (None, current.pk):
        return current
    return ScorecardVersion.objects.defer("template_text").get(pk=review.version_id)


def scorecard_for_round(scorecard: Scorecard, round_no: int) -> m.Scorecard:
    """The engine's scorecard a round is read and scored with (see :func:`version_for`)."""
    return decided(scorecard, version_for(scorecard, round_no))


# Version key → (the scorecard's changed_at when read, the version with its decisions applied).
_decided: dict[tuple[int, Any], tuple[Any, m.Scorecard]] = {}


def decided(scorecard: Scorecard, version: ScorecardVersion) -> m.Scorecard:
    """The engine's scorecard ``version`` scores with: parsed, with the planner's decisions.

    A decision (``FigureDecision``) makes a mismatched level use its stated or its recomputed
    figure; every scoring path reads the scorecard through here (or :func:`score` and
    :func:`score_many`, which do). The audit reads :func:`parsed`: it recomputes what the
    template states, whatever was decided.
    """
    return _decided_all([(scorecard, version)])[version.pk]


def _decided_all(pairs: list[tuple[Scorecard, ScorecardVersion]]) -> dict[int, m.Scorecard]:
    """Version id → its decided scorecard, the decisions of those not known yet in one query.

    Every change of a decision is recorded in the audit log, which moves the scorecard's
    ``changed_at`` on; decisions read are kept with that moment, so a scorecard read again
    unchanged costs no query, and one changed since (in any process) reads its decisions anew.
    One entry per version: a version's decisions, like its parse, are held once.
    """
    found: dict[int, m.Scorecard] = {}
    missing: dict[int, tuple[Scorecard, ScorecardVersion]] = {}
    for card, version in pairs:
        key = (version.pk, version.created_at)
        held = _decided.get(key)
        if held is not None and held[0] == card.changed_at:
            found[version.pk] = held[1]
        elif None in key:  # not saved: it has no decisions
            found[version.pk] = parsed(version)
        else:
            missing[version.pk] = (card, version)
    if not missing:
        return found
    decisions: dict[int, list[Decision]] = {}
    rows = FigureDecision.objects.filter(version_id__in=list(missing)).values_list(
        "version_id", "kpi_id", "round_no", "score", "choice", "reason"
    )
    for version_id, kpi_id, round_no, score_, choice, reason in rows:
        made = Decision(kpi_id, round_no, D(score_), Choice(choice), reason)
        decisions.setdefault(version_id, []).append(made)
    for pk, (card, version) in missing.items():
        sc = apply_decisions(parsed(version), decisions.get(pk, ()))
        with _lock:
            _decided[(version.pk, version.created_at)] = (card.changed_at, sc)
        found[pk] = sc
    return found


def _versions_for(scorecards: list[Scorecard], round_no: int) -> dict[int, ScorecardVersion]:
    """Scorecard id → the version its round ``round_no`` is scored with, in one query."""
    pinned = (
        RoundReview.objects.filter(
            scorecard_id__in=[c.pk for c in scorecards], round_no=round_no, version__isnull=False
        )
        .exclude(state__in=OPEN_STATES)
        .select_related("version")
        .defer("version__template_text")  # fetched only when the version is not parsed yet
    )
    found = {r.scorecard_id: r.version for r in pinned}
    versions = {}
    for card in scorecards:
        version = found.get(card.pk) or card.current
        assert version is not None, "a scorecard always has a current version"
        versions[card.pk] = version
    return versions


def round_inputs(kpi: m.Kpi, round_no: int) -> list[m.InputDef] | None:
    """The inputs a person enters for this KPI in this round, or None when it is one value."""
    kr = kpi.round(round_no)
    kind = kr.measure.kind if kr else m.MeasureKind.NUMERIC
    if kind is m.MeasureKind.COUNT and kr is not None and kr.measure.input:
        return [i for i in kpi.inputs if i.id == kr.measure.input]
    if kind is m.MeasureKind.CONDITIONS and kr is not None:
        named = {c.input for lv in kr.levels for c in lv.conditions}
        return [i for i in kpi.inputs if i.id in named] or list(kpi.inputs)
    if kind is m.MeasureKind.NUMERIC and kpi.formula:
        names = compile_formula(kpi.formula).names
        return [i for i in kpi.inputs if i.id in names]
    return None


def to_engine(stored: Any) -> Raw:
    """Stored JSON (decimal strings) → the engine's raw result (Decimals); ValueError if bad.

    One level of nesting is allowed: the item levels of a count KPI (``{"pillars": {...}}``).
    """
    if isinstance(stored, dict):
        return {
            str(k): {str(i): _decimal(x) for i, x in v.items()}
            if isinstance(v, dict)
            else _decimal(v)
            for k, v in stored.items()
        }
    return _decimal(stored)


def _decimal(value: Any) -> Decimal:
    try:
        return D(str(value))
    except (InvalidOperation, TypeError, ValueError) as exc:
        raise ValueError(str(exc)) from None


def to_stored(raw: Raw) -> Any:
    """The engine's raw result → JSON of decimal strings (never floats)."""
    if isinstance(raw, dict):
        return {k: to_stored(v) if isinstance(v, dict) else str(v) for k, v in raw.items()}
    return str(raw)


def read(kpi: m.Kpi, round_no: int, raw: Raw) -> EngineResult:
    """The engine reads one raw result (raises EngineError)."""
    return read_result(kpi, round_no, raw)


@dataclass(frozen=True)
class Scored:
    """A round's score from the engine, with findings for results it could not read."""

    engine: m.Scorecard
    round: RoundScore
    findings: tuple[Finding, ...]
    version: int | None = None  # the number of the version it was scored with
    # KPI id → where a joint KPI's result comes from (services.joint.Source), members only.
    shared: Mapping[str, Any] = field(default_factory=dict)
    # KPI id → the engine's reading of the result scored (a member's joint KPI: the owner's).
    results: Mapping[str, Any] = field(default_factory=dict)

    def kpi(self, kpi_id: str) -> Any:
        """The engine's KpiScore for this KPI."""
        return next(k for k in self.round.kpis if k.kpi_id == kpi_id)


def engine_results(
    sc: m.Scorecard, round_no: int, stored: Iterable[tuple[str, Any]]
) -> tuple[dict[str, EngineResult], list[Finding]]:
    """(kpi id → engine Result, findings) from stored (kpi id, raw JSON) pairs."""
    results: dict[str, EngineResult] = {}
    findings: list[Finding] = []
    for kpi_id, raw in stored:
        kpi = sc.kpi(kpi_id)
        if kpi is None:
            continue  # a KPI dropped by a later version keeps its row but no longer scores
        try:
            results[kpi_id] = read(kpi, round_no, to_engine(raw))
        except EngineError as exc:
            findings.extend(exc.findings)
        except ValueError as exc:
            findings.append(Finding(str(exc), kpi=kpi_id))
    return results, findings


def score(
    scorecard: Scorecard,
    round_no: int,
    override: Mapping[str, Any] | None = None,
    version: ScorecardVersion | None = None,
) -> Scored:
    """Score a round from stored results; ``override`` (kpi id → raw JSON) previews edits."""
    stored = stored_results(scorecard.pk, round_no)
    return score_stored(scorecard, round_no, {**stored, **(override or {})}, version)


def score_stored(
    scorecard: Scorecard,
    round_no: int,
    stored: Mapping[str, Any],
    version: ScorecardVersion | None = None,
) -> Scored:
    """Score a round from results read with ``stored_results``, with its version (version_for).

    A joint KPI of a member scorecard is scored with its owner's result (services.joint).
    """
    version = version or version_for(scorecard, round_no)
    sc = decided(scorecard, version)
    shared = joint.sources({scorecard.pk: sc}, round_no).get(scorecard.pk, {})
    return _scored(version, sc, round_no, stored, shared)


def score_many(scorecards: Iterable[Scorecard], round_no: int) -> list[tuple[Scorecard, Scored]]:
    """One round of many scorecards, their results read in one query a few hundred at a time.

    Scorecards whose template has no such round are left out.
    """
    cards = [c for c in scorecards if c.current is not None]
    scored = []
    for start in range(0, len(cards), BATCH):
        batch = cards[start : start + BATCH]
        stored = _stored_results_of([c.pk for c in batch], round_no)
        versions = _versions_for(batch, round_no)
        decided_by_version = _decided_all([(card, versions[card.pk]) for card in batch])
        engines = {c.pk: decided_by_version[versions[c.pk].pk] for c in batch}
        shared = joint.sources(engines, round_no)
        for card in batch:
            version, sc = versions[card.pk], engines[card.pk]
            if sc.round(round_no) is not None:
                own = stored.get(card.pk, {})
                scored.append((card, _scored(version, sc, round_no, own, shared.get(card.pk, {}))))
    return scored


BATCH = 500  # scorecards a query (SQLite allows 32,766 parameters; PostgreSQL many more)


def _scored(
    version: ScorecardVersion,
    sc: m.Scorecard,
    round_no: int,
    stored: Mapping[str, Any],
    shared: Mapping[str, joint.Source],
) -> Scored:
    used = joint.scoring_results(stored, shared)
    results, findings = engine_results(sc, round_no, used.items())
    rs = score_round(sc, round_no, results)
    return Scored(sc, rs, tuple(findings), version.number, shared, results)


def stored_results(scorecard_id: int, round_no: int) -> dict[str, Any]:
    """KPI id → stored raw JSON of a round's results."""
    return _stored_results_of([scorecard_id], round_no).get(scorecard_id, {})


def _stored_results_of(scorecard_ids: list[int], round_no: int) -> dict[int, dict[str, Any]]:
    """Scorecard id → KPI id → stored raw JSON, for one round of these scorecards."""
    found = Result.objects.filter(round_no=round_no, scorecard_id__in=scorecard_ids)
    stored: dict[int, dict[str, Any]] = {}
    for scorecard_id, kpi_id, value in found.values_list("scorecard_id", "kpi_id", "raw"):
        stored.setdefault(scorecard_id, {})[kpi_id] = value
    return stored


_audits: dict[int, tuple[m.Scorecard, AuditReport]] = {}


def audit_report(sc: m.Scorecard) -> AuditReport:
    """The engine's recomputation of every stated figure (mismatches first), once a version.

    The audit is a pure function of the scorecard, so it runs once per parsed version.
    """
    cached = _audits.get(id(sc))
    if cached is None or cached[0] is not sc:
        cached = (sc, audit(sc))
        with _lock:
            _audits[id(sc)] = cached
    return cached[1]


def audit_findings(sc: m.Scorecard, kpi_id: str | None = None) -> list[Any]:
    """The audit's findings (differences first), optionally for one KPI."""
    return [f for f in audit_report(sc).findings if kpi_id is None or f.kpi == kpi_id]


def warm() -> int:
    """Parse (and audit) every current version, and every version a closed round keeps, now.

    Called before gunicorn forks its workers (``--preload`` with THAIKPI_PRELOAD=1), so every
    worker starts with the parsed scorecards instead of parsing on first request.
    """
    kept = RoundReview.objects.exclude(version=None).values("version")
    versions = ScorecardVersion.objects.filter(
        Q(pk__in=Scorecard.objects.exclude(current=None).values("current")) | Q(pk__in=kept)
    ).only("pk", "number", "created_at", "template_text")
    count = 0
    for version in versions.iterator(chunk_size=200):
        audit_findings(parsed(version))
        count += 1
    return count
