"""Joint KPIs: defined once, the result entered once by the owning agency, read by its members.

The rule every scoring path follows (through :mod:`thaikpi.services.engine`):

- A member's KPI whose template names a joint KPI (``joint: CODE``) takes the owning agency's
  result of the same round, never one of its own: entering it is refused.
- The owner's result counts for its members once the owner has sent its round for review
  (submitted, approved or locked). While the owner's round is open (draft, or returned for
  changes) the members' KPI has no result yet and says whose round it waits for.
- Review and lock follow the owner: a member's round can be approved only once the owner's
  round is approved or locked, and locked only once the owner's is locked, so a member's
  locked score never changes afterwards.

Pages, PDF, Excel, the API and the CLI of a member read the shared result from here; the
queries run only for scorecards whose template names a joint KPI.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.db.models import Exists, F, JSONField, OuterRef, Q, Subquery
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from thaikpi.agencies.models import Agency, FiscalYear
from thaikpi.changelog.log import record
from thaikpi.engine import model as m
from thaikpi.joint.models import JointKpi, JointLink
from thaikpi.results.choices import OPEN_STATES, ReviewAction, ReviewState
from thaikpi.results.models import Evidence, Result, RoundReview
from thaikpi.scorecards import permissions
from thaikpi.scorecards.models import Scorecard
from thaikpi.services.errors import Invalid, NotAllowed, RoundClosed

# The owner's round states in which a member's approve or lock may follow.
FOLLOWS = {
    ReviewAction.APPROVE: frozenset({ReviewState.APPROVED, ReviewState.LOCKED}),
    ReviewAction.LOCK: frozenset({ReviewState.LOCKED}),
}


class WaitsForOwner(RoundClosed):
    """A member's round cannot be approved or locked before its joint KPIs' owner's round.

    The page shows the message; the API answers 409 ``round_closed``.
    """


@dataclass(frozen=True)
class Source:
    """Where a member's joint KPI takes its result from, in one round."""

    code: str
    name_th: str
    name_en: str
    owner_th: str
    owner_en: str
    owner_scorecard_id: int | None  # None: the owner has no scorecard for the year yet
    owner_kpi_id: str
    state: str | None  # the owner's review state of the round
    raw: Any = None  # the owner's stored result, when it has one

    @property
    def counts(self) -> bool:
        """The owner's result is used: it has one and has sent its round for review."""
        return self.raw is not None and self.state is not None and self.state not in OPEN_STATES

    @property
    def owner(self) -> str:
        """The owning agency's name in the active language."""
        return self.owner_en if get_language() == "en" and self.owner_en else self.owner_th

    @property
    def name(self) -> str:
        """The joint KPI's name in the active language."""
        return self.name_en if get_language() == "en" and self.name_en else self.name_th

    def state_label(self) -> str:
        """The owner's round state, translated ("" when it has no such round)."""
        return str(ReviewState(self.state).label) if self.state else ""

    @property
    def from_th(self) -> str:
        """ "ผลร่วมจาก <owner> (<joint KPI>)": how exports and the API mark a shared result."""
        return f"ผลร่วมจาก {self.owner_th} ({self.name_th})"

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready: where the result comes from and whether it is used."""
        return {"code": self.code, "owner_th": self.owner_th, "owner_en": self.owner_en,
                "owner_scorecard": self.owner_scorecard_id, "owner_kpi": self.owner_kpi_id,
                "owner_state": self.state, "counts": self.counts,
                "from_th": self.from_th}  # fmt: skip


def named(sc: m.Scorecard) -> dict[str, str]:
    """KPI id → the joint code its template names (no query)."""
    return {k.id: k.joint for k in sc.kpis if k.joint}


def sources(cards: Mapping[int, m.Scorecard], round_no: int) -> dict[int, dict[str, Source]]:
    """Scorecard id → KPI id → Source, for members among ``cards`` (id → its engine scorecard).

    One query, and none when no template among them names a joint KPI. The owner's own
    scorecard is not a member of its joint KPI: it keeps its own result.
    """
    ids = [pk for pk, sc in cards.items() if named(sc)]
    if not ids:
        return {}
    owner = {
        "scorecard__agency_id": OuterRef("joint__owner_id"),
        "scorecard__fiscal_year_id": OuterRef("joint__fiscal_year_id"),
        "round_no": round_no,
    }
    raw = Result.objects.filter(**owner, kpi_id=OuterRef("joint__owner_kpi_id")).values("raw")
    state = RoundReview.objects.filter(**owner).values("state")
    card = Scorecard.objects.filter(
        agency_id=OuterRef("joint__owner_id"), fiscal_year_id=OuterRef("joint__fiscal_year_id")
    ).values("pk")
    rows = (
        JointLink.objects.filter(scorecard_id__in=ids)
        .exclude(scorecard__agency_id=F("joint__owner_id"))
        .annotate(
            owner_raw=Subquery(raw[:1], output_field=JSONField()),
            owner_state=Subquery(state[:1]),
            owner_card=Subquery(card[:1]),
        )
        .values_list(
            "scorecard_id",
            "kpi_id",
            "joint__code",
            "joint__name_th",
            "joint__name_en",
            "joint__owner__name_th",
            "joint__owner__name_en",
            "owner_card",
            "joint__owner_kpi_id",
            "owner_state",
            "owner_raw",
        )
        .order_by()
    )
    found: dict[int, dict[str, Source]] = {}
    for scorecard_id, kpi_id, *rest in rows:
        if kpi_id in named(cards[scorecard_id]):  # the version scored names it too
            found.setdefault(scorecard_id, {})[kpi_id] = Source(*rest)
    return found


def _sent(rows: Any, prefix: str) -> Any:
    """Only the rows whose owner's round was sent for review (what members may read)."""
    review = RoundReview.objects.filter(
        scorecard_id=OuterRef(f"{prefix}scorecard_id"), round_no=OuterRef(f"{prefix}round_no")
    ).exclude(state__in=OPEN_STATES)
    return rows.filter(Exists(review))


