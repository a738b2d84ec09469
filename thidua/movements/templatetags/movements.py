"""Template helpers for movements: plain numbers and the home-page panel."""

from decimal import Decimal

from django import template

from thidua.movements import queries

register = template.Library()


@register.filter
def plain(value):
    """A stored Decimal without trailing zeros (56.3000 → 56.3); localised by the template engine."""
    if isinstance(value, Decimal):
        return queries.decimal_plain(value)
    return value


@register.simple_tag(takes_context=True)
def home_movements(context, limit=5):
    """Launched movements the current user takes part in (for the home page panel)."""
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or not user.has_perm("movements.browse"):
        return []
    return queries.home_movements(user, limit=limit)
