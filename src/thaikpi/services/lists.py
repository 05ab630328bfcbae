"""Lists across scorecards: "My scorecards" (filters, paging), the review queue and the
comparison (paged).

Views pass the query string in and render what comes back; the read rule is
``Scorecard.objects.readable_by`` (through permissions.visible_scorecards).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from datetime import datetime
from decimal import Decimal
from typing import Any
from urllib.parse import urlencode

from django.core.cache import cache
from django.core.paginator import Page, Paginator
from django.db.models import Count, F, Q, QuerySet

import thaikpi
from thaikpi.agencies.choices import AgencyKind
from thaikpi.engine.scoring import RoundScore
from thaikpi.results.choices import ReviewState
from thaikpi.results.models import RoundReview
from thaikpi.scorecards import permissions
from thaikpi.scorecards.models import Scorecard
from thaikpi.services import engine

HOME_PAGE_SIZE = 50  # scorecards a page of "My scorecards"
HOME_FILTERS_FROM = 10  # with more visible scorecards than this, the filter form shows
SEARCH_MAX = 100  # characters of a search kept; agency codes and names are shorter
HOME_ROUNDS = (1, 2)  # the rounds the list shows a state for


def whole(value: str | None, default: int) -> int:
    """``value`` as a whole number, or ``default`` when it is missing or not one."""
    try:
        return int(value) if value else default
    except ValueError:
        return default


@dataclass(frozen=True)
class HomeFilters:
    """The list's filters as read from the query string; bad values already dropped."""

    year: int | None = None
    q: str = ""
    state: str = ""
    round_no: int | None = None  # narrows the state filter to one round

    @property
    def active(self) -> bool:
        """True if any filter narrows the list."""
        return bool(self.year or self.q or self.state)

    def params(self) -> dict[str, str | int]:
        """The filters for a link's query string (defaults left out)."""
        found: dict[str, str | int | None] = {
            "year": self.year,
            "q": self.q,
            "state": self.state,
            "round": self.round_no if self.state else None,
        }
        return {k: v for k, v in found.items() if v}

    def href(self, page: int) -> str:
        """The query string of another page of the same list."""
        return "?" + urlencode({**self.params(), "page": page})


def home_filters(params: Mapping[str, str], years: list[int]) -> HomeFilters:
    """The filters asked for; a value that is not one of the choices means 'all'."""
    year = whole(params.get("year"), 0)
    # NFC: Thai typed with the tone mark before a lower vowel matches the stored names.
    q = unicodedata.normalize("NFC", params.get("q", "")).replace("\x00", "")
    state = params.get("state", "")
    round_no = whole(params.get("round"), 0)
    return HomeFilters(
        year=year if year in years else None,
        q=" ".join(q.split())[:SEARCH_MAX],
        state=state if state in ReviewState.values else "",
        round_no=round_no if round_no in HOME_ROUNDS else None,
    )


def _filtered(cards: QuerySet[Scorecard], f: HomeFilters) -> QuerySet[Scorecard]:
    if f.year:
        cards = cards.filter(fiscal_year__year_be=f.year)
    if f.q:
        cards = cards.filter(
            Q(agency__code__icontains=f.q)
            | Q(agency__name_th__icontains=f.q)
            | Q(agency__name_en__icontains=f.q)
        )
    if f.state:
        rounds_in = RoundReview.objects.filter(state=f.state)
        if f.round_no:
            rounds_in = rounds_in.filter(round_no=f.round_no)
        cards = cards.filter(pk__in=rounds_in.values("scorecard_id"))
    return cards


@dataclass(frozen=True)
class HomeList:
    """One page of a user's scorecards, each with its rounds' review states, and the filters."""

    rows: list[tuple[Scorecard, list[str | None]]]  # a state per round of HOME_ROUNDS
    visible: int  # scorecards the user may read, before filtering
    years: list[int]
    filters: HomeFilters
    page: Page[int]  # of scorecard ids

    @property
    def tools(self) -> bool:
        """Whether the filter form shows: filters in use, or more than a screenful."""
        return self.filters.active or self.visible > HOME_FILTERS_FROM

    def links(self) -> list[tuple[Any, str | None]]:
        """The page numbers with their links (none for the current page and the ellipses)."""
        return page_links(self.page, self.filters.href)


# What a list shows of a scorecard: its agency's names and its year (and, annotated, the
# number of its current version).
LISTED = (
    "agency__code", "agency__name_th", "agency__name_en",
    "fiscal_year__year_be", "fiscal_year__starts", "fiscal_year__ends",
    "agreed_at",  # a draft is marked "not signed yet"
)  # fmt: skip


