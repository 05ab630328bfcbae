"""An agency's scorecard for a fiscal year, its template versions, and who owns each KPI."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from thaikpi.accounts.choices import Role
from thaikpi.accounts.roles import is_admin, readable_agencies, roles_of
from thaikpi.agencies.choices import AgencyKind


class ScorecardQuerySet(models.QuerySet["Scorecard"]):
    """Scorecards narrowed to what a user may read or report: the one rule every view asks."""

    def readable_by(self, user: Any) -> ScorecardQuerySet:
        """What ``user`` may read: evaluators every agency, others their own and its divisions'."""
        agencies = readable_agencies(user)
        if agencies is None:
            return self
        # A division's internal scorecard is read by its department's members (and its own:
        # accounts.roles.roles_of lists a division's members in its department too).
        division = Q(agency__parent_id__in=agencies, agency__kind=AgencyKind.DIVISION)
        return self.filter(Q(agency_id__in=agencies) | division)

    def editable_by(self, user: Any) -> ScorecardQuerySet:
        """The scorecards whose results ``user`` reports: planners of the scorecard's own
        agency (a division's internal scorecard is its own planners', not the department's),
        and owners of some KPI (scorecards.permissions.is_planner, owns_kpi)."""
        if is_admin(user):
            return self.all()
        r = roles_of(user)
        planner = [a for a, roles in r.by_agency.items() if Role.PLANNER in roles]
        owner = [a for a, roles in r.by_agency.items() if Role.KPI_OWNER in roles]
        planned = Q(agency_id__in=planner)
        if not owner:  # also anyone logged out: no roles at all
            return self.filter(planned)
        owned = KpiOwnership.objects.filter(Q(users=user) | Q(division_id__in=r.divisions))
        reports = Q(agency_id__in=owner, pk__in=owned.values("scorecard_id"))
        return self.filter(planned | reports)

    def mark_changed(self) -> int:
        """Note a change to these scorecards' content, so figures cached from it are not reused.

        Called (through ``changelog.log.record``) in the transaction of every write to results,
        reviews, versions and owners: a cached figure is keyed on ``changed_at``. A moment, not
        a counter: a counter rolled back with its transaction would come back for other content.
        """
        return self.update(changed_at=timezone.now())


class Scorecard(models.Model):
    """One agency's performance agreement for one fiscal year; its content lives in versions."""

    objects = ScorecardQuerySet.as_manager()

    agency = models.ForeignKey(
        "agencies.Agency", verbose_name=_("agency"), on_delete=models.PROTECT, related_name="+"
    )
    fiscal_year = models.ForeignKey(
        "agencies.FiscalYear",
        verbose_name=_("fiscal year"),
        on_delete=models.PROTECT,
        related_name="scorecards",
    )
    current = models.ForeignKey(
        "ScorecardVersion",
        verbose_name=_("current version"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    # Moves on with every audited change (results, reviews, versions, owners): see mark_changed.
    changed_at = models.DateTimeField(_("content changed at"), default=timezone.now, editable=False)
    # Draft until the agency head and the evaluator have both signed the current version
    # (services.agreement); from then on its rounds may be submitted and a change of targets
    # follows the template's revision rule.
    agreed_at = models.DateTimeField(_("agreed at"), null=True, blank=True, editable=False)
    agreed_version = models.ForeignKey(
        "ScorecardVersion",
        verbose_name=_("agreed version"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )

    class Meta:
        verbose_name = _("scorecard")
        verbose_name_plural = _("scorecards")
        ordering = (
            "agency__code",
            "-fiscal_year__year_be",
        )
        constraints = (
            models.UniqueConstraint(fields=["agency", "fiscal_year"], name="one_scorecard_a_year"),
        )

    def __str__(self) -> str:
        return f"{self.agency} {self.fiscal_year}"

    @property
    def is_agreed(self) -> bool:
        """Signed by the agency head and the evaluator: no longer a draft."""
        return self.agreed_at is not None


class ScorecardVersion(models.Model):
    """A version of a scorecard: the template YAML as imported, and why it was revised."""

    scorecard = models.ForeignKey(
        Scorecard, verbose_name=_("scorecard"), on_delete=models.CASCADE, related_name="versions"
    )
    number = models.PositiveIntegerField(_("version"))
    template_text = models.TextField(_("template (YAML)"))
    template_id = models.CharField(_("template id"), max_length=64)
    title_th = models.CharField(_("title (Thai)"), max_length=500)
    title_en = models.CharField(_("title (English)"), max_length=500, blank=True)
    meta = models.JSONField(
        _("parsed metadata"),
        default=dict,
        help_text=_("KPI ids, names, weights and levels at import, for history and revisions."),
    )
    reason = models.TextField(_("reason for the revision"), blank=True)
    created_at = models.DateTimeField(_("imported at"), auto_now_add=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("imported by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("scorecard version")
        verbose_name_plural = _("scorecard versions")
        ordering = (
            "scorecard",
            "-number",
        )
        constraints = (
            models.UniqueConstraint(fields=["scorecard", "number"], name="unique_version_number"),
        )

    def __str__(self) -> str:
        return f"{self.scorecard} v{self.number}"

    @property
    def title(self) -> str:
        """The title in the active language, falling back to Thai."""
        return self.title_en if get_language() == "en" and self.title_en else self.title_th


class KpiOwnership(models.Model):
    """Which division and which users report one KPI of a scorecard."""

    scorecard = models.ForeignKey(
        Scorecard, verbose_name=_("scorecard"), on_delete=models.CASCADE, related_name="owners"
    )
    kpi_id = models.CharField(_("KPI"), max_length=64)
    division = models.ForeignKey(
        "agencies.Agency",
        verbose_name=_("responsible division"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    users = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("reporting users"), blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("KPI ownership")
        verbose_name_plural = _("KPI ownerships")
        constraints = (
            models.UniqueConstraint(fields=["scorecard", "kpi_id"], name="one_owner_row_per_kpi"),
        )

    def __str__(self) -> str:
        return f"{self.scorecard} KPI {self.kpi_id}"


class Signature(models.Model):
    """One side's signature of one version: the agency head's or the evaluator's."""

    class Side(models.TextChoices):
        AGENCY = "agency", _("Head of the agency")
        EVALUATOR = "evaluator", _("Evaluator")

    # The scorecard is the version's (read through it): a column of its own could disagree.
    version = models.ForeignKey(
        ScorecardVersion,
        verbose_name=_("version"),
        on_delete=models.CASCADE,
        related_name="signatures",
    )
    side = models.CharField(_("signed as"), max_length=16, choices=Side.choices)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("signed by"), on_delete=models.PROTECT,
        related_name="+",
    )  # fmt: skip
    signed_at = models.DateTimeField(_("signed at"), auto_now_add=True)

    class Meta:
        verbose_name = _("signature")
        verbose_name_plural = _("signatures")
        ordering = ("signed_at", "id")
        constraints = (
            models.UniqueConstraint(fields=["version", "side"], name="one_signature_a_side"),
        )

    def __str__(self) -> str:
        return f"{self.version} {self.side} {self.user}"
