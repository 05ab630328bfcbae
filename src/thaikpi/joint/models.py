"""A joint KPI and the scorecard KPIs that carry it."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


class JointKpi(models.Model):
    """A KPI several agencies carry in one fiscal year; the owning agency reports its result.

    The result is the owner's own result of ``owner_kpi_id`` in its scorecard of that year:
    entered once there, read by every member whose template names ``code`` (``joint: CODE``).
    Export growth (DITP's KPI 1, shared by four departments of the Ministry of Commerce) and
    an Agenda e-service reported by the lead agency for its service group are both this.
    """

    code = models.CharField(_("code"), max_length=64)
    fiscal_year = models.ForeignKey(
        "agencies.FiscalYear",
        verbose_name=_("fiscal year"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    name_th = models.CharField(_("name (Thai)"), max_length=500)
    name_en = models.CharField(_("name (English)"), max_length=500, blank=True)
    owner = models.ForeignKey(
        "agencies.Agency",
        verbose_name=_("owning agency"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    owner_kpi_id = models.CharField(_("the owner's KPI"), max_length=64)
    members = models.ManyToManyField(
        "agencies.Agency", verbose_name=_("member agencies"), blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("defined at"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("defined by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("joint KPI")
        verbose_name_plural = _("joint KPIs")
        ordering = ("fiscal_year", "code")
        constraints = (
            models.UniqueConstraint(fields=["fiscal_year", "code"], name="one_joint_code_a_year"),
        )

    def __str__(self) -> str:
        return f"{self.code} {self.fiscal_year}"

    @property
    def name(self) -> str:
        """The name in the active language, falling back to Thai."""
        return self.name_en if get_language() == "en" and self.name_en else self.name_th


class JointLink(models.Model):
    """A member scorecard's KPI that takes its result from a joint KPI (made by the import)."""

    joint = models.ForeignKey(
        JointKpi, verbose_name=_("joint KPI"), on_delete=models.PROTECT, related_name="links"
    )
    scorecard = models.ForeignKey(
        "scorecards.Scorecard",
        verbose_name=_("scorecard"),
        on_delete=models.CASCADE,
        related_name="joint_links",
    )
    kpi_id = models.CharField(_("KPI"), max_length=64)

    class Meta:
        verbose_name = _("joint KPI link")
        verbose_name_plural = _("joint KPI links")
        constraints = (
            models.UniqueConstraint(fields=["scorecard", "kpi_id"], name="one_joint_per_kpi"),
        )

    def __str__(self) -> str:
        return f"{self.scorecard} KPI {self.kpi_id} → {self.joint}"
