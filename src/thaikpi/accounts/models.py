"""A user's membership of an agency, with a role."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from thaikpi.accounts.choices import GLOBAL_ROLES, Role


class Membership(models.Model):
    """A role in one agency (planner, KPI owner, executive) or everywhere (admin, evaluator)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    agency = models.ForeignKey(
        "agencies.Agency",
        verbose_name=_("agency"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="memberships",
        help_text=_("Empty for administrators and evaluators, who work across agencies."),
    )
    role = models.CharField(_("role"), max_length=16, choices=Role.choices)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = (
            models.UniqueConstraint(fields=["user", "agency", "role"], name="unique_membership"),
        )

    def __str__(self) -> str:
        return f"{self.user} · {self.get_role_display()} · {self.agency or '*'}"

    def clean(self) -> None:
        """Agency roles need an agency; global roles must not have one."""
        if self.role in GLOBAL_ROLES and self.agency_id:
            raise ValidationError(_("Administrators and evaluators are not tied to an agency."))
        if self.role not in GLOBAL_ROLES and not self.agency_id:
            raise ValidationError(_("This role needs an agency."))
