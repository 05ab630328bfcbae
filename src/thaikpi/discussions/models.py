"""A comment on a scorecard's round, or on one KPI in that round; replies form a thread.

A thread is a comment without a parent and its replies (a reply to a reply joins the same
thread). The thread is resolved as a whole: ``resolved_at``/``resolved_by`` on its first
comment. Comments are never edited or deleted; resolving and reopening are recorded in the
audit log, which is the thread's history.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Comment(models.Model):
    """One comment; ``parent`` is the thread's first comment (None for that first comment)."""

    scorecard = models.ForeignKey(
        "scorecards.Scorecard",
        verbose_name=_("scorecard"),
        on_delete=models.CASCADE,
        related_name="comments",
    )
    round_no = models.PositiveSmallIntegerField(_("round"))
    kpi_id = models.CharField(_("KPI"), max_length=64, null=True, blank=True)  # None: the round
    parent = models.ForeignKey(
        "self",
        verbose_name=_("thread"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="replies",
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    body = models.TextField(_("comment"))
    created_at = models.DateTimeField(_("written at"), auto_now_add=True)
    resolved_at = models.DateTimeField(_("resolved at"), null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("resolved by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        ordering = ("created_at", "pk")
        indexes = (models.Index(fields=["scorecard", "round_no", "kpi_id"], name="comment_place"),)
        constraints = (
            models.CheckConstraint(
                condition=models.Q(parent__isnull=True) | models.Q(resolved_at__isnull=True),
                name="only_a_thread_is_resolved",
            ),
        )

    def __str__(self) -> str:
        # Read by the audit page's subject(): "KPI 3 · round 1" or "Round 1".
        if self.kpi_id:
            return f"{self.scorecard} KPI {self.kpi_id} round {self.round_no}"
        return f"{self.scorecard} round {self.round_no}: comment"

    @property
    def resolved(self) -> bool:
        """True once someone marked the thread resolved (and nobody reopened it)."""
        return self.resolved_at is not None
