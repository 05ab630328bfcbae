"""Results, monthly progress, evidence and round reviews."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.db import models
from django.utils.translation import gettext_lazy as _

from thaikpi.results.choices import OPEN_STATES, FigureChoice, ReviewState


class RoundReview(models.Model):
    """The review state of one round of one scorecard; locked means nothing may change."""

    scorecard = models.ForeignKey(
        "scorecards.Scorecard",
        verbose_name=_("scorecard"),
        on_delete=models.CASCADE,
        related_name="reviews",
    )
    round_no = models.PositiveSmallIntegerField(_("round"))
    state = models.CharField(
        _("state"), max_length=16, choices=ReviewState.choices, default=ReviewState.DRAFT
    )
    comment = models.TextField(_("evaluator's comment"), blank=True)
    # The version a submitted, approved or locked round is scored with, whatever is imported
    # later; empty while the round is open (it then follows the scorecard's current version).
    version = models.ForeignKey(
        "scorecards.ScorecardVersion",
        verbose_name=_("scored with version"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("updated by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("round review")
        verbose_name_plural = _("round reviews")
        constraints = (
            models.UniqueConstraint(fields=["scorecard", "round_no"], name="one_review_per_round"),
        )

    def __str__(self) -> str:
        return f"{self.scorecard} round {self.round_no}: {self.state}"

    @property
    def is_open(self) -> bool:
        """True while the agency may still change results of this round."""
        return self.state in OPEN_STATES

    @property
    def is_locked(self) -> bool:
        """True once the round is locked: final, nothing about it changes any more (an approved
        round may still be returned, so only this state is final)."""
        return self.state == ReviewState.LOCKED


class Result(models.Model):
    """A KPI's result in a round: a measured value or raw inputs, as decimal strings."""

    scorecard = models.ForeignKey(
        "scorecards.Scorecard",
        verbose_name=_("scorecard"),
        on_delete=models.CASCADE,
        related_name="results",
    )
    kpi_id = models.CharField(_("KPI"), max_length=64)
    round_no = models.PositiveSmallIntegerField(_("round"))
    raw = models.JSONField(
        _("result"),
        help_text=_("A decimal string, or an object of input name → decimal string."),
    )
    note = models.TextField(_("note"), blank=True)
    revision = models.PositiveIntegerField(_("revision"), default=1)
    version = models.ForeignKey(
        "scorecards.ScorecardVersion",
        verbose_name=_("entered against version"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("updated by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("result")
        verbose_name_plural = _("results")
        constraints = (
            models.UniqueConstraint(
                fields=["scorecard", "kpi_id", "round_no"], name="one_result_per_kpi_round"
            ),
        )

    def __str__(self) -> str:
        return f"{self.scorecard} KPI {self.kpi_id} round {self.round_no}"


class MonthlyProgress(models.Model):
    """A KPI's progress value for one month of the fiscal year (1 = October)."""

    scorecard = models.ForeignKey(
        "scorecards.Scorecard",
        verbose_name=_("scorecard"),
        on_delete=models.CASCADE,
        related_name="progress",
    )
    kpi_id = models.CharField(_("KPI"), max_length=64)
    month = models.PositiveSmallIntegerField(_("month of the fiscal year"))
    value = models.DecimalField(_("value"), max_digits=24, decimal_places=6)

    class Meta:
        verbose_name = _("monthly progress")
        verbose_name_plural = _("monthly progress")
        ordering = (
            "scorecard",
            "kpi_id",
            "month",
        )
        constraints = (
            models.UniqueConstraint(
                fields=["scorecard", "kpi_id", "month"], name="one_value_per_month"
            ),
            models.CheckConstraint(
                condition=models.Q(month__gte=1, month__lte=12), name="month_in_fiscal_year"
            ),
        )

    def __str__(self) -> str:
        return f"{self.scorecard} KPI {self.kpi_id} month {self.month}"


def evidence_storage() -> FileSystemStorage:
    """Evidence lives in the data folder, never under static or media URLs."""
    return FileSystemStorage(location=settings.EVIDENCE_DIR, base_url=None)


def _evidence_path(instance: Evidence, filename: str) -> str:
    """Stored under a random name so uploaded names never touch the file system."""
    return f"{instance.result.scorecard_id}/{uuid.uuid4().hex}"


class Evidence(models.Model):
    """A file supporting a result, stored outside static and served only to permitted users."""

    result = models.ForeignKey(
        Result, verbose_name=_("result"), on_delete=models.CASCADE, related_name="evidence"
    )
    file = models.FileField(
        _("file"), upload_to=_evidence_path, storage=evidence_storage, max_length=255
    )
    original_name = models.CharField(_("file name"), max_length=255)
    content_type = models.CharField(_("content type"), max_length=100)
    size = models.PositiveIntegerField(_("size (bytes)"))
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("evidence file")
        verbose_name_plural = _("evidence files")
        ordering = ("uploaded_at",)

    def __str__(self) -> str:
        return self.original_name


class MonthlyValue(models.Model):
    """One month's figure of a KPI input's series (export value, trade value, budget).

    Kept per agency across fiscal years, not per scorecard: the forecast learns the monthly
    shape from earlier years, whose scorecards may never have been entered here.
    MonthlyProgress keeps, per scorecard, the KPI's value to date computed from these.
    """

    agency = models.ForeignKey(
        "agencies.Agency", verbose_name=_("agency"), on_delete=models.CASCADE, related_name="+"
    )
    kpi_id = models.CharField(_("KPI"), max_length=64)
    input = models.CharField(_("input"), max_length=64)
    year_be = models.PositiveSmallIntegerField(_("year (B.E.)"))
    month = models.PositiveSmallIntegerField(_("month"))
    value = models.DecimalField(_("value"), max_digits=24, decimal_places=6)

    class Meta:
        verbose_name = _("monthly value")
        verbose_name_plural = _("monthly values")
        ordering = ("agency", "kpi_id", "input", "year_be", "month")
        constraints = (
            models.UniqueConstraint(
                fields=["agency", "kpi_id", "input", "year_be", "month"],
                name="one_value_per_input_month",
            ),
            models.CheckConstraint(
                condition=models.Q(month__gte=1, month__lte=12), name="calendar_month"
            ),
        )

    def __str__(self) -> str:
        return f"{self.agency} KPI {self.kpi_id} {self.input} {self.month}/{self.year_be}"


class FigureDecision(models.Model):
    """What a planner decided about a level whose stated figure differs from its recomputation.

    It belongs to one version, KPI, round and level: the scoring of that round under that
    version follows the chosen figure (``services.engine.decided``). Both figures are kept as
    they were when deciding (decimal strings, trailing zeros kept); the audit log keeps every
    change of mind.
    """

    # The scorecard is the version's (read through it): a column of its own could disagree.
    version = models.ForeignKey(
        "scorecards.ScorecardVersion",
        verbose_name=_("version"),
        on_delete=models.CASCADE,
        related_name="figure_decisions",
    )
    kpi_id = models.CharField(_("KPI"), max_length=64)
    round_no = models.PositiveSmallIntegerField(_("round"))
    score = models.PositiveSmallIntegerField(_("level"))
    choice = models.CharField(_("decision"), max_length=16, choices=FigureChoice.choices)
    stated = models.CharField(_("stated figure"), max_length=64)
    recomputed = models.CharField(_("recomputed figure"), max_length=64)
    reason = models.TextField(_("reason"))
    decided_at = models.DateTimeField(_("decided at"), auto_now=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("figure decision")
        verbose_name_plural = _("figure decisions")
        ordering = ("kpi_id", "round_no", "score")
        constraints = (
            models.UniqueConstraint(
                fields=["version", "kpi_id", "round_no", "score"], name="one_decision_per_level"
            ),
        )

    def __str__(self) -> str:
        card = self.version.scorecard
        return f"{card} KPI {self.kpi_id} round {self.round_no} level {self.score}"


def _series_file_path(instance: SeriesFile, filename: str) -> str:
    """Beside the scorecard's evidence, under a random name (uploaded names never touch disk)."""
    return f"{instance.scorecard_id}/series-{uuid.uuid4().hex}"


class SeriesFile(models.Model):
    """A monthly sheet as it was uploaded: the evidence of a KPI's series.

    Every stored sheet is kept, whether or not it completes a round (a complete round's
    result also gets it as its Evidence), so the months behind the progress chart and the
    forecast can always be shown. ``first`` and ``last`` are the months it gave, as
    ``YYYY-MM`` in the Buddhist era (2566-10); ``values`` counts them by KPI input.
    """

    scorecard = models.ForeignKey(
        "scorecards.Scorecard",
        verbose_name=_("scorecard"),
        on_delete=models.CASCADE,
        related_name="series_files",
    )
    kpi_id = models.CharField(_("KPI"), max_length=64)
    file = models.FileField(
        _("file"), upload_to=_series_file_path, storage=evidence_storage, max_length=255
    )
    original_name = models.CharField(_("file name"), max_length=255)
    content_type = models.CharField(_("content type"), max_length=100)
    size = models.PositiveIntegerField(_("size (bytes)"))
    first = models.CharField(_("first month"), max_length=7)
    last = models.CharField(_("last month"), max_length=7)
    values = models.JSONField(_("months by input"), default=dict)
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("monthly sheet")
        verbose_name_plural = _("monthly sheets")
        ordering = ("uploaded_at", "id")

    def __str__(self) -> str:
        return self.original_name
