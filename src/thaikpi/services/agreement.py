"""A scorecard's agreement: draft until the agency head and the evaluator sign its version.

- A scorecard starts as a draft. Its versions may change freely (no reason, no revision rule):
  it is still being negotiated. Results may be entered to try the figures out, but no round
  can be submitted.
- The agency head's side is signed by a planner or an executive of the agency (of the
  division or its department, for a division's internal scorecard); the evaluator's by an
  evaluator.
  Administrators may sign either side, one person never both. Each signature is of the
  current version and is kept in the audit log; a new version imported after one side has
  signed needs that side's signature again.
- When both sides have signed the current version, the scorecard is agreed: its rounds can
  be submitted, and a change of targets is a revision, with a reason, as often as the
  template's revision rule allows and never in a round already submitted (services.imports).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db import transaction
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from thaikpi.accounts.choices import Role
from thaikpi.agencies.choices import AgencyKind
from thaikpi.changelog.log import record
from thaikpi.scorecards import permissions
from thaikpi.scorecards.models import Scorecard, Signature
from thaikpi.services import notifications
from thaikpi.services.errors import Invalid, NotAllowed

SIDES = (Signature.Side.AGENCY, Signature.Side.EVALUATOR)


@dataclass(frozen=True)
class Agreement:
    """Where a scorecard stands: draft or agreed, and the signatures of its current version."""

    agreed: bool
    agreed_at: datetime | None
    agreed_version: int | None
    version: int  # the current version's number
    signatures: dict[str, Signature]  # side → signature of the current (or agreed) version
    may_sign: tuple[str, ...]  # the sides the asking user may sign now

    @property
    def missing(self) -> list[str]:
        """The sides still to sign."""
        return [s.value for s in SIDES if s.value not in self.signatures]

    def as_dict(self) -> dict[str, Any]:
        """The API's shape."""
        signed = [
            {"side": side, "user": sig.user.username, "signed_at": sig.signed_at.isoformat()}
            for side, sig in sorted(self.signatures.items())
        ]
        return {
            "agreed": self.agreed,
            "agreed_at": self.agreed_at.isoformat() if self.agreed_at else None,
            "agreed_version": self.agreed_version,
            "version": self.version,
            "signatures": signed,
            "missing": self.missing,
            "may_sign": list(self.may_sign),
        }


def status(user: Any, scorecard: Scorecard) -> Agreement:
    """The scorecard's agreement as ``user`` sees it (one query for its signatures)."""
    current = scorecard.current
    assert current is not None, "a scorecard always has a current version"
    version_id = scorecard.agreed_version_id if scorecard.is_agreed else current.pk
    found = Signature.objects.filter(version_id=version_id).select_related("user")
    signatures = {s.side: s for s in found}
    may: tuple[str, ...] = ()
    if not scorecard.is_agreed:
        signed_by = {s.user_id for s in signatures.values()}
        may = tuple(
            side
            for side in permissions.can_sign_as(user, scorecard)
            if side not in signatures and user.pk not in signed_by
        )
    agreed_number = None
    if scorecard.is_agreed:
        agreed_number = (
            current.number
            if scorecard.agreed_version_id == current.pk
            else scorecard.versions.filter(pk=scorecard.agreed_version_id)
            .values_list("number", flat=True)
            .first()
        )
    return Agreement(
        scorecard.is_agreed, scorecard.agreed_at, agreed_number, current.number, signatures, may
    )


@transaction.atomic
def sign(user: Any, scorecard: Scorecard, side: str) -> Agreement:
    """Sign the current version for ``side``; the second signature makes the scorecard agreed."""
    locked = Scorecard.objects.select_for_update(of=("self",)).select_related(
        "agency", "current", "fiscal_year"
    )
    card = locked.get(pk=scorecard.pk)
    if side not in {s.value for s in SIDES}:
        raise Invalid(_("Unknown side of the agreement."))
    if card.is_agreed:
        raise Invalid(_("This scorecard is already agreed."))
    if side not in permissions.can_sign_as(user, card):
        raise NotAllowed(_("You may not sign this scorecard for that side."))
    version = card.current
    assert version is not None, "a scorecard always has a current version"
    signed = {s.side: s.user_id for s in Signature.objects.filter(version=version)}
    if side in signed:
        raise Invalid(_("This side has already signed version {n}.").format(n=version.number))
    if user.pk in signed.values():
        raise NotAllowed(_("The agency head and the evaluator must be two different people."))
    signature = Signature.objects.create(version=version, side=side, user=user)
    after = {"side": side, "version": version.number}
    record(user, "scorecard.sign", signature, after=after, scorecard=card)
    if len(signed) + 1 == len(SIDES):
        card.agreed_at = timezone.now()
        card.agreed_version = version
        card.save(update_fields=["agreed_at", "agreed_version"])
        record(user, "scorecard.agree", card, before={"state": "draft"},
               after={"state": "agreed", "version": version.number}, scorecard=card)  # fmt: skip
    notifications.signing_event(user, card, side, version.number, signature.pk)
    scorecard.agreed_at, scorecard.agreed_version_id = card.agreed_at, card.agreed_version_id
    scorecard.current = version
    return status(user, scorecard)


def awaiting_signature(user: Any) -> list[Scorecard]:
    """The drafts whose other side has signed their current version and that wait for
    ``user``'s side: evaluators sign after the agency's head, the agency's planners and
    executives after the evaluator. One query; a draft the user signed is not listed."""
    on_current = Signature.objects.filter(version_id=OuterRef("current_id"))
    mine = Q()
    if permissions.is_evaluator(user):
        mine |= Q(
            Exists(on_current.filter(side=Signature.Side.AGENCY)),
            ~Exists(on_current.filter(side=Signature.Side.EVALUATOR)),
        )
    r = permissions.roles_of(user)
    heads = [a for a, roles in r.by_agency.items() if {Role.PLANNER, Role.EXECUTIVE} & roles]
    if heads:
        here = Q(agency_id__in=heads) | Q(
            agency__parent_id__in=heads, agency__kind=AgencyKind.DIVISION
        )
        mine |= Q(
            here,
            Exists(on_current.filter(side=Signature.Side.EVALUATOR)),
            ~Exists(on_current.filter(side=Signature.Side.AGENCY)),
        )
    if not mine:
        return []
    drafts = Scorecard.objects.filter(agreed_at__isnull=True, current__isnull=False)
    found = drafts.filter(mine).exclude(Exists(on_current.filter(user_id=user.pk)))
    found = found.select_related("agency", "fiscal_year", "current")
    return list(found.defer("current__template_text", "current__meta").order_by("agency__code"))


def check_agreed(agreed: bool) -> None:
    """Refuse to submit a round of a scorecard that is still a draft, saying what is missing."""
    if not agreed:
        raise NotAllowed(
            _(
                "The scorecard is still a draft: the agency head and the evaluator must sign it "
                "before a round can be submitted."
            )
        )
