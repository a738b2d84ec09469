"""Django admin: read-only. Every change goes through the services (and so into the audit log), never here."""

from django.contrib import admin

from .models import Ethnicity


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Ethnicity)
class EthnicityAdmin(ReadOnlyAdmin):
    list_display = ["code", "name", "other_names"]
    search_fields = ["name", "other_names", "name_folded"]