def owner_evidence(source: Source) -> list[Evidence]:
    """The owner's evidence files of a member's joint KPI, oldest first (one query).

    Only rounds the owner has sent for review, as for the result itself: an owner's draft
    evidence stays within the owning agency.
    """
    if source.owner_scorecard_id is None:
        return []
    found = Evidence.objects.filter(
        result__scorecard_id=source.owner_scorecard_id, result__kpi_id=source.owner_kpi_id
    )
    found = _sent(found, "result__")
    return list(found.select_related("result").order_by("uploaded_at", "id"))


def shares_evidence(user: Any, evidence: Evidence) -> bool:
    """Whether ``user`` reads ``evidence`` as the owner's file of a joint KPI they carry.

    True when the file belongs to an owner's joint KPI, in a round the owner has sent for
    review, and the user may read a member scorecard of that year that carries the KPI.
    One query.
    """
    result = evidence.result
    owner = result.scorecard
    links = JointLink.objects.filter(
        joint__owner_id=owner.agency_id,
        joint__fiscal_year_id=owner.fiscal_year_id,
        joint__owner_kpi_id=result.kpi_id,
        scorecard__in=Scorecard.objects.readable_by(user),
    ).exclude(scorecard__agency_id=owner.agency_id)
    sent = RoundReview.objects.filter(scorecard_id=owner.pk, round_no=result.round_no)
    return bool(links.filter(Exists(sent.exclude(state__in=OPEN_STATES))).exists())


def owner_results(scorecard_id: int, shared: Mapping[str, Source], round_no: int) -> list[Any]:
    """(member KPI id, the owner's stored Result, Source) for each joint KPI that counts.

    One query, none when nothing counts; for the API's results of a member.
    """
    counting = {k: s for k, s in shared.items() if s.counts and s.owner_scorecard_id}
    if not counting:
        return []
    wanted = Q()
    for source in counting.values():
        wanted |= Q(scorecard_id=source.owner_scorecard_id, kpi_id=source.owner_kpi_id)
    rows = Result.objects.filter(wanted, round_no=round_no)
    rows = rows.select_related("version", "updated_by")  # the serializer reads both
    by_owner = {(r.scorecard_id, r.kpi_id): r for r in rows}
    found = []
    for kpi_id, source in sorted(counting.items()):
        row = by_owner.get((source.owner_scorecard_id, source.owner_kpi_id))
        if row is not None:
            found.append((kpi_id, row, source))
    return found


def scoring_results(stored: Mapping[str, Any], shared: Mapping[str, Source]) -> dict[str, Any]:
    """A member's results as scored: its own, with each joint KPI's taken from the owner only."""
    own = {k: v for k, v in stored.items() if k not in shared}
    return own | {k: s.raw for k, s in shared.items() if s.counts}


