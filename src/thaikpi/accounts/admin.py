"""Admin pages for memberships (who has which role where)."""

from django.contrib import admin

from thaikpi.accounts.models import Membership


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    """Memberships: user, agency, role."""

    list_display = ("user", "role", "agency")
    list_filter = ("role",)
    search_fields = ("user__username", "agency__code")
    autocomplete_fields = ("agency",)
