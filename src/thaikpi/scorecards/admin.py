"""Admin pages for KPI ownership (scorecards and versions are imported, not edited).

Saves and deletes go through :mod:`thaikpi.services.ownership`, as on the owners page: the
same rules, and an audit log entry written in the admin's transaction.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from django.db import transaction
from django.db.models import QuerySet
from django.http import HttpRequest

from thaikpi.scorecards import permissions
from thaikpi.scorecards.models import KpiOwnership
from thaikpi.services import ownership
from thaikpi.services.errors import DomainError


class KpiOwnershipForm(forms.ModelForm):
    """Refuses what the owners page refuses: a KPI not in the template, another agency's
    division, users who are not the agency's KPI owners."""

    class Meta:
        model = KpiOwnership
        fields = ("scorecard", "kpi_id", "division", "users")

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        scorecard = data.get("scorecard") or (
            self.instance.scorecard if self.instance.scorecard_id else None
        )
        kpi_id = data.get("kpi_id") or self.instance.kpi_id
        if scorecard is None or not kpi_id or self.errors:
            return data
        try:
            ownership.check_owner(scorecard, kpi_id, data.get("division"), data.get("users", []))
        except DomainError as exc:
            raise forms.ValidationError(exc.message) from None
        return data


@admin.register(KpiOwnership)
class KpiOwnershipAdmin(admin.ModelAdmin):
    """Who reports which KPI; administrators only (planners use the owners page)."""

    form = KpiOwnershipForm
    list_display = ("scorecard", "kpi_id", "division")
    filter_horizontal = ("users",)

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> tuple[str, ...]:
        # A row is one KPI of one scorecard: to move it, delete it and add another.
        return ("scorecard", "kpi_id") if obj is not None else ()

    def has_add_permission(self, request: HttpRequest) -> bool:
        return permissions.is_admin(request.user) and super().has_add_permission(request)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return permissions.is_admin(request.user) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return permissions.is_admin(request.user) and super().has_delete_permission(request, obj)

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        """Nothing yet: the row is saved with its users in :meth:`save_related`."""

    def save_related(self, request: HttpRequest, form: Any, formsets: Any, change: bool) -> None:
        """Save the row and its users through the service, which writes the audit entry."""
        obj = form.instance
        row = ownership.set_owner(
            request.user,
            obj.scorecard,
            obj.kpi_id,
            form.cleaned_data.get("division"),
            form.cleaned_data.get("users", []),
        )
        obj.pk, obj._state.adding, obj._state.db = row.pk, False, row._state.db
        for formset in formsets:
            self.save_formset(request, form, formset, change=change)

    def delete_model(self, request: HttpRequest, obj: Any) -> None:
        ownership.remove_owner(request.user, obj)

    @transaction.atomic
    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[KpiOwnership]) -> None:
        """The list's "delete selected": one audit entry per row, all or nothing."""
        for row in queryset.select_related("scorecard"):
            ownership.remove_owner(request.user, row)
