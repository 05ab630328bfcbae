"""Due dates, notifications (each event once per user) and calendar feed tokens."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Deadline(models.Model):
    """When a round's results are due: for the whole round (no KPI) or for one KPI."""

    scorecard = models.ForeignKey(
        "scorecards.Scorecard",
        verbose_name=_("scorecard"),
        on_delete=models.CASCADE,
        related_name="deadlines",
    )
    round_no = models.PositiveSmallIntegerField(_("round"))
    kpi_id = models.CharField(_("KPI"), max_length=64, blank=True)  # blank: the whole round
    due = models.DateField(_("due date"))
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
        verbose_name = _("deadline")
        verbose_name_plural = _("deadlines")
        constraints = (
            models.UniqueConstraint(
                fields=["scorecard", "round_no", "kpi_id"], name="one_deadline_per_round_kpi"
            ),
        )

    def __str__(self) -> str:
        return f"{self.scorecard} round {self.round_no} {self.kpi_id or '*'}: {self.due}"


class MonthlyDue(models.Model):
    """A KPI whose monthly progress is due by ``day`` of the month after (Agenda KPIs: the 15th)."""

    scorecard = models.ForeignKey(
        "scorecards.Scorecard",
        verbose_name=_("scorecard"),
        on_delete=models.CASCADE,
        related_name="monthly_dues",
    )
    kpi_id = models.CharField(_("KPI"), max_length=64)
    day = models.PositiveSmallIntegerField(_("day of the following month"))

    class Meta:
        verbose_name = _("monthly due day")
        verbose_name_plural = _("monthly due days")
        constraints = (
            models.UniqueConstraint(fields=["scorecard", "kpi_id"], name="one_monthly_due_per_kpi"),
            models.CheckConstraint(
                condition=models.Q(day__gte=1, day__lte=28), name="monthly_due_day_in_every_month"
            ),
        )

    def __str__(self) -> str:
        return f"{self.scorecard} KPI {self.kpi_id}: monthly by day {self.day}"


class Notification(models.Model):
    """One event for one user; ``key`` names the event, so it is stored (and mailed) once."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="notifications",
    )
    key = models.CharField(_("event"), max_length=200)
    kind = models.CharField(_("kind"), max_length=32)
    # The message's parameters; the text is made in the reader's language when shown or mailed.
    params = models.JSONField(_("details"), default=dict)
    url = models.CharField(_("link"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)
    emailed_at = models.DateTimeField(_("e-mailed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ("-created_at", "-pk")
        constraints = (
            models.UniqueConstraint(fields=["user", "key"], name="one_notification_per_event"),
        )
        indexes = (models.Index(fields=["user", "read_at"], name="notification_unread"),)

    def __str__(self) -> str:
        return f"{self.user}: {self.key}"


class CalendarFeed(models.Model):
    """A user's secret calendar address; replacing or revoking it stops the old one at once."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="calendar_feed",
    )
    token = models.CharField(_("token"), max_length=64, unique=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("calendar feed")
        verbose_name_plural = _("calendar feeds")

    def __str__(self) -> str:
        return f"{self.user} calendar"