def home_list(user: Any, params: Mapping[str, str]) -> HomeList:
    """The scorecards ``user`` may read, filtered and paged as ``params`` ask.

    A fixed number of queries whatever the number of scorecards (some 2,000 nationally): the
    page is chosen among the ids (a narrow sort), then only its scorecards are read, with only
    the columns the list shows.
    """
    readable = Scorecard.objects.readable_by(user)
    per_year = readable.order_by().values("fiscal_year__year_be").annotate(n=Count("pk"))
    by_year = {row["fiscal_year__year_be"]: row["n"] for row in per_year}
    years = sorted(by_year, reverse=True)
    f = home_filters(params, years)
    ordered = _filtered(readable, f).order_by("agency__code", "-fiscal_year__year_be", "pk")
    paginator = Paginator(ordered.values_list("pk", flat=True), HOME_PAGE_SIZE)
    if not (f.q or f.state):  # known from the years' counts: no second count
        paginator.count = by_year.get(f.year, 0) if f.year else sum(by_year.values())
    # Not a number or below 1: the first page; beyond the last: the last.
    page = paginator.get_page(max(whole(params.get("page"), 1), 1))
    pks = list(page.object_list)
    cards = Scorecard.objects.select_related("agency", "fiscal_year").only(*LISTED)
    found = cards.annotate(version_number=F("current__number")).in_bulk(pks)
    states = {
        (pk, n): state
        for pk, n, state in RoundReview.objects.filter(
            scorecard_id__in=pks, round_no__in=HOME_ROUNDS
        ).values_list("scorecard_id", "round_no", "state")
    }
    rows = [(found[pk], [states.get((pk, n)) for n in HOME_ROUNDS]) for pk in pks if pk in found]
    return HomeList(rows, sum(by_year.values()), years, f, page)


QUEUE_PAGE_SIZE = 20  # waiting rounds a page of the review queue
COMPARED_PAGE_SIZE = 20  # agencies a page of the comparison
QUEUE_ORDERS = ("oldest", "newest")  # which waiting rounds come first


def page_links(page: Page[Any], href: Callable[[int], str]) -> list[tuple[Any, str | None]]:
    """A page's numbers with their links (none for the current page and the ellipses)."""
    if page.paginator.num_pages <= 1:
        return []
    numbers = page.paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1)
    return [(n, None if n == Paginator.ELLIPSIS or n == page.number else href(n)) for n in numbers]


@dataclass(frozen=True)
class QueueQuery:
    """What the review queue was asked for: the comparison's year and round, the order of the
    waiting rounds, and the page of each list."""

    year: int
    round_no: int
    order: str = "oldest"
    page: int = 1  # of the waiting rounds
    cpage: int = 1  # of the comparison

    def href(self, **changes: Any) -> str:
        """The query string of this page with ``changes``; defaults left out, filters kept."""
        asked = replace(self, **changes)
        found = {"year": asked.year, "round": asked.round_no, "order": asked.order}
        found |= {"page": asked.page, "cpage": asked.cpage}
        defaults = {"order": "oldest", "page": 1, "cpage": 1}
        return "?" + urlencode({k: v for k, v in found.items() if defaults.get(k) != v})


@dataclass(frozen=True)
class Standing:
    """An agency's total in a round, as the comparison shows it (small enough to cache)."""

    total: Decimal
    max_total: Decimal
    missing: int  # assessed KPIs without a result
    no_result: bool = False  # not one assessed KPI has a result: the total of 0 means nothing


@dataclass(frozen=True)
class ReviewQueue:
    """One page of the rounds waiting for an evaluator and one page of the agencies compared."""

    query: QueueQuery
    years: list[int]
    waiting: Page[RoundReview]
    compared: Page[tuple[int, Standing]]
    totals: list[tuple[Scorecard, Standing]]  # the comparison's page, highest total first

    def waiting_links(self) -> list[tuple[Any, str | None]]:
        """The waiting rounds' page numbers with their links."""
        return page_links(self.waiting, lambda n: self.query.href(page=n))

    def compared_links(self) -> list[tuple[Any, str | None]]:
        """The comparison's page numbers with their links."""
        return page_links(self.compared, lambda n: self.query.href(cpage=n))


def review_queue(user: Any, params: Mapping[str, str]) -> ReviewQueue:
    """The review queue as ``params`` ask: a page of the waiting rounds (oldest waiting first,
    or newest) and a page of the agencies' totals in one round of one year, highest first.

    A fixed number of queries, and a fixed number of rows shown, whatever the number of
    agencies and years.
    """
    years = readable_years(user)
    order = params.get("order", "")
    query = QueueQuery(
        year=whole(params.get("year"), years[0] if years else 0),
        round_no=whole(params.get("round"), 2),
        order=order if order in QUEUE_ORDERS else "oldest",
        page=max(whole(params.get("page"), 1), 1),
        cpage=max(whole(params.get("cpage"), 1), 1),
    )
    rounds = waiting_rounds(user, newest=query.order == "newest")
    shown = rounds.select_related("scorecard__agency", "scorecard__fiscal_year")
    waiting = Paginator(shown.only(*WAITING_SHOWN), QUEUE_PAGE_SIZE).get_page(query.page)
    standings = comparison(user, query.year, query.round_no)
    compared = Paginator(standings, COMPARED_PAGE_SIZE).get_page(query.cpage)
    cards = Scorecard.objects.select_related("agency").only(*LISTED[:3])
    shown = cards.in_bulk([pk for pk, _ in compared])
    totals = [(shown[pk], standing) for pk, standing in compared if pk in shown]
    return ReviewQueue(query, years, waiting, compared, totals)


