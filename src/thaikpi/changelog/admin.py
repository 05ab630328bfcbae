"""The change log in the admin, read-only."""

from typing import Any

from django.contrib import admin

from thaikpi.changelog.models import AuditLog


@admin.register(AuditLog)
class AuditLogAdmin(admin.ModelAdmin):
    """Read-only: the log is append-only."""

    list_display = ("at", "actor", "action", "object_repr", "kpi_id")
    list_filter = ("action",)
    search_fields = ("object_repr", "kpi_id", "actor__username")

    def has_add_permission(self, request: Any) -> bool:
        return False

    def has_change_permission(self, request: Any, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: Any, obj: Any = None) -> bool:
        return False