@dataclass(frozen=True)
class Carrier:
    """A member scorecard that scores with the owner's result of one KPI."""

    scorecard_id: int
    kpi_id: str
    agency_th: str
    agency_en: str

    @property
    def agency(self) -> str:
        """The member agency's name in the active language."""
        return self.agency_en if get_language() == "en" and self.agency_en else self.agency_th


def carriers(scorecard: Scorecard, kpi_id: str) -> tuple[str, list[Carrier]]:
    """(joint code, the member scorecards carrying it) when this is an owner's joint KPI.

    One query: the owner's template need not name the code (the definition names its KPI).
    """
    rows = (
        JointLink.objects.filter(
            joint__owner_id=scorecard.agency_id,
            joint__fiscal_year_id=scorecard.fiscal_year_id,
            joint__owner_kpi_id=kpi_id,
        )
        .exclude(scorecard__agency_id=scorecard.agency_id)
        .order_by("scorecard__agency__code")
        .values_list(
            "joint__code",
            "scorecard_id",
            "kpi_id",
            "scorecard__agency__name_th",
            "scorecard__agency__name_en",
        )
    )
    found = [(code, Carrier(*rest)) for code, *rest in rows]
    return (found[0][0] if found else ""), [c for _code, c in found]


def shared_kpis(scorecard: Scorecard, sc: m.Scorecard) -> dict[str, JointLink]:
    """KPI id → link, for the KPIs of a member scorecard that take the owner's result."""
    if not named(sc):
        return {}
    links = JointLink.objects.filter(scorecard=scorecard, kpi_id__in=named(sc))
    links = links.exclude(joint__owner_id=scorecard.agency_id).select_related("joint__owner")
    return {link.kpi_id: link for link in links}


def check_not_shared(scorecard: Scorecard, sc: m.Scorecard, kpi_id: str) -> None:
    """NotAllowed when a member tries to enter the result of a joint KPI it does not own."""
    if kpi_id not in named(sc):
        return
    link = shared_kpis(scorecard, sc).get(kpi_id)
    if link is not None:
        raise NotAllowed(
            _(
                "KPI {kpi} is a joint KPI ({name}): {owner} enters its result once for every "
                "agency that carries it. It is read here and cannot be entered or changed."
            ).format(kpi=kpi_id, name=link.joint.name, owner=link.joint.owner.name)
        )


def check_review(scorecard: Scorecard, sc: m.Scorecard, round_no: int, action: str) -> None:
    """WaitsForOwner when a member's approve or lock would run ahead of the owner's review."""
    wanted = FOLLOWS.get(ReviewAction(action)) if action in ReviewAction.values else None
    if wanted is None:
        return
    assessed = {k: v for k, v in named(sc).items() if (kpi := sc.kpi(k)) and kpi.round(round_no)}
    if not assessed:
        return
    shared = sources({scorecard.pk: sc}, round_no).get(scorecard.pk, {})
    for kpi_id, source in sorted(shared.items()):
        if kpi_id in assessed and source.state not in wanted:
            message = (
                _("KPI {kpi} takes its result from {owner}: approve its round {round} first.")
                if action == ReviewAction.APPROVE
                else _("KPI {kpi} takes its result from {owner}: lock its round {round} first.")
            )
            raise WaitsForOwner(message.format(kpi=kpi_id, owner=source.owner, round=round_no))


# Importing a template that names joint KPIs.


def check_template(agency: Agency, year_be: int, sc: m.Scorecard) -> dict[str, JointKpi]:
    """KPI id → the joint KPI it names; Invalid when a code is unknown or not the agency's."""
    codes = named(sc)
    if not codes:
        return {}
    joints = {
        j.code: j
        for j in JointKpi.objects.filter(fiscal_year__year_be=year_be, code__in=codes.values())
        .select_related("owner")
        .prefetch_related("members")
    }
    seen: dict[str, str] = {}
    found = {}
    for kpi_id, code in codes.items():
        joint = joints.get(code)
        if joint is None:
            raise Invalid(
                _(
                    "KPI {kpi}: no joint KPI {code} is defined for fiscal year {year}; "
                    "an evaluator defines it first."
                ).format(kpi=kpi_id, code=code, year=year_be)
            )
        if code in seen:
            raise Invalid(
                _("KPIs {first} and {second} both name the joint KPI {code}.").format(
                    first=seen[code], second=kpi_id, code=code
                )
            )
        seen[code] = kpi_id
        if joint.owner_id == agency.pk and joint.owner_kpi_id != kpi_id:
            raise Invalid(
                _(
                    "KPI {kpi}: {agency} reports the joint KPI {code} as its KPI {owner_kpi}."
                ).format(kpi=kpi_id, agency=agency.name, code=code, owner_kpi=joint.owner_kpi_id)
            )
        if joint.owner_id != agency.pk and agency not in joint.members.all():
            raise Invalid(
                _("KPI {kpi}: {agency} is not a member of the joint KPI {code}.").format(
                    kpi=kpi_id, agency=agency.name, code=code
                )
            )
        found[kpi_id] = joint
    return found


