"""The landing pages' figures: each scorecard at a glance, and every agency nationally.

Views render what comes back; every score comes from the engine (``engine.score_many``).
Queries are a fixed number whatever the number of agencies and years: the scorecards, the
rounds that have results, the review rows, and two queries a round number for the scores.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any
from urllib.parse import urlencode

from thaikpi.agencies.choices import AgencyKind
from thaikpi.engine.formatting import figure
from thaikpi.engine.model import Scorecard as EngineScorecard
from thaikpi.engine.model import Text
from thaikpi.engine.numbers import CONTEXT, HUNDRED, SCORE_ROUNDING, WEIGHTED_ROUNDING, apply
from thaikpi.engine.scales import Scale
from thaikpi.engine.scoring import KpiScore, RoundScore, Status
from thaikpi.reports import charts
from thaikpi.results.choices import ReviewState
from thaikpi.results.models import Result, RoundReview
from thaikpi.scorecards import permissions
from thaikpi.scorecards.models import Scorecard
from thaikpi.services import engine, series
from thaikpi.services.lists import whole

# Status keys beside the levels reached: no result yet, levels still open.
WAITING = ("none", "open")
BAND = 10  # the histogram of totals counts agencies per 10 points of the percentage reached
SORTS = ("agency", "ministry", "total", "missing", "state")


def standing_key(ks: KpiScore, scale: Scale) -> str | None:
    """A KPI's status key: the level of ``scale`` its score reached ('100', '4'; '0' below
    the entry level), 'none' without a result, 'open' while its levels are open; None when
    it is not assessed. The chips' words and colours are read from it with the scale.
    """
    found = charts.reached(ks, scale)
    return figure(found, 0) if isinstance(found, Decimal) else found


def status_keys(scale: Scale) -> tuple[str, ...]:
    """Every status key on ``scale``, best first: its levels, '0', then 'none' and 'open'."""
    return (*(figure(level, 0) for level in reversed(scale.judged)), *WAITING)


def colour_counts(rs: RoundScore, scale: Scale) -> dict[str, int]:
    """Status key → how many of the round's assessed KPIs show it (every key, zeros kept)."""
    found = Counter(c for c in (standing_key(k, scale) for k in rs.kpis) if c is not None)
    return {c: found[c] for c in status_keys(scale)}


def rounds_with_results(scorecard_ids: list[int]) -> dict[int, list[int]]:
    """Scorecard id → the round numbers it has results for, in order (one query)."""
    found: dict[int, set[int]] = {}
    rows = Result.objects.filter(scorecard_id__in=scorecard_ids).order_by()
    for card_id, round_no in rows.values_list("scorecard_id", "round_no").distinct():
        found.setdefault(card_id, set()).add(round_no)
    return {card_id: sorted(numbers) for card_id, numbers in found.items()}


def latest_round(scorecard: Scorecard, numbers: list[int]) -> int:
    """The latest of ``numbers`` (the template's rounds) that has results, else the first."""
    return _latest(numbers, rounds_with_results([scorecard.pk]).get(scorecard.pk, []))


def _latest(numbers: list[int], had: list[int]) -> int:
    """The latest of the template's rounds ``numbers`` found in ``had``, else the first."""
    return next((n for n in reversed(numbers) if n in had), numbers[0])


@dataclass(frozen=True)
class Point:
    """One total on a trend line: which year and round, the total and what it could reach."""

    year_be: int
    round_no: int
    total: Decimal
    max_total: Decimal
    has_results: bool
    scale: str = "opdc-3"  # the scale's id: totals on different scales are not compared


@dataclass(frozen=True)
class Glance:
    """One scorecard at a glance, in the latest round that has results."""

    scorecard: Scorecard
    round_no: int
    round: RoundScore
    colours: dict[str, int]  # status key → KPIs (see standing_key), on ``scale``
    change: Decimal | None  # the total minus the previous round's (or last year's last round)
    trend: list[Point]  # every round of every fiscal year of the agency, oldest first
    missing: list[tuple[str, str]]  # (KPI id, Thai/English name) without a result yet
    state: str  # the round's review state
    scale: Scale  # the scorecard's scale: its chips' words and colours
    # KPIs whose year-end forecast from monthly figures is below the year-end round's standard
    # level on ``scale`` (series.at_risk) and whose year-end round has no result yet.
    at_risk: list[series.Risk] = field(default_factory=list)
    # A department's glance: its divisions' internal scorecards of the same fiscal year, each
    # at a glance in its own latest round with results (by division code).
    divisions: list[Glance] = field(default_factory=list)


