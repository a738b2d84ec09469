"""Template helpers shared by every app."""

import datetime
import re

from django import template
from django.core.exceptions import FieldDoesNotExist
from django.utils.translation import gettext

register = template.Library()

ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _field(model, name):
    if model is None:
        return None
    try:
        return model._meta.get_field(name.removesuffix("_id") if name.endswith("_id") else name)
    except FieldDoesNotExist:
        return None


def _readable(field, value):
    """An audit value as an officer reads it: choice labels, dd/mm/yyyy dates, yes/no."""
    if value is None or value == "":
        return "—"
    if field is not None and getattr(field, "choices", None):
        return dict(field.flatchoices).get(value, value)
    if isinstance(value, bool):
        return gettext("có") if value else gettext("không")
    if isinstance(value, str) and ISO_DATE.match(value):
        return datetime.date.fromisoformat(value).strftime("%d/%m/%Y")
    if isinstance(value, list):
        return ", ".join(str(item) for item in value)
    return value


@register.filter
def readable_changes(entry):
    """(label, before, after) for each changed field of an audit entry, with the field's Vietnamese label."""
    model = entry.content_type.model_class() if entry.content_type_id else None
    rows = []
    for name, before, after in entry.changes:
        field = _field(model, name)
        label = str(field.verbose_name) if field is not None else name
        rows.append((label, _readable(field, before), _readable(field, after)))
    return rows
