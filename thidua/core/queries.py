"""Reads for the core pages: the audit log as the user may see it, and the home dashboard's figures."""

import datetime

from django.db.models import QuerySet
from django.utils import timezone

from thidua.org.queries import scope_for

from .models import AuditEntry
from .vietnamese import fold


def visible_audit_entries(user) -> QuerySet[AuditEntry]:
    """Administrators see every entry; a province officer sees the entries of the units in scope."""
    entries = AuditEntry.objects.select_related("actor", "content_type")
    scope = scope_for(user)
    if scope.is_admin:
        return entries
    return scope.filter_units(entries, "unit_id")


def filter_audit_entries(
    entries: QuerySet[AuditEntry],
    *,
    text: str = "",
    action: str = "",
    date_from: datetime.date | None = None,
    date_to: datetime.date | None = None,
) -> QuerySet[AuditEntry]:
    if action:
        entries = entries.filter(action__startswith=action)
    if date_from:
        entries = entries.filter(at__gte=_start_of(date_from))
    if date_to:
        entries = entries.filter(at__lt=_start_of(date_to + datetime.timedelta(days=1)))
    if text:
        # Summaries are stored with diacritics; match on the folded words so "nguyen" finds "Nguyễn".
        wanted = fold(text).split()
        ids = [
            entry_id
            for entry_id, summary, label, repr_ in entries.values_list(
                "id", "summary", "actor_label", "object_repr"
            )[:5000]
            if all(word in fold(f"{summary} {label} {repr_}") for word in wanted)
        ]
        entries = entries.filter(id__in=ids)
    return entries


def _start_of(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))
