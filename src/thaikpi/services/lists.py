"""Lists across scorecards: "My scorecards" (filters, paging), the review queue, the comparison.

Views pass the query string in and render what comes back; the read rule is
``Scorecard.objects.readable_by`` (through permissions.visible_scorecards).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from django.core.cache import cache
from django.core.paginator import Page, Paginator
from django.db.models import Count, Q, QuerySet

import thaikpi
from thaikpi.accounts import permissions
from thaikpi.agencies.choices import AgencyKind
from thaikpi.engine.scoring import RoundScore
from thaikpi.results.choices import ReviewState
from thaikpi.results.models import RoundReview
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
    """One page of a user's scorecards, each with its rounds' review rows, and the filters."""

    rows: list[tuple[Scorecard, list[RoundReview | None]]]
    visible: int  # scorecards the user may read, before filtering
    years: list[int]
    filters: HomeFilters
    page: Page[Scorecard]

    @property
    def tools(self) -> bool:
        """Whether the filter form shows: filters in use, or more than a screenful."""
        return self.filters.active or self.visible > HOME_FILTERS_FROM

    def links(self) -> list[tuple[Any, str | None]]:
        """The page numbers with their links (none for the current page and the ellipses)."""
        if self.page.paginator.num_pages <= 1:
            return []
        numbers = self.page.paginator.get_elided_page_range(
            self.page.number, on_each_side=2, on_ends=1
        )
        return [
            (n, None if n == Paginator.ELLIPSIS or n == self.page.number else self.filters.href(n))
            for n in numbers
        ]


def home_list(user: Any, params: Mapping[str, str]) -> HomeList:
    """The scorecards ``user`` may read, filtered and paged as ``params`` ask.

    A fixed number of queries whatever the number of scorecards (some 2,000 nationally).
    """
    visible = permissions.visible_scorecards(user)
    per_year = visible.order_by().values("fiscal_year__year_be").annotate(n=Count("pk"))
    by_year = {row["fiscal_year__year_be"]: row["n"] for row in per_year}
    years = sorted(by_year, reverse=True)
    f = home_filters(params, years)
    cards = _filtered(visible, f).order_by("agency__code", "-fiscal_year__year_be", "pk")
    # Not a number or below 1: the first page; beyond the last: the last.
    asked = max(whole(params.get("page"), 1), 1)
    page = Paginator(cards, HOME_PAGE_SIZE).get_page(asked)
    shown = list(page.object_list)
    states = {
        (r.scorecard_id, r.round_no): r
        for r in RoundReview.objects.filter(
            scorecard_id__in=[c.pk for c in shown], round_no__in=HOME_ROUNDS
        ).only("scorecard_id", "round_no", "state")
    }
    rows = [(c, [states.get((c.pk, n)) for n in HOME_ROUNDS]) for c in shown]
    return HomeList(rows, sum(by_year.values()), years, f, page)


def waiting_rounds(user: Any) -> QuerySet[RoundReview]:
    """Rounds submitted or approved, waiting for an evaluator, oldest first."""
    found = RoundReview.objects.filter(
        state__in=[ReviewState.SUBMITTED, ReviewState.APPROVED],
        scorecard__in=Scorecard.objects.readable_by(user),
    )
    return found.select_related("scorecard__agency", "scorecard__fiscal_year").order_by(
        "updated_at"
    )


def readable_years(user: Any) -> list[int]:
    """The fiscal years (Buddhist era) of the scorecards ``user`` may read, newest first."""
    found = permissions.visible_scorecards(user).order_by().values_list("fiscal_year__year_be")
    return sorted((year for (year,) in found.distinct()), reverse=True)  # 10 rows, not 1,500


def comparison(user: Any, year: int, round_no: int) -> list[tuple[Scorecard, RoundScore]]:
    """Every readable agency's total in one round of one year, highest first.

    Scoring every agency of a year (150 nationally) was most of the review queue's time, so
    each scorecard's score is kept in Django's cache under the moment its content last changed:
    an audited write to the scorecard (``audit.log.record``) changes its key, and it is scored
    afresh. Divisions' internal scorecards are not compared with agencies.
    """
    visible = permissions.visible_scorecards(user).exclude(agency__kind=AgencyKind.DIVISION)
    cards = list(visible.filter(fiscal_year__year_be=year))
    keys = {c.pk: _score_key(c, round_no) for c in cards}
    found = cache.get_many(keys.values())
    scores = {pk: found[key][0] for pk, key in keys.items() if key in found}
    missing = [c for c in cards if c.pk not in scores]
    if missing:
        made = {c.pk: s.round for c, s in engine.score_many(missing, round_no)}
        made |= {c.pk: None for c in missing if c.pk not in made}  # no such round: none
        cache.set_many({keys[pk]: (score,) for pk, score in made.items()}, SCORES_CACHED_FOR)
        scores |= made
    totals = [(c, score) for c in cards if (score := scores[c.pk]) is not None]
    totals.sort(key=lambda pair: pair[1].total, reverse=True)
    return totals


SCORES_CACHED_FOR = 7 * 24 * 3600  # seconds; the key, not the timeout, keeps a score right


def _score_key(card: Scorecard, round_no: int) -> str:
    """The cache key of a scorecard's score in a round: everything scoring it depends on.

    When its content (results, reviews and the versions they pin) last changed, its current
    version, and the code's version (a new release may score differently).
    """
    changed = card.changed_at.isoformat()
    made_of = (thaikpi.__version__, card.pk, card.current_id, changed, round_no)
    return "thaikpi:score:" + "|".join(map(str, made_of))