def _scores(cards: list[Scorecard]) -> dict[tuple[int, int], engine.Scored]:
    """(scorecard id, round number) → the engine's score, every round of every card."""
    numbers = sorted({r.number for c in cards for r in engine.current(c).rounds})
    found = {}
    for n in numbers:
        for card, scored in engine.score_many(cards, n):
            found[(card.pk, n)] = scored
    return found


def _states(cards: list[Scorecard]) -> dict[tuple[int, int], str]:
    rows = RoundReview.objects.filter(scorecard_id__in=[c.pk for c in cards])
    return {(s, n): st for s, n, st in rows.values_list("scorecard_id", "round_no", "state")}


def _trends(
    cards: list[Scorecard],
    scores: Mapping[tuple[int, int], engine.Scored],
    had: Mapping[int, list[int]],
) -> dict[int, list[Point]]:
    """Agency id → a Point for every round of every one of ``cards``, oldest year first."""
    trends: dict[int, list[Point]] = {}
    for card in sorted(cards, key=lambda c: c.fiscal_year.year_be):
        for r in engine.current(card).rounds:
            s = scores.get((card.pk, r.number))
            if s is not None:
                point = Point(
                    card.fiscal_year.year_be,
                    r.number,
                    s.round.total,
                    s.round.max_total,
                    r.number in had.get(card.pk, []),
                    s.engine.scale.id,
                )
                trends.setdefault(card.agency_id, []).append(point)
    return trends


def agency_trend(scorecard: Scorecard, user: Any = None) -> list[Point]:
    """Every round of the agency's fiscal years up to ``scorecard``'s, oldest first.

    The years ``user`` may read (every year without a user). The same points as the
    dashboard's glance; the briefing keeps those with results up to its round. A fixed
    number of queries whatever the number of years.
    """
    return agency_scores(scorecard, user)[0]


def agency_scores(
    scorecard: Scorecard, user: Any = None
) -> tuple[list[Point], dict[tuple[int, int], engine.Scored]]:
    """:func:`agency_trend`, with the scores its points come from: (scorecard id, round
    number) → the round scored as every page scores it (its frozen version, joint results)."""
    cards = Scorecard.objects.filter(
        agency_id=scorecard.agency_id,
        fiscal_year__year_be__lte=scorecard.fiscal_year.year_be,
        current__isnull=False,
    ).select_related("fiscal_year", "current")
    if user is not None:
        cards = cards.readable_by(user)
    found = list(cards)
    had = rounds_with_results([c.pk for c in found])
    scores = _scores(found)
    return _trends(found, scores, had).get(scorecard.agency_id, []), scores


def glances(user: Any, name: Any = str) -> list[Glance]:
    """Every scorecard ``user`` may read (their agency's years), each at a glance.

    ``name`` turns an engine Text into the page's language.
    """
    visible = permissions.visible_scorecards(user)
    ordered = visible.exclude(current=None).order_by("agency__code", "fiscal_year__year_be")
    cards = list(ordered)
    had = rounds_with_results([c.pk for c in cards])
    scores = _scores(cards)
    states = _states(cards)
    trends = _trends(cards, scores, had)
    risks = _risks(cards, scores)
    found = []
    for card in cards:
        numbers = [r.number for r in engine.current(card).rounds]
        shown = _latest(numbers, had.get(card.pk, []))
        scored = scores[(card.pk, shown)]
        trend = trends.get(card.agency_id, [])
        found.append(
            Glance(
                card,
                shown,
                scored.round,
                colour_counts(scored.round, scored.engine.scale),
                _change(trend, card.fiscal_year.year_be, shown),
                trend,
                [(k, name(scored.engine.kpi(k).name)) for k in scored.round.missing],
                states.get((card.pk, shown), "draft"),
                scored.engine.scale,
                risks.get(card.pk, []),
            )
        )
    found.sort(key=lambda g: (g.scorecard.agency.code, -g.scorecard.fiscal_year.year_be))
    return _with_divisions(user, found)


