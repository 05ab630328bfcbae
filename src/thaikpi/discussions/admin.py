"""Comments in the admin: read-only, as they are history."""

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from thaikpi.discussions.models import Comment


@admin.register(Comment)
class CommentAdmin(admin.ModelAdmin):
    """Comments by scorecard, round and KPI; changed only through the pages."""

    list_display = ("scorecard", "round_no", "kpi_id", "author", "created_at", "resolved_at")
    list_filter = ("round_no",)
    search_fields = ("body",)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
