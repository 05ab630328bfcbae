"""Joint KPIs in Django's admin site (definitions go through services.joint on the pages)."""

from django.contrib import admin

from thaikpi.joint.models import JointKpi, JointLink


@admin.register(JointKpi)
class JointKpiAdmin(admin.ModelAdmin):
    """Read the definitions; members are changed through the service so the log keeps it."""

    list_display = ("code", "fiscal_year", "name_th", "owner", "owner_kpi_id")
    list_filter = ("fiscal_year",)
    search_fields = ("code", "name_th", "name_en")


@admin.register(JointLink)
class JointLinkAdmin(admin.ModelAdmin):
    """Which scorecard KPIs carry a joint KPI (made by importing a template naming it)."""

    list_display = ("joint", "scorecard", "kpi_id")