def _with_divisions(user: Any, found: list[Glance]) -> list[Glance]:
    """Each division's scorecard listed on its department's glance of the same year.

    It keeps a glance of its own only for the division's members, or when the user reads no
    scorecard of its department that year.
    """
    departments = {
        (g.scorecard.agency_id, g.scorecard.fiscal_year.year_be): g
        for g in found
        if g.scorecard.agency.kind != AgencyKind.DIVISION
    }
    member_of = permissions.roles_of(user).by_agency
    kept = []
    for g in found:
        agency = g.scorecard.agency
        home = departments.get((agency.parent_id, g.scorecard.fiscal_year.year_be))
        if agency.kind == AgencyKind.DIVISION and home is not None:
            home.divisions.append(g)
            if agency.pk not in member_of:
                continue
        kept.append(g)
    return kept


def _risks(
    cards: list[Scorecard], scores: dict[tuple[int, int], engine.Scored]
) -> dict[int, list[series.Risk]]:
    """Scorecard id → KPIs at risk, compared with the year-end round's (decided) standard
    level (75, or 3 of five).

    A KPI whose year-end round already has a result is past forecasting: it is left out.
    """
    last = {c.pk: max(r.number for r in engine.current(c).rounds) for c in cards}
    year_end = {c.pk: scores.get((c.pk, last[c.pk])) for c in cards}
    pairs = [(c, s.engine) for c in cards if (s := year_end[c.pk]) is not None]
    found = series.at_risk(pairs)
    for pk, risks in found.items():
        done = {k.kpi_id for k in year_end[pk].round.kpis if k.status is not Status.NO_RESULT}
        found[pk] = [r for r in risks if r.kpi_id not in done]
    return found


def _change(trend: list[Point], year_be: int, round_no: int) -> Decimal | None:
    """The total minus the one before it with results on the same scale (a total of 5 is not
    comparable with one of 100); None when there is none before."""
    here = next(
        (i for i, p in enumerate(trend) if (p.year_be, p.round_no) == (year_be, round_no)), None
    )
    if here is None:
        return None
    before = [p for p in trend[:here] if p.has_results and p.scale == trend[here].scale]
    return trend[here].total - before[-1].total if before else None


LEVEL_FIGURE = re.compile(r"^round (\d+) level (\d+)$")  # how the audit names a level


def level_mismatches(sc: Any, round_no: int) -> dict[str, set[int]]:
    """KPI id → the level scores (50/75/100) whose stated figure differs from the engine's.

    The pages mark these where the figure is shown and link to the audit row that explains it.
    """
    found: dict[str, set[int]] = {}
    for f in engine.audit_findings(sc):
        named = LEVEL_FIGURE.match(f.figure)
        if f.match is False and named and int(named[1]) == round_no:
            found.setdefault(f.kpi, set()).add(int(named[2]))
    return found


def audit_anchor(kpi_id: str, figure: str) -> str:
    """The id of an audit row on the audit page, e.g. 'audit-1-round-1-level-75'."""
    return "audit-" + re.sub(r"[^0-9A-Za-z]+", "-", f"{kpi_id} {figure}").strip("-")


def percent(total: Decimal, max_total: Decimal) -> Decimal:
    """A total as a percentage of what it could reach (0 when nothing could be reached)."""
    if not max_total:
        return Decimal(0)
    return apply(CONTEXT.divide(CONTEXT.multiply(total, HUNDRED), max_total), SCORE_ROUNDING)


@dataclass(frozen=True)
class AgencyRow:
    """One agency in the national table."""

    scorecard: Scorecard
    ministry: str
    ministry_id: int | None
    state: str
    total: Decimal
    max_total: Decimal
    percent: Decimal
    missing: int
    kind: str = ""  # the agency's kind: ministry, department, province or division
    groups: frozenset[str] = frozenset()  # keys of the assessment groups its template names
    no_result: bool = False  # not one KPI has a result yet: its total of 0 means nothing