# What the review queue shows of a waiting round.
WAITING_SHOWN = (
    "scorecard_id", "round_no", "state", "updated_at",
    "scorecard__agency__code", "scorecard__agency__name_th", "scorecard__agency__name_en",
    "scorecard__fiscal_year__year_be",
)  # fmt: skip


def waiting_rounds(user: Any, newest: bool = False) -> QuerySet[RoundReview]:
    """Rounds submitted or approved, waiting for an evaluator, oldest first (or newest)."""
    found = RoundReview.objects.filter(
        state__in=[ReviewState.SUBMITTED, ReviewState.APPROVED],
        scorecard__in=Scorecard.objects.readable_by(user),
    )
    return found.order_by("-updated_at", "-pk") if newest else found.order_by("updated_at", "pk")


def readable_years(user: Any) -> list[int]:
    """The fiscal years (Buddhist era) of the scorecards ``user`` may read, newest first."""
    found = permissions.visible_scorecards(user).order_by().values_list("fiscal_year__year_be")
    return sorted((year for (year,) in found.distinct()), reverse=True)  # 10 rows, not 1,500


def comparison(user: Any, year: int, round_no: int) -> list[tuple[int, Standing]]:
    """Every readable agency's standing in one round of one year, highest total first, by
    scorecard id.

    Scoring every agency of a year (150 nationally) was most of the review queue's time, so
    each scorecard's standing is kept in Django's cache under the moment its content last
    changed: an audited write to the scorecard (``changelog.log.record``) changes its key, and
    it is scored afresh. Only ids and keys are read for all of them; the caller fetches the
    scorecards of the page it shows. Divisions' internal scorecards are not compared with
    agencies.
    """
    readable = Scorecard.objects.readable_by(user).exclude(agency__kind=AgencyKind.DIVISION)
    cards = readable.filter(fiscal_year__year_be=year)
    standings = _standings(cards.order_by("agency__code", "pk"), round_no)
    ranked = [(pk, standing) for pk, standing in standings.items() if standing is not None]
    # Highest total first; agencies without any result after every real total, even 0.
    ranked.sort(key=lambda pair: (not pair[1].no_result, pair[1].total), reverse=True)
    return ranked


def warm_standings(rounds: tuple[int, ...] = (1, 2, 3)) -> int:
    """Every scorecard's standing in each of ``rounds`` into the cache; how many there are.

    Called with the parsing of every version before gunicorn forks its workers (web/wsgi.py),
    so each worker starts with the comparison of every year instead of scoring a whole year
    on its first look at it. Keys are as :func:`comparison` reads them: a later change to a
    scorecard only makes its own standing be scored again. Divisions' internal scorecards are
    left out, as the comparison leaves them out.
    """
    cards = Scorecard.objects.exclude(current=None).exclude(agency__kind=AgencyKind.DIVISION)
    years = cards.order_by().values_list("fiscal_year_id", flat=True).distinct()
    found = 0
    for year in list(years):
        for round_no in rounds:
            standings = _standings(cards.filter(fiscal_year_id=year), round_no)
            found += sum(standing is not None for standing in standings.values())
    return found


def _standings(cards: QuerySet[Scorecard], round_no: int) -> dict[int, Standing | None]:
    """Scorecard id → its standing in the round (None: no such round), in the cards' order;
    read from the cache, the missing ones scored (in one batch) and cached."""
    made_of = cards.values_list("pk", "current_id", "changed_at")
    keys = {pk: _score_key(pk, current, changed, round_no) for pk, current, changed in made_of}
    found = cache.get_many(keys.values())
    standings = {pk: found[key][0] if key in found else None for pk, key in keys.items()}
    missing = [pk for pk, key in keys.items() if key not in found]
    if missing:
        shown = cards.filter(pk__in=missing).select_related("current")
        scored = engine.score_many(shown.defer("current__template_text", "current__meta"),
                                   round_no)  # fmt: skip
        made: dict[int, Standing | None] = {c.pk: _standing(s.round) for c, s in scored}
        made |= {pk: None for pk in missing if pk not in made}  # no such round: none
        cache.set_many({keys[pk]: (standing,) for pk, standing in made.items()}, SCORES_CACHED_FOR)
        standings |= made
    return standings


def _standing(score: RoundScore) -> Standing:
    return Standing(score.total, score.max_total, len(score.missing), score.no_result)


SCORES_CACHED_FOR = 7 * 24 * 3600  # seconds; the key, not the timeout, keeps a score right


def _score_key(pk: int, current: int | None, changed: datetime, round_no: int) -> str:
    """The cache key of a scorecard's standing in a round: everything scoring it depends on.

    When its content (results, reviews and the versions they pin) last changed, its current
    version, and the code's version (a new release may score differently).
    """
    made_of = (thaikpi.__version__, pk, current, changed.isoformat(), round_no)
    return "thaikpi:standing:" + "|".join(map(str, made_of))
