"""Admin pages for agencies and fiscal years (administrators manage the hierarchy here)."""

from django.contrib import admin

from thaikpi.agencies.models import Agency, FiscalYear


@admin.register(Agency)
class AgencyAdmin(admin.ModelAdmin):
    """Agencies with their parent."""

    list_display = ("code", "name_th", "kind", "parent")
    list_filter = ("kind",)
    search_fields = ("code", "name_th", "name_en")


@admin.register(FiscalYear)
class FiscalYearAdmin(admin.ModelAdmin):
    """Fiscal years."""

    list_display = ("year_be", "starts", "ends")
