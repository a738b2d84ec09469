"""Writing and reading the audit log.

``record`` is called by services, inside their transaction. ``snapshot`` turns a model instance into the plain
JSON values kept as "before" and "after".
"""

from __future__ import annotations

import datetime
import decimal
import uuid
from collections.abc import Iterable
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models.fields.files import FieldFile

from .context import current_request
from .models import AuditEntry
from .services import note_audit_written


def _plain(value: Any) -> Any:
    if isinstance(value, datetime.datetime | datetime.date | datetime.time):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return str(value)
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, models.Model):
        return value.pk
    if isinstance(value, list | tuple):
        return [_plain(item) for item in value]
    if isinstance(value, dict):
        return {str(key): _plain(item) for key, item in value.items()}
    if isinstance(value, FieldFile):  # (value.url would raise on an empty file)
        return value.name or None
    return value


def snapshot(instance: models.Model, fields: Iterable[str] | None = None) -> dict[str, Any]:
    """The concrete field values of ``instance`` as JSON-ready data (foreign keys as ids)."""
    names = (
        list(fields)
        if fields is not None
        else [
            field.attname
            for field in instance._meta.concrete_fields
            if field.name not in {"created_at", "updated_at"}
        ]
    )
    return {name: _plain(getattr(instance, name)) for name in names}


def _actor_label(actor) -> str:
    if actor is None:
        return "Hệ thống"
    full_name = getattr(actor, "full_name", "") or actor.get_full_name()
    return f"{full_name} ({actor.get_username()})" if full_name else actor.get_username()


def record(
    action: str,
    obj: models.Model,
    *,
    actor=None,
    before: dict | None = None,
    after: dict | None = None,
    summary: str = "",
    unit_id: int | None = None,
) -> AuditEntry:
    """Append one audit entry. Call it inside the service's transaction."""
    info = current_request.get()
    if unit_id is None:
        unit_id = getattr(obj, "audit_unit_id", None)
    entry = AuditEntry.objects.create(
        actor=actor if getattr(actor, "pk", None) else None,
        actor_label=_actor_label(actor if getattr(actor, "pk", None) else None),
        action=action,
        summary=summary[:500],
        content_type=ContentType.objects.get_for_model(obj, for_concrete_model=False),
        object_id=str(obj.pk),
        object_repr=str(obj)[:300],
        unit_id=unit_id,
        before=_plain(before) if before is not None else None,
        after=_plain(after) if after is not None else None,
        ip_address=info.ip_address,
        request_id=info.request_id,
    )
    note_audit_written()
    return entry


def history_for(obj: models.Model):
    """Every audit entry about ``obj``, newest first."""
    content_type = ContentType.objects.get_for_model(obj, for_concrete_model=False)
    return AuditEntry.objects.filter(content_type=content_type, object_id=str(obj.pk)).select_related(
        "actor", "content_type"
    )
