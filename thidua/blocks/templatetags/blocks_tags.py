"""Template helpers for the blocks pages: points written the Vietnamese way (decimal comma)."""

from decimal import Decimal, InvalidOperation

from django import template

from ..documents import _entry_text
from ..scoring import format_points

register = template.Library()


@register.filter
def diem(value):
    """Points with a decimal comma and no trailing zeros: 27.50 → "27,5"; "" for None."""
    if value is None or value == "":
        return ""
    try:
        return format_points(Decimal(str(value)))
    except InvalidOperation:
        return value


@register.filter
def entry_text(entry):
    """What an entry says: points, "95%", "3 lần" or a tick."""
    return _entry_text(entry, None)


@register.filter
def get_item(mapping, key):
    """``mapping[key]`` in a template (None when absent)."""
    if not mapping:
        return None
    return mapping.get(key)
