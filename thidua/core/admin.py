from django.contrib import admin

from thidua.org.admin import ReadOnlyAdmin

from .models import AuditEntry


@admin.register(AuditEntry)
class AuditEntryAdmin(ReadOnlyAdmin):
    list_display = ["at", "actor_label", "action", "object_repr", "summary"]
    list_filter = ["action"]
    search_fields = ["summary", "object_repr", "actor_label"]