@dataclass(frozen=True)
class Ministry:
    """A ministry's agencies' totals in the round: mean, lowest, highest of the agencies that
    have a result (None when none has: "no result yet", not a 0)."""

    name: str
    count: int
    mean: Decimal | None
    low: Decimal | None
    high: Decimal | None


@dataclass(frozen=True)
class NationalFilters:
    """The national table's filters and sort, as read from the query string."""

    year: int | None = None
    round_no: int = 1
    ministry: int | None = None
    state: str = ""
    band: int | None = None  # the histogram band: percentages from band to band + BAND
    missing: bool = False  # only agencies with KPIs still without a result
    sort: str = "-total"
    group: str = ""  # an assessment group's key (see :func:`assessment_groups`)
    kind: str = ""  # an agency kind (AgencyKind)

    def href(self, **changed: Any) -> str:
        """This view's query string with some values changed."""
        values = {
            "year": self.year,
            "round": self.round_no,
            "ministry": self.ministry,
            "state": self.state,
            "band": self.band,
            "missing": "1" if self.missing else "",
            "sort": self.sort,
            "group": self.group,
            "kind": self.kind,
        }
        values |= changed
        return "?" + urlencode({k: v for k, v in values.items() if v not in (None, "")})


@dataclass(frozen=True)
class National:
    """Every agency of a year in one round, filtered and sorted, with the distribution."""

    rows: list[AgencyRow]
    filters: NationalFilters
    years: list[int]
    rounds: list[int]
    ministries: list[tuple[int, str]]
    histogram: list[tuple[int, int]]  # (band start, agencies), for the filtered rows
    rollup: list[Ministry]
    all_count: int
    groups: list[Group] = field(default_factory=list)  # the groups the year's templates name
    kinds: list[str] = field(default_factory=list)  # the agency kinds in the year's table


@dataclass(frozen=True)
class Group:
    """An assessment group a template puts its agency in for a KPI, e.g. PMQA's group 4.

    Templates say it per KPI and round (``groups:``): KPI 6's catalogue group, KPIs 7–8's DGA
    readiness group, KPI 9's PMQA group, KPI 5's Agenda case. Agencies whose templates name
    the same KPI (by its Thai name) with the same group text share a group.
    """

    key: str  # short and stable: the query string's value
    kpi: Text
    group: Text


def assessment_groups(sc: EngineScorecard, round_no: int) -> list[Group]:
    """The groups the scorecard's template names for round ``round_no``'s KPIs."""
    found = []
    for kpi in sc.kpis:
        kr = kpi.round(round_no)
        if kr is None or kr.groups is None or not kr.groups.th.strip():
            continue
        said = f"{kpi.name.th.strip()}|{kr.groups.th.strip()}"
        key = hashlib.sha256(said.encode("utf-8")).hexdigest()[:10]
        found.append(Group(key, kpi.name, kr.groups))
    return found


def _ministry(card: Scorecard) -> tuple[int | None, str]:
    parent = card.agency.parent
    return (parent.pk, parent.name) if parent is not None else (None, "")