def touch_carriers(scorecard: Scorecard) -> int:
    """Mark changed the member scorecards that score with this (owner's) scorecard's results.

    Called in the transaction of every write that moves an owner's figures for its members
    (a result, a review step), so figures cached from a member (the agencies' comparison,
    keyed on ``changed_at``) are not reused. One UPDATE; nothing for a scorecard that owns
    no joint KPI.
    """
    carriers = Scorecard.objects.filter(
        joint_links__joint__owner_id=scorecard.agency_id,
        joint_links__joint__fiscal_year_id=scorecard.fiscal_year_id,
    )
    return carriers.exclude(pk=scorecard.pk).mark_changed()


# Defining a joint KPI.


@transaction.atomic
def define(
    user: Any,
    code: str,
    year_be: int,
    name_th: str,
    owner: Agency,
    owner_kpi_id: str,
    members: Iterable[Agency],
    name_en: str = "",
) -> JointKpi:
    """Define (or redefine) a joint KPI of a fiscal year; evaluators and administrators only."""
    if not permissions.is_evaluator(user):
        raise NotAllowed(_("Only evaluators define joint KPIs."))
    if not code.strip() or not name_th.strip() or not owner_kpi_id.strip():
        raise Invalid(_("A joint KPI needs a code, a Thai name and the owner's KPI."))
    year = FiscalYear.for_year(year_be)
    joint = JointKpi.objects.filter(fiscal_year=year, code=code).first()
    before = None if joint is None else _snapshot(joint)
    if joint is None:
        joint = JointKpi(fiscal_year=year, code=code.strip(), created_by=_actor(user))
    keep = [a for a in members if a.pk != owner.pk]
    if joint.pk is not None:
        _check_carriers_stay(joint, {owner.pk} | {a.pk for a in keep})
    joint.name_th, joint.name_en = name_th.strip(), name_en.strip()
    joint.owner, joint.owner_kpi_id = owner, owner_kpi_id.strip()
    joint.save()
    joint.members.set(keep)
    after = _snapshot(joint)
    carriers = list(Scorecard.objects.filter(joint_links__joint=joint).distinct())
    for card in carriers:  # a redefinition may change what they score (their log says so)
        record(user, "joint.define", joint, before=before, after=after, scorecard=card)
    if not carriers:
        record(user, "joint.define", joint, before=before, after=after)
    return joint


def _check_carriers_stay(joint: JointKpi, agencies: set[int]) -> None:
    """Invalid when a redefinition drops an agency whose scorecard still carries the KPI."""
    links = joint.links.exclude(scorecard__agency_id__in=agencies)
    carrier = links.select_related("scorecard__agency").first()
    if carrier is not None:
        raise Invalid(
            _(
                "{agency} still carries this joint KPI (KPI {kpi} of its scorecard): import a "
                "version of its template without the joint field first."
            ).format(agency=carrier.scorecard.agency.name, kpi=carrier.kpi_id)
        )


def _actor(user: Any) -> Any:
    return user if getattr(user, "is_authenticated", False) else None


def _snapshot(joint: JointKpi) -> dict[str, Any]:
    """What the audit log keeps of a definition."""
    return {"code": joint.code, "year": joint.fiscal_year.year_be, "name_th": joint.name_th,
            "name_en": joint.name_en, "owner": joint.owner.code, "owner_kpi": joint.owner_kpi_id,
            "members": sorted(joint.members.values_list("code", flat=True))}  # fmt: skip


def defined(year_be: int | None = None) -> list[JointKpi]:
    """The joint KPIs (of one fiscal year), with owner, members and links, for the list page."""
    found = JointKpi.objects.select_related("owner", "fiscal_year").prefetch_related(
        "members", "links__scorecard__agency"
    )
    if year_be is not None:
        found = found.filter(fiscal_year__year_be=year_be)
    return list(found.order_by("-fiscal_year__year_be", "code"))
