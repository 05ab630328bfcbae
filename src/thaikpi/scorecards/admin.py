"""Admin pages for KPI ownership (scorecards and versions are imported, not edited)."""

from django.contrib import admin

from thaikpi.scorecards.models import KpiOwnership


@admin.register(KpiOwnership)
class KpiOwnershipAdmin(admin.ModelAdmin):
    """Who reports which KPI."""

    list_display = ("scorecard", "kpi_id", "division")
    filter_horizontal = ("users",)
