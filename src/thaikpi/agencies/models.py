"""Agencies in a hierarchy, and Thai fiscal years."""

from __future__ import annotations

from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from thaikpi.agencies.choices import AgencyKind
from thaikpi.engine.formatting import fiscal_year_dates


class Agency(models.Model):
    """A ministry, department or province (each signs its own scorecard) or a division inside one.

    A division may keep an internal scorecard too; its roles count for its parent's.
    """

    code = models.CharField(_("code"), max_length=64, unique=True)
    name_th = models.CharField(_("name (Thai)"), max_length=255)
    name_en = models.CharField(_("name (English)"), max_length=255, blank=True)
    kind = models.CharField(_("kind"), max_length=16, choices=AgencyKind.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent agency"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
    )

    class Meta:
        verbose_name = _("agency")
        verbose_name_plural = _("agencies")
        ordering = ("code",)

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        """The name in the active language, falling back to Thai."""
        return self.name_en if get_language() == "en" and self.name_en else self.name_th

    @property
    def department(self) -> Agency:
        """The agency whose roles count here: the parent of a division, otherwise itself."""
        return self.parent if self.kind == AgencyKind.DIVISION and self.parent else self


class FiscalYear(models.Model):
    """A Thai fiscal year: 1 October to 30 September, numbered in the Buddhist era."""

    year_be = models.PositiveIntegerField(_("fiscal year (B.E.)"), unique=True)
    starts = models.DateField(_("first day"))
    ends = models.DateField(_("last day"))

    class Meta:
        verbose_name = _("fiscal year")
        verbose_name_plural = _("fiscal years")
        ordering = ("-year_be",)

    def __str__(self) -> str:
        return str(self.year_be)

    @classmethod
    def for_year(cls, year_be: int) -> FiscalYear:
        """The fiscal year ``year_be``, created with the Thai Oct–Sep dates if missing."""
        starts, ends = fiscal_year_dates(year_be)
        year, _created = cls.objects.get_or_create(
            year_be=year_be, defaults={"starts": starts, "ends": ends}
        )
        return year