def national(user: Any, params: Mapping[str, str]) -> National:
    """Every agency ``user`` may read in one year and round: the evaluator's landing page.

    Opens on the latest year and the latest round of it that has results. Agencies that
    sign with the evaluator: a division's internal scorecard is its department's business.
    """
    visible = permissions.visible_scorecards(user).exclude(agency__kind=AgencyKind.DIVISION)
    visible = visible.select_related("agency__parent")
    years = sorted(
        {y for (y,) in visible.order_by().values_list("fiscal_year__year_be")}, reverse=True
    )
    year = whole(params.get("year"), years[0] if years else 0)
    year = year if year in years else (years[0] if years else None)
    cards = list(visible.filter(fiscal_year__year_be=year).exclude(current=None))
    had = Result.objects.filter(scorecard__in=[c.pk for c in cards]).order_by()
    with_results = sorted({n for (n,) in had.values_list("round_no").distinct()})
    rounds = sorted({r.number for c in cards for r in engine.current(c).rounds}) or [1]
    asked = whole(params.get("round"), with_results[-1] if with_results else rounds[0])
    state = params.get("state", "")
    band = whole(params.get("band"), -1)
    sort = params.get("sort", "-total")
    f = NationalFilters(
        year=year,
        round_no=asked if asked in rounds else rounds[0],
        ministry=whole(params.get("ministry"), 0) or None,
        state=state if state in ReviewState.values else "",
        band=band if band in range(0, 100, BAND) else None,
        missing=params.get("missing") == "1",
        sort=sort if sort.lstrip("-") in SORTS else "-total",
        group=group if (group := params.get("group", "")).isalnum() else "",
        kind=kind if (kind := params.get("kind", "")) in AgencyKind.values else "",
    )
    states = {
        s: st
        for s, st in RoundReview.objects.filter(
            scorecard__in=[c.pk for c in cards], round_no=f.round_no
        ).values_list("scorecard_id", "state")
    }
    every = []
    groups: dict[str, Group] = {}
    for card, scored in engine.score_many(cards, f.round_no):
        ministry_id, ministry = _ministry(card)
        rs = scored.round
        named = assessment_groups(scored.engine, f.round_no)
        groups |= {g.key: g for g in named}
        every.append(
            AgencyRow(
                card,
                ministry,
                ministry_id,
                states.get(card.pk, "draft"),
                rs.total,
                rs.max_total,
                percent(rs.total, rs.max_total),
                len(rs.missing),
                card.agency.kind,
                frozenset(g.key for g in named),
                rs.no_result,
            )
        )
    ministries = sorted({(r.ministry_id, r.ministry) for r in every if r.ministry_id})
    rows = [r for r in every if _keeps(r, f)]
    rows.sort(key=_sort_key(f.sort.lstrip("-")), reverse=f.sort.startswith("-"))
    return National(
        rows, f, years, rounds, [(i, n) for i, n in ministries], histogram(rows), rollup(rows),
        len(every),
        sorted(groups.values(), key=lambda g: (g.kpi.th, g.group.th)),
        [k for k in AgencyKind.values if any(r.kind == k for r in every)],
    )  # fmt: skip


def _keeps(row: AgencyRow, f: NationalFilters) -> bool:
    if f.ministry and row.ministry_id != f.ministry:
        return False
    if f.state and row.state != f.state:
        return False
    if f.missing and not row.missing:
        return False
    if f.group and f.group not in row.groups:
        return False
    if f.kind and row.kind != f.kind:
        return False
    return f.band is None or _band(row.percent) == f.band


def _sort_key(column: str) -> Any:
    keys = {
        "agency": lambda r: r.scorecard.agency.code,
        "ministry": lambda r: (r.ministry, r.scorecard.agency.code),
        "total": lambda r: (r.percent, r.total),
        "missing": lambda r: r.missing,
        "state": lambda r: r.state,
    }
    return keys[column]


def _band(value: Decimal) -> int:
    """The histogram band a percentage falls in; 100 goes in the top band (90–100)."""
    return min(int(value // BAND) * BAND, 100 - BAND)


def histogram(rows: list[AgencyRow]) -> list[tuple[int, int]]:
    """(band start, agencies) for every band 0–10 … 90–100 of the percentage reached; an
    agency without any result yet has reached nothing to count."""
    found = Counter(_band(r.percent) for r in rows if not r.no_result)
    return [(b, found[b]) for b in range(0, 100, BAND)]


def rollup(rows: list[AgencyRow]) -> list[Ministry]:
    """Per ministry: its agencies, and the mean, lowest and highest total of those with a
    result, by ministry name."""
    counts: Counter[str] = Counter(r.ministry for r in rows)
    by: dict[str, list[Decimal]] = {name: [] for name in counts}
    for r in rows:
        if not r.no_result:
            by[r.ministry].append(r.total)
    return [
        Ministry(
            name,
            counts[name],
            apply(CONTEXT.divide(sum(totals, Decimal(0)), Decimal(len(totals))), WEIGHTED_ROUNDING)
            if totals
            else None,
            min(totals) if totals else None,
            max(totals) if totals else None,
        )
        for name, totals in sorted(by.items())
    ]
